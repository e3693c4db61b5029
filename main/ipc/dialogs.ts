// The file dialogs main shows on the renderer's behalf. The renderer never names a path itself:
// it asks main to ask the user. Electron's dialog module implements this in main/app; tests and the
// harness pass scripted answers.
export interface Dialogs {
  /** Path of the .env file the user chose to import, or null when they cancelled. */
  chooseEnvFileToImport(): Promise<string | null>
  /** Path to write an export to, or null when they cancelled. */
  chooseExportPath(suggestedName: string): Promise<string | null>
  /** Path of a CA certificate (PEM) the user chose to trust for a provider, or null. */
  chooseCaCertificate(providerName: string): Promise<string | null>
  /** A folder (or repository) to scan for leaked keys, or null. */
  chooseFolderToScan(): Promise<string | null>
  /** A Keyward backup to restore, kept somewhere other than the vault's backups folder (opened there), or null. */
  chooseBackupToRestore(backupsFolder: string): Promise<string | null>
}
