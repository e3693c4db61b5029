// Main's confirmation of a wider reach, answered the way the test said: a queued answer first
// (true: Allow, false: Cancel), else the test's rule for that question, else Cancel (the dialog's
// default). Every question is kept.
import type { Confirmations, WideningRequest } from '../../main/ipc/confirmations'

export class ScriptedConfirmations implements Confirmations {
  private readonly answers: boolean[] = []
  readonly asked: WideningRequest[] = []

  constructor(private readonly rule: (request: WideningRequest) => boolean = () => false) {}

  answerNext(allow: boolean): void {
    this.answers.push(allow)
  }

  async confirmWiderReach(request: WideningRequest): Promise<boolean> {
    this.asked.push(request)
    return this.answers.shift() ?? this.rule(request)
  }
}
