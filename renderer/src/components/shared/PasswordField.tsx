// A labelled password field: the master password on the lock screens and in the dialogs that ask for
// it. Uncontrolled: its form reads the value through the ref or the form's elements, so a password
// never sits in React state. What else an input takes (focus, aria, onInput) passes through.
import type { InputHTMLAttributes, Ref } from 'react'

type PasswordFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className' | 'aria-invalid'> & {
  id: string
  label: string
  /** current-password for one to check, new-password for one being chosen, off for neither. */
  autoComplete: 'current-password' | 'new-password' | 'off'
  ref?: Ref<HTMLInputElement>
  /** Marks the field as the one its form's error is about. */
  invalid?: boolean
  /** Focused when its dialog opens (the dialog's own focus order; lock screens use autoFocus). */
  'data-autofocus'?: boolean
}

export function PasswordField({ id, label, invalid, ref, ...input }: PasswordFieldProps) {
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input ref={ref} id={id} className="text-input" type="password" aria-invalid={invalid || undefined} {...input} />
    </>
  )
}
