// The locked vault: why it locked (idle, sleep, screen lock), one password field, a plain error.
import type { VaultStatus } from '#contract'
import { useMasterPasswordForm } from '../../hooks/useMasterPasswordForm'
import { useSessionStore } from '../../stores/sessionStore'
import { ErrorMessage } from '../shared/ErrorMessage'
import { PasswordField } from '../shared/PasswordField'
import { LockScreenLayout } from './LockScreenLayout'

const describeLockReason = (status: VaultStatus): string | null => {
  switch (status.lockedBecause) {
    case 'idle':
      return `Locked after ${status.autoLockMinutes} ${status.autoLockMinutes === 1 ? 'minute' : 'minutes'} idle`
    case 'suspend':
      return 'Locked because the system slept'
    case 'screen-lock':
      return 'Locked because the screen was locked'
    case 'user':
      return 'You locked the vault'
    default:
      return null
  }
}

export function UnlockScreen({ status }: { status: VaultStatus }) {
  const unlockVault = useSessionStore((state) => state.unlockVault)
  const { passwordRef, error, busy, onSubmit, clearError } = useMasterPasswordForm(unlockVault)
  const reason = describeLockReason(status)

  return (
    <LockScreenLayout
      title="Vault locked"
      lead={reason ? <p className="lock-reason">{reason}</p> : <p>Enter your master password to open the vault.</p>}
      footnote={
        <>
          Vault file: <span className="mono">{status.vaultPath}</span>
        </>
      }
    >
      <form className="lock-form" onSubmit={onSubmit} noValidate>
        <PasswordField
          ref={passwordRef}
          id="master-password"
          label="Master password"
          autoComplete="current-password"
          autoFocus
          invalid={Boolean(error)}
          aria-describedby="unlock-error"
          onInput={clearError}
        />
        <ErrorMessage message={error} id="unlock-error" />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    </LockScreenLayout>
  )
}
