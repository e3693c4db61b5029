// The Dialogs main/ipc asks for (main/ipc/dialogs.ts), implemented with Electron's dialog module,
// which comes in through a minimal interface so a test checks the options and the cancel paths.
import type { OpenDialogOptions, SaveDialogOptions } from 'electron'
import type { Dialogs } from '../ipc/index'

export interface DialogLike<Window> {
  showOpenDialog(window: Window, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>
  showSaveDialog(window: Window, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>
}

// .env files are usually dotfiles without an extension (.env, .env.local): offer all files too.
export const IMPORT_DIALOG_OPTIONS: OpenDialogOptions = {
  title: 'Import a .env file',
  buttonLabel: 'Preview import',
  properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'],
  filters: [
    { name: 'Environment files', extensions: ['env'] },
    { name: 'All files', extensions: ['*'] },
  ],
}

export const exportDialogOptions = (suggestedName: string): SaveDialogOptions => ({
  title: 'Export keys to a .env file',
  buttonLabel: 'Export',
  defaultPath: suggestedName,
  properties: ['createDirectory', 'showOverwriteConfirmation', 'showHiddenFiles', 'dontAddToRecent'],
  filters: [
    { name: 'Environment files', extensions: ['env'] },
    { name: 'All files', extensions: ['*'] },
  ],
})

export const caCertificateDialogOptions = (providerName: string): OpenDialogOptions => ({
  title: `Trust a CA certificate for ${providerName}`,
  buttonLabel: 'Trust certificate',
  properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'],
  filters: [
    { name: 'PEM certificates', extensions: ['pem', 'crt', 'cer'] },
    { name: 'All files', extensions: ['*'] },
  ],
})

export const SCAN_FOLDER_DIALOG_OPTIONS: OpenDialogOptions = {
  title: 'Scan a folder or git repository for leaked keys',
  buttonLabel: 'Choose folder',
  properties: ['openDirectory', 'showHiddenFiles', 'dontAddToRecent'],
}

export const backupDialogOptions = (backupsFolder: string): OpenDialogOptions => ({
  title: 'Restore a Keyward backup',
  buttonLabel: 'Preview restore',
  defaultPath: backupsFolder,
  properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'],
  filters: [
    { name: 'Keyward backups', extensions: ['keyward-backup'] },
    { name: 'All files', extensions: ['*'] },
  ],
})

/** Dialogs shown as sheets of the current window when there is one. */
export const createElectronDialogs = <Window>(
  dialog: DialogLike<Window>,
  currentWindow: () => Window | null,
): Dialogs => ({
  chooseEnvFileToImport: () => chooseOneFile(dialog, currentWindow(), IMPORT_DIALOG_OPTIONS),
  chooseCaCertificate: (providerName) =>
    chooseOneFile(dialog, currentWindow(), caCertificateDialogOptions(providerName)),
  chooseFolderToScan: () => chooseOneFile(dialog, currentWindow(), SCAN_FOLDER_DIALOG_OPTIONS),
  chooseBackupToRestore: (backupsFolder) => chooseOneFile(dialog, currentWindow(), backupDialogOptions(backupsFolder)),
  async chooseExportPath(suggestedName) {
    const window = currentWindow()
    const options = exportDialogOptions(suggestedName)
    const answer = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options)
    return answer.canceled || !answer.filePath ? null : answer.filePath
  },
})

const chooseOneFile = async <Window>(
  dialog: DialogLike<Window>,
  window: Window | null,
  options: OpenDialogOptions,
): Promise<string | null> => {
  const answer = window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options)
  const [chosen] = answer.filePaths
  return answer.canceled || chosen === undefined || chosen === '' ? null : chosen
}
