// Changing the master password, in a dialog opened from Settings › Security: the current one, then the
// new one twice. Fields are uncontrolled (no password in React state); Esc or Cancel closes with nothing
// changed; a wrong current password is said as main says it, and the field is selected to type again.
import { useRef, useState, type FormEvent } from 'react'
import {
  estimatePasswordStrength,
  MIN_MASTER_PASSWORD_LENGTH,
  type PasswordStrength,
} from '../../format/passwordStrength'
import { useSessionStore } from '../../stores/sessionStore'
import { useUiStore } from '../../stores/uiStore'
import { Dialog } from '../shared/Dialog'
import { DialogActions } from '../shared/DialogActions'
import { ErrorMessage } from '../shared/ErrorMessage'
import { PasswordField } from '../shared/PasswordField'
import { PasswordStrengthMeter } from '../lock/PasswordStrengthMeter'

type Field = 'current' | 'new' | 'confirm'

const FIELD_IDS: Record<Field, string> = {
  current: 'current-master-password',
  new: 'changed-master-password',
  confirm: 'confirm-changed-master-password',
}

/** What is wrong with the three fields before main is asked, and which field to fix; null when nothing. */
const problemWith = (values: Record<Field, string>): { field: Field; message: string } | null => {
  if (!values.current) return { field: 'current', message: 'Enter your current master password.' }
  if (values.new.length < MIN_MASTER_PASSWORD_LENGTH)
    return {
      field: 'new',
      message: `The new master password needs at least ${MIN_MASTER_PASSWORD_LENGTH} characters.`,
    }
  if (values.new !== values.confirm)
    return { field: 'confirm', message: 'The two new passwords differ. Type the same password in both fields.' }
  return null
}

// Longer than 80 lines for its markup: three labelled fields whose errors point at themselves.
export function ChangeMasterPasswordDialog() {
  const changeMasterPassword = useSessionStore((state) => state.changeMasterPassword)
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const formRef = useRef<HTMLFormElement>(null)
  const [strength, setStrength] = useState<PasswordStrength>(() => estimatePasswordStrength(''))
  const [error, setError] = useState<{ field: Field; message: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const focusField = (field: Field) => {
    const input = document.getElementById(FIELD_IDS[field]) as HTMLInputElement | null
    input?.select()
    input?.focus()
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const value = (name: Field) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? ''
    const values = { current: value('current'), new: value('new'), confirm: value('confirm') }
    const problem = problemWith(values)
    if (problem) {
      setError(problem)
      focusField(problem.field)
      return
    }
    setBusy(true)
    const message = await changeMasterPassword(values.current, values.new)
    setBusy(false)
    if (message) {
      // Main refuses a wrong current password (counted like a wrong unlock) or a busy vault.
      setError({ field: 'current', message })
      focusField('current')
      return
    }
    formRef.current?.reset()
    closeDialog()
    pushToast('Master password changed', 'success')
  }

  return (
    <Dialog
      title="Change master password"
      subtitle="Keyward re-encrypts the vault with the new password. Keys stay as they are."
      onClose={closeDialog}
      size="narrow"
      footer={
        <DialogActions
          onCancel={closeDialog}
          form="change-master-password-form"
          confirmLabel={busy ? 'Changing…' : 'Change password'}
          disabled={busy}
        />
      }
    >
      <form
        id="change-master-password-form"
        ref={formRef}
        className="settings-form"
        onSubmit={(event) => void onSubmit(event)}
        onInput={() => setError(null)}
        noValidate
      >
        <PasswordField
          id={FIELD_IDS.current}
          label="Current password"
          name="current"
          autoComplete="current-password"
          data-autofocus
          invalid={error?.field === 'current'}
          aria-describedby="change-password-error"
        />
        <PasswordField
          id={FIELD_IDS.new}
          label="New password"
          name="new"
          autoComplete="new-password"
          invalid={error?.field === 'new'}
          aria-describedby="changed-password-strength change-password-error"
          onInput={(event) => setStrength(estimatePasswordStrength(event.currentTarget.value))}
        />
        <PasswordStrengthMeter strength={strength} id="changed-password-strength" />
        <PasswordField
          id={FIELD_IDS.confirm}
          label="Confirm new password"
          name="confirm"
          autoComplete="new-password"
          invalid={error?.field === 'confirm'}
          aria-describedby="change-password-error"
        />
        <ErrorMessage message={error?.message ?? null} id="change-password-error" />
      </form>
    </Dialog>
  )
}
