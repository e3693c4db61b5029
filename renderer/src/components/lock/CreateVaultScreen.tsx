// First run: choose the master password that encrypts the vault (twice, at least 8 characters).
// The fields are uncontrolled so the password never lands in a DOM attribute or in React state.
import { useRef, useState, type FormEvent } from 'react'
import {
  estimatePasswordStrength,
  MIN_MASTER_PASSWORD_LENGTH,
  type PasswordStrength,
} from '../../format/passwordStrength'
import { useSessionStore } from '../../stores/sessionStore'
import { ErrorMessage } from '../shared/ErrorMessage'
import { PasswordField } from '../shared/PasswordField'
import { LockScreenLayout } from './LockScreenLayout'
import { PasswordStrengthMeter } from './PasswordStrengthMeter'

// Longer than 80 lines for its markup: the two password fields, the strength meter and the words
// about the vault's path share one form's state.
export function CreateVaultScreen({ vaultPath }: { vaultPath: string }) {
  const createVault = useSessionStore((state) => state.createVault)
  const passwordRef = useRef<HTMLInputElement>(null)
  const confirmRef = useRef<HTMLInputElement>(null)
  const [strength, setStrength] = useState<PasswordStrength>(() => estimatePasswordStrength(''))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const password = passwordRef.current?.value ?? ''
    const confirmation = confirmRef.current?.value ?? ''
    if (password.length < MIN_MASTER_PASSWORD_LENGTH) {
      setError(`The master password needs at least ${MIN_MASTER_PASSWORD_LENGTH} characters.`)
      passwordRef.current?.focus()
      return
    }
    if (password !== confirmation) {
      setError('The two passwords differ. Type the same password in both fields.')
      confirmRef.current?.select()
      confirmRef.current?.focus()
      return
    }
    setBusy(true)
    setError(null)
    const message = await createVault(password)
    setBusy(false)
    if (message) setError(message)
  }

  return (
    <LockScreenLayout
      title="Create your vault"
      lead={
        <p>
          Your keys are encrypted with a master password. Keyward cannot recover it, so choose one you will remember.
        </p>
      }
      footnote={
        <>
          Vault file: <span className="mono">{vaultPath}</span>
        </>
      }
    >
      <form className="lock-form" onSubmit={onSubmit} noValidate>
        <PasswordField
          ref={passwordRef}
          id="new-master-password"
          label="Master password"
          autoComplete="new-password"
          autoFocus
          aria-describedby="master-password-strength"
          onInput={(event) => {
            setStrength(estimatePasswordStrength(event.currentTarget.value))
            setError(null)
          }}
        />
        <PasswordStrengthMeter strength={strength} id="master-password-strength" />
        <PasswordField
          ref={confirmRef}
          id="confirm-master-password"
          label="Confirm master password"
          autoComplete="new-password"
          onInput={() => setError(null)}
        />
        <ErrorMessage message={error} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Creating vault…' : 'Create vault'}
        </button>
      </form>
    </LockScreenLayout>
  )
}
