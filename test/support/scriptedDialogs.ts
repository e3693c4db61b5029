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
    return this.next()
  }

  async chooseCaCertificate(providerName: string): Promise<string | null> {
    this.asked.push(`ca ${providerName}`)
    return this.next()
  }

  async chooseFolderToScan(): Promise<string | null> {
    this.asked.push('scan folder')
    return this.next()
  }

  async chooseBackupToRestore(): Promise<string | null> {
    this.asked.push('backup')
    return this.next()
  }

  async chooseExportPath(suggestedName: string): Promise<string | null> {
    this.asked.push(`export ${suggestedName}`)
    return this.next()
  }

  /** The queued answer; with none queued, the user pressed Cancel. */
  private next(): string | null {
    if (this.answers.length === 0) {
      console.warn(
        `[keyward test] a file dialog (${this.asked.at(-1)}) opened with no scripted answer: answering Cancel`,
      )
      return null
    }
    return this.answers.shift() ?? null
  }
}
