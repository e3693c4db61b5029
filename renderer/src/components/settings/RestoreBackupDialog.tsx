// Restoring a backup: the master password again, then a preview of what the backup holds against the
// vault now (keys brought back, removed and changed, by name; never a value), then Restore. Main backs
// the vault up before replacing it, so the restore can be undone by restoring that backup. The password
// stays in its (uncontrolled) field between preview and restore; typing in it again asks a new preview.
import { useRef, useState, type FormEvent } from 'react'
import type { BackupSource, BackupSummary, RestorePreview } from '#contract'
import { callKeyward } from '../../api/callKeyward'
import { formatLocalDateTime } from '../../format/localDateTime'
import { useKeysStore } from '../../stores/keysStore'
import { useProvidersStore } from '../../stores/providersStore'
import { useRotationStore } from '../../stores/rotationStore'
import { useSessionStore } from '../../stores/sessionStore'
import { useTestsStore } from '../../stores/testsStore'
import { useUiStore } from '../../stores/uiStore'
import { Dialog } from '../shared/Dialog'
import { DialogActions } from '../shared/DialogActions'
import { ErrorMessage } from '../shared/ErrorMessage'
import { PasswordField } from '../shared/PasswordField'
import { describeBackup } from './BackupsSettings'
import { RestorePreviewSummary } from './RestorePreviewSummary'

interface RestoreBackupDialogProps {
  source: BackupSource
  backup: BackupSummary
}

/** Every list the window holds was read from the vault that was just replaced: read them all again. */
const reloadAfterRestore = async (): Promise<void> => {
  await useSessionStore.getState().refreshStatus()
  await Promise.all([
    useKeysStore.getState().loadKeys({ selectFirst: true }),
    useTestsStore.getState().loadKeys(),
    useProvidersStore.getState().loadProviders({ force: true }),
    useRotationStore.getState().loadOverview(),
  ])
}

// Longer than 80 lines: preview and restore share the form's fields, its error and its busy state.
export function RestoreBackupDialog({ source, backup }: RestoreBackupDialogProps) {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const passwordRef = useRef<HTMLInputElement>(null)
  const backupPasswordRef = useRef<HTMLInputElement>(null)
  const [preview, setPreview] = useState<RestorePreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'preview' | 'restore' | null>(null)

  /** The passwords as typed, or null (and the field focused) when the master password is missing. */
  const passwords = (): { password: string; backupPassword?: string } | null => {
    const password = passwordRef.current?.value ?? ''
    if (!password) {
      setError('Enter your master password.')
      passwordRef.current?.focus()
      return null
    }
    const backupPassword = backupPasswordRef.current?.value || undefined
    return backupPassword ? { password, backupPassword } : { password }
  }

  const showError = (message: string) => {
    setError(message)
    passwordRef.current?.select()
    passwordRef.current?.focus()
  }

  const askPreview = async () => {
    const typed = passwords()
    if (!typed) return
    setBusy('preview')
    const result = await callKeyward('previewRestore', { source, ...typed })
    setBusy(null)
    if (!result.ok) return showError(result.error.message)
    setError(null)
    setPreview(result.value)
  }

  const restore = async () => {
    const typed = passwords()
    if (!typed) return
    setBusy('restore')
    const result = await callKeyward('restoreBackup', { source, ...typed })
    if (!result.ok) {
      setBusy(null)
      return showError(result.error.message)
    }
    await reloadAfterRestore()
    closeDialog()
    pushToast(
      `Restored the backup of ${formatLocalDateTime(backup.createdAt)}. The vault as it was is kept as a backup.`,
      'success',
    )
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void (preview ? restore() : askPreview())
  }

  const restoreBlocked = preview?.refusal != null
  const confirmLabel =
    busy === 'preview' ? 'Reading the backup…' : busy === 'restore' ? 'Restoring…' : preview ? 'Restore' : 'Preview'

  return (
    <Dialog
      title="Restore a backup"
      subtitle={
        <>
          {formatLocalDateTime(backup.createdAt)} · {describeBackup(backup)}
        </>
      }
      onClose={closeDialog}
      size="medium"
      footer={
        <DialogActions
          onCancel={closeDialog}
          form="restore-backup-form"
          confirmLabel={confirmLabel}
          tone={preview ? 'danger' : 'primary'}
          disabled={busy !== null || restoreBlocked}
        />
      }
    >
      <form
        id="restore-backup-form"
        className="restore-form"
        onSubmit={onSubmit}
        onInput={() => {
          setError(null)
          setPreview(null)
        }}
        noValidate
      >
        <PasswordField
          ref={passwordRef}
          id="restore-master-password"
          label="Master password"
          autoComplete="current-password"
          data-autofocus
          invalid={Boolean(error)}
          aria-describedby="restore-error"
        />
        <details className="restore-older-password">
          <summary>Made before you changed the master password?</summary>
          <PasswordField
            ref={backupPasswordRef}
            id="restore-backup-password"
            label="The backup’s master password"
            autoComplete="off"
          />
          <p className="field-hint">The vault keeps its current master password after the restore.</p>
        </details>
        <ErrorMessage message={error} id="restore-error" />
      </form>
      {preview ? <RestorePreviewSummary preview={preview} /> : null}
    </Dialog>
  )
}
