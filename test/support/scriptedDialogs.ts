// File dialogs that answer what the test queued, the way a user would pick a file.
import type { Dialogs } from '../../main/ipc/dialogs'

export class ScriptedDialogs implements Dialogs {
  private readonly answers: (string | null)[] = []
  readonly asked: string[] = []

  answerNext(path: string | null): void {
    this.answers.push(path)
  }

  async chooseEnvFileToImport(): Promise<string | null> {
    this.asked.push('import')
    return this.answers.shift() ?? null
  }

  async chooseExportPath(suggestedName: string): Promise<string | null> {
    this.asked.push(`export ${suggestedName}`)
    return this.answers.shift() ?? null
  }
}
