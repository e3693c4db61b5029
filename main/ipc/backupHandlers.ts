// The contract's backup methods: list, back up now, choose a backup kept elsewhere, preview a restore
// and restore. The window names a backup by its name in main's own list, or by the id main gave a file
// the user chose in main's open-file dialog; it never sends a path, and main turns either into one.
// Previews and restores ask for the master password again, as other sensitive actions do.
import { randomUUID } from 'node:crypto'
import type { BackupSource, RestorePreview } from '#contract'
import { KeywardError, isKeywardError } from '../common/errors'
import {
  backupsFolderFor,
  describeBackupFile,
  previewRestore,
  restoreBackup,
  type BackupInfo,
  type VaultRestorePreview,
} from '../vault/index'
import type { Handlers } from './handlerTypes'
import type { MainServices } from './services'

type BackupHandlers = Pick<
  Handlers,
  'listBackups' | 'createBackup' | 'chooseBackupFile' | 'previewRestore' | 'restoreBackup'
>

export const toBackupSummary = ({ name, createdAt, reason, sizeBytes, keyCount, problem }: BackupInfo) => ({
  name,
  createdAt,
  reason,
  sizeBytes,
  keyCount,
  problem,
})

/** Files chosen in the dialog are forgotten after this many, oldest first (one is all a person needs). */
const CHOSEN_FILES_KEPT = 8

// Longer than 80 lines: five handlers share the files chosen in main's dialog, forgotten together
// when the vault locks.
export const createBackupHandlers = ({ session, dialogs, clock }: MainServices): BackupHandlers => {
  const chosenFiles = new Map<string, string>()
  session.onLock(() => chosenFiles.clear())

  /** The path behind what the window named: only a backup main listed, or a file main's dialog gave. */
  const backupPathOf = (source: BackupSource): string => {
    const vault = session.vault()
    if (source.from === 'list') {
      const listed = vault.listBackups().find((backup) => backup.name === source.name)
      if (!listed) {
        throw new KeywardError(
          'not_found',
          'There is no such backup beside this vault (it may have been deleted). Choose one from the list; nothing was changed.',
        )
      }
      return listed.path
    }
    const chosen = chosenFiles.get(source.choiceId)
    if (!chosen)
      throw new KeywardError('not_found', 'Choose the backup file again ("Restore from a file…"); nothing was changed.')
    return chosen
  }

  /** Main's messages name files by their full path; the window shows the home folder as ~. */
  const withShownPaths = async <Result>(backupPath: string, work: () => Promise<Result>): Promise<Result> => {
    try {
      return await work()
    } catch (error) {
      if (!isKeywardError(error)) throw error
      const shown = error.message
        .replaceAll(backupPath, session.displayPath(backupPath))
        .replaceAll(session.vaultPath, session.displayPath())
      throw new KeywardError(error.code, shown, { cause: error })
    }
  }

  const toAnswer = (preview: VaultRestorePreview): RestorePreview => {
    // Read whole with the password, the backup's keys are counted here, sealed count or not.
    const keysInBackup = preview.added.length + preview.changed.length + preview.unchanged
    return {
      backup: toBackupSummary({ ...preview.backup, keyCount: keysInBackup }),
      keysNow: preview.current.state === 'readable' ? preview.current.keyCount : null,
      keysInBackup,
      added: preview.added,
      removed: preview.removed,
      changed: preview.changed,
      unchanged: preview.unchanged,
      // The app restores only backups of this vault; the command line, with the app closed, can force others.
      refusal:
        preview.needsForce === null
          ? null
          : 'This backup is of another vault. Keyward restores only backups of the vault that is open; to replace this vault with another one’s keys, quit Keyward and run "keyward restore --force".',
    }
  }

  /** The master password checked against the vault first, then the backup read whole; nothing is written. */
  const checkedPreview = async (backupPath: string, password: string, backupPassword?: string) => {
    const vault = session.vault()
    await vault.confirmPassword(password)
    return withShownPaths(backupPath, () =>
      previewRestore(vault.path, backupPath, backupPassword ?? password, { currentPassword: password, clock }),
    )
  }

  return {
    listBackups: () => {
      const vault = session.vault()
      return {
        folder: session.displayPath(backupsFolderFor(vault.path)),
        backups: vault.listBackups().map(toBackupSummary),
      }
    },
    createBackup: () => toBackupSummary(session.vault().backUp()),
    chooseBackupFile: async () => {
      const vault = session.vault()
      const path = await dialogs.chooseBackupToRestore(backupsFolderFor(vault.path))
      if (path === null) return { canceled: true as const }
      const backup = await withShownPaths(path, async () => describeBackupFile(path))
      const choiceId = randomUUID()
      chosenFiles.set(choiceId, path)
      while (chosenFiles.size > CHOSEN_FILES_KEPT) chosenFiles.delete(chosenFiles.keys().next().value!)
      return { canceled: false as const, choiceId, backup: toBackupSummary(backup) }
    },
    previewRestore: async ({ source, password, backupPassword }) =>
      toAnswer(await checkedPreview(backupPathOf(source), password, backupPassword)),
    restoreBackup: async ({ source, password, backupPassword }) => {
      const backupPath = backupPathOf(source)
      // The backup is checked whole while the vault stays open: a damaged or foreign one never closes it.
      const preview = toAnswer(await checkedPreview(backupPath, password, backupPassword))
      if (preview.refusal !== null)
        throw new KeywardError('invalid_argument', `${preview.refusal} Nothing was changed.`)
      const restored = await withShownPaths(backupPath, () =>
        session.replaceVaultFile(password, (vaultPath) =>
          restoreBackup(vaultPath, backupPath, backupPassword ?? password, {
            currentPassword: password,
            now: new Date(clock.now()),
            clock,
          }),
        ),
      )
      return { ...toAnswer(restored.preview), safetyBackup: restored.safetyBackup?.name ?? null }
    },
  }
}
