// Changing the master password: the current one, then the new one twice. Fields are uncontrolled and
// emptied once the change is done.
import { useRef, useState, type FormEvent } from 'react'
import { estimatePasswordStrength, MIN_MASTER_PASSWORD_LENGTH, type PasswordStrength } from '../format/passwordStrength'
import { useSessionStore } from '../stores/sessionStore'
import { useUiStore } from '../stores/uiStore'
import { ErrorMessage } from './ErrorMessage'
import { PasswordStrengthMeter } from './PasswordStrengthMeter'

export function ChangeMasterPasswordForm() {
  const changeMasterPassword = useSessionStore((state) => state.changeMasterPassword)
  const pushToast = useUiStore((state) => state.pushToast)
  const formRef = useRef<HTMLFormElement>(null)
  const [strength, setStrength] = useState<PasswordStrength>(() => estimatePasswordStrength(''))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? ''
    const currentPassword = field('current')
    const newPassword = field('new')
    if (!currentPassword) return setError('Enter your current master password.')
    if (newPassword.length < MIN_MASTER_PASSWORD_LENGTH) {
      return setError(`The new master password needs at least ${MIN_MASTER_PASSWORD_LENGTH} characters.`)
    }
    if (newPassword !== field('confirm'))
      return setError('The two new passwords differ. Type the same password in both fields.')
    setBusy(true)
    const message = await changeMasterPassword(currentPassword, newPassword)
    setBusy(false)
    setError(message)
    if (!message) {
      formRef.current?.reset()
      setStrength(estimatePasswordStrength(''))
      pushToast('Master password changed', 'success')
    }
  }

  return (
    <section className="settings-section" aria-labelledby="master-password-title">
      <h2 id="master-password-title" className="settings-title">
        Master password
      </h2>
      <p className="settings-text">Keyward re-encrypts the vault key with the new password. Keys stay as they are.</p>
      <form ref={formRef} className="settings-form" onSubmit={onSubmit} noValidate>
        <label className="field-label" htmlFor="current-master-password">
          Current password
        </label>
        <input
          id="current-master-password"
          name="current"
          className="text-input"
          type="password"
          autoComplete="current-password"
        />
        <label className="field-label" htmlFor="changed-master-password">
          New password
        </label>
        <input
          id="changed-master-password"
          name="new"
          className="text-input"
          type="password"
          autoComplete="new-password"
          aria-describedby="changed-password-strength"
          onInput={(event) => setStrength(estimatePasswordStrength(event.currentTarget.value))}
        />
        <PasswordStrengthMeter strength={strength} id="changed-password-strength" />
        <label className="field-label" htmlFor="confirm-changed-master-password">
          Confirm new password
        </label>
        <input
          id="confirm-changed-master-password"
          name="confirm"
          className="text-input"
          type="password"
          autoComplete="new-password"
        />
        <ErrorMessage message={error} />
        <div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change master password'}
          </button>
        </div>
      </form>
    </section>
  )
}
