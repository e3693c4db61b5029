import { describe, expect, it } from 'vitest'
import type { OpenDialogOptions, SaveDialogOptions } from 'electron'
import { createElectronDialogs, type DialogLike } from '../../../main/app/electronDialogs'

type Window = { id: number }

/** Electron's dialog with scripted answers; records which window and options it was shown with. */
const scriptedDialog = (answers: {
  open?: { canceled: boolean; filePaths: string[] }
  save?: { canceled: boolean; filePath?: string }
}) => {
  const shown: { kind: 'open' | 'save'; window: Window | null; options: OpenDialogOptions | SaveDialogOptions }[] = []
  const dialog = {
    async showOpenDialog(first: Window | OpenDialogOptions, second?: OpenDialogOptions) {
      shown.push({
        kind: 'open',
        window: second ? (first as Window) : null,
        options: second ?? (first as OpenDialogOptions),
      })
      return answers.open ?? { canceled: true, filePaths: [] }
    },
    async showSaveDialog(first: Window | SaveDialogOptions, second?: SaveDialogOptions) {
      shown.push({
        kind: 'save',
        window: second ? (first as Window) : null,
        options: second ?? (first as SaveDialogOptions),
      })
      return answers.save ?? { canceled: true, filePath: '' }
    },
  } as DialogLike<Window>
  return { dialog, shown }
}

describe('the Electron file dialogs', () => {
  const window: Window = { id: 1 }

  it('answers the chosen .env file, asked as a sheet of the window', async () => {
    const { dialog, shown } = scriptedDialog({ open: { canceled: false, filePaths: ['/home/dev/app/.env'] } })
    const dialogs = createElectronDialogs(dialog, () => window)
    expect(await dialogs.chooseEnvFileToImport()).toBe('/home/dev/app/.env')
    expect(shown[0]?.window).toBe(window)
    const options = shown[0]?.options as OpenDialogOptions
    expect(options.properties).toContain('openFile')
    expect(options.properties).toContain('showHiddenFiles')
    expect(options.properties).not.toContain('multiSelections')
  })

  it('answers null when the user cancels either dialog', async () => {
    const { dialog } = scriptedDialog({
      open: { canceled: true, filePaths: [] },
      save: { canceled: true, filePath: '' },
    })
    const dialogs = createElectronDialogs(dialog, () => window)
    expect(await dialogs.chooseEnvFileToImport()).toBeNull()
    expect(await dialogs.chooseExportPath('keyward-live.env')).toBeNull()
  })

  it('suggests the export name and asks before overwriting', async () => {
    const { dialog, shown } = scriptedDialog({ save: { canceled: false, filePath: '/tmp/keyward-live.env' } })
    const dialogs = createElectronDialogs(dialog, () => null)
    expect(await dialogs.chooseExportPath('keyward-live.env')).toBe('/tmp/keyward-live.env')
    expect(shown[0]?.window).toBeNull()
    const options = shown[0]?.options as SaveDialogOptions
    expect(options.defaultPath).toBe('keyward-live.env')
    expect(options.properties).toContain('showOverwriteConfirmation')
  })

  it('asks for a folder, not a file, to scan', async () => {
    const { dialog, shown } = scriptedDialog({ open: { canceled: false, filePaths: ['/home/dev/app'] } })
    const dialogs = createElectronDialogs(dialog, () => window)
    expect(await dialogs.chooseFolderToScan()).toBe('/home/dev/app')
    const options = shown[0]?.options as OpenDialogOptions
    expect(options.properties).toContain('openDirectory')
    expect(options.properties).not.toContain('openFile')
  })

  it('opens a backup to restore in the vault’s backups folder, one file, Keyward backups first', async () => {
    const { dialog, shown } = scriptedDialog({
      open: { canceled: false, filePaths: ['/media/usb/vault.keyward-backup'] },
    })
    const dialogs = createElectronDialogs(dialog, () => window)
    expect(await dialogs.chooseBackupToRestore('/home/dev/.config/Keyward/backups')).toBe(
      '/media/usb/vault.keyward-backup',
    )
    const options = shown[0]?.options as OpenDialogOptions
    expect(options.defaultPath).toBe('/home/dev/.config/Keyward/backups')
    expect(options.properties).toContain('openFile')
    expect(options.properties).not.toContain('multiSelections')
    expect(options.filters?.[0]?.extensions).toEqual(['keyward-backup'])
  })
})
