// Main's confirmation of a wider reach, answered the way the test said: a queued answer first
// (true: Allow, false: Cancel), else the test's rule for that question, else Cancel (the dialog's
// default). Every question is kept. The prompt for a command's values likewise: a queued answer,
// else Deny.
import type { AskUser, CommandPrompt, PromptAnswer } from '../../main/cli/index'
import type { Confirmations, WideningRequest } from '../../main/ipc/confirmations'

export class ScriptedConfirmations implements Confirmations {
  private readonly answers: boolean[] = []
  readonly asked: WideningRequest[] = []

  constructor(private readonly rule: (request: WideningRequest) => boolean = () => false) {}

  answerNext(allow: boolean): void {
    this.answers.push(allow)
  }

  private readonly commandAnswers: PromptAnswer[] = []
  readonly askedCommands: CommandPrompt[] = []

  answerNextCommand(answer: PromptAnswer): void {
    this.commandAnswers.push(answer)
  }

  readonly askCommand: AskUser = async (prompt) => {
    this.askedCommands.push(prompt)
    return this.commandAnswers.shift() ?? 'deny'
  }

  async confirmWiderReach(request: WideningRequest): Promise<boolean> {
    this.asked.push(request)
    return this.answers.shift() ?? this.rule(request)
  }
}
