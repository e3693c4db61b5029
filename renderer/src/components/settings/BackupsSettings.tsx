// Settings › Backups: the vault's encrypted backups, newest first, each named by when it was made (in
// the OS locale), why, its size and how many keys it holds; Back up now; and Restore…, from this list
// or from a file chosen in main's dialog. Restoring opens a dialog that previews the change first.
import { useCallback, useEffect, useState } from 'react'
import type { BackupSummary } from '#contract'
import { callKeyward } from '../../api/callKeyward'
import { countNoun } from '../../format/countNoun'
import { formatBytes } from '../../format/formatBytes'
import { formatLocalDateTime } from '../../format/localDateTime'
import { useUiStore } from '../../stores/uiStore'
import { ErrorMessage } from '../shared/ErrorMessage'

export const backupReasonInWords = (reason: string): string =>
  reason === 'manual'
    ? 'made by hand'
    : reason === 'before-restore'
      ? 'before a restore'
      : reason.replace(/^before-migration-to-v(\d+)$/, 'before the upgrade to schema $1')

/** "made by hand · 3 keys · 12 KB": what a backup is, after its date. */
export const describeBackup = (backup: BackupSummary): string =>
  [
    backupReasonInWords(backup.reason),
    backup.keyCount === null ? null : countNoun(backup.keyCount, 'key'),
    formatBytes(backup.sizeBytes),
    backup.problem ? 'damaged' : null,
  ]
    .filter(Boolean)
    .join(' · ')

// Longer than 80 lines for its markup: the list of backups and its actions (back up now, choose a
// file, restore) share one busy and error state.
export function BackupsSettings() {
  const pushToast = useUiStore((state) => state.pushToast)
  const openDialog = useUiStore((state) => state.openDialog)
  // The dialog closes after a restore: the list is read again, with the new "before a restore" backup.
  const dialogOpen = useUiStore((state) => state.dialog !== null)
  const [backups, setBackups] = useState<BackupSummary[] | null>(null)
  const [folder, setFolder] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    const result = await callKeyward('listBackups')
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setBackups(result.value.backups)
    setFolder(result.value.folder)
  }, [])

  useEffect(() => {
    if (!dialogOpen) void load()
  }, [load, dialogOpen])

  const backUp = async () => {
    setBusy(true)
    const result = await callKeyward('createBackup')
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setError(null)
    pushToast(`Backed up: ${formatLocalDateTime(result.value.createdAt)}`, 'success')
    await load()
  }

  const restoreFromFile = async () => {
    const result = await callKeyward('chooseBackupFile')
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setError(null)
    if (result.value.canceled) return
    openDialog({
      kind: 'restore-backup',
      source: { from: 'file', choiceId: result.value.choiceId },
      backup: result.value.backup,
    })
  }

  return (
    <section className="settings-section" aria-labelledby="backups-title">
      <h2 id="backups-title" className="settings-title">
        Backups
      </h2>
      <p className="settings-text">
        Encrypted copies of the vault, kept beside it (the last 10)
        {folder ? (
          <>
            {' '}
            in <span className="mono">{folder}</span>
          </>
        ) : null}
        . Each opens with the master password the vault had when it was made. Restoring one shows what would change
        first, and backs up the vault as it is before replacing it.
      </p>
      <div className="settings-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void backUp()}>
          {busy ? 'Backing up…' : 'Back up now'}
        </button>
        <button type="button" className="button" onClick={() => void restoreFromFile()}>
          Restore from a file…
        </button>
      </div>
      <ErrorMessage message={error} />
      {backups !== null && backups.length === 0 ? (
        <p className="settings-text backup-empty">
          No backups yet. Back up now, or let Keyward make one: it does before each upgrade and each restore.
        </p>
      ) : null}
      {backups !== null && backups.length > 0 ? (
        <ul className="backup-list" aria-label="Backups">
          {backups.map((backup) => (
            <li key={backup.name} className={backup.problem ? 'backup-damaged' : undefined}>
              <span className="backup-name" title={backup.problem ?? backup.name}>
                <span className="backup-when">{formatLocalDateTime(backup.createdAt)}</span>
                <span className="backup-facts">{describeBackup(backup)}</span>
              </span>
              <button
                type="button"
                className="button button-small"
                disabled={backup.problem !== null}
                aria-label={`Restore the backup of ${formatLocalDateTime(backup.createdAt)}…`}
                onClick={() =>
                  openDialog({ kind: 'restore-backup', source: { from: 'list', name: backup.name }, backup })
                }
              >
                Restore…
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
