// Settings → Vault file: where the vault is, its encrypted backups (newest first) and Back up now. A
// backup opens with the master password it was made under; restoring is done from the command line
// with the app closed (keyward restore NAME --dry-run shows what would change first).
import { useCallback, useEffect, useState } from 'react'
import type { BackupSummary } from '../../../preload/contract'
import { callKeyward } from '../api/callKeyward'
import { formatDateTime } from '../format/describeTime'
import { formatBytes } from '../format/formatBytes'
import { useSessionStore } from '../stores/sessionStore'
import { useUiStore } from '../stores/uiStore'

const BACKUPS_SHOWN = 5

const reasonInWords = (reason: string): string =>
  reason === 'manual'
    ? 'made by hand'
    : reason === 'before-restore'
      ? 'before a restore'
      : reason.replace(/^before-migration-to-v(\d+)$/, 'before the upgrade to schema $1')

export function BackupSettings() {
  const vaultPath = useSessionStore((state) => state.status?.vaultPath ?? '')
  const pushToast = useUiStore((state) => state.pushToast)
  const [backups, setBackups] = useState<BackupSummary[]>([])
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
    void load()
  }, [load])

  const backUp = async () => {
    setBusy(true)
    const result = await callKeyward('createBackup')
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setError(null)
    pushToast(`Backed up to ${result.value.name}`, 'success')
    await load()
  }

  return (
    <section className="settings-section" aria-labelledby="vault-file-title">
      <h2 id="vault-file-title" className="settings-title">
        Vault file
      </h2>
      <p className="settings-text">
        One encrypted file holds every key, name and tag; it is useless without the master password. Backups are
        encrypted copies of it, kept beside it (the last 10), each opening with the master password it was made under.
      </p>
      <p className="settings-path mono">{vaultPath}</p>
      <div className="settings-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void backUp()}>
          {busy ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      {backups.length > 0 ? (
        <ul className="backup-list" aria-label="Backups">
          {backups.slice(0, BACKUPS_SHOWN).map((backup) => (
            <li
              key={backup.name}
              className={backup.problem ? 'backup-damaged' : undefined}
              title={backup.problem ?? backup.name}
            >
              <span>{formatDateTime(backup.createdAt)}</span>
              <span className="muted">
                {reasonInWords(backup.reason)} · {formatBytes(backup.sizeBytes)}
                {backup.problem ? ' · damaged' : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {folder ? (
        <p className="settings-text backup-restore-hint">
          In <span className="mono">{folder}</span>. To restore one, close Keyward and run{' '}
          <span className="mono">keyward restore NAME --dry-run</span> to see what would change, then without --dry-run.
        </p>
      ) : null}
      {error ? <p className="error-message">{error}</p> : null}
    </section>
  )
}
