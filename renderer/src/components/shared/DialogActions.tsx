// The button row at the foot of a dialog: Cancel, then the dialog's action (primary or danger), which
// either runs onConfirm or, given a form's id, submits that form.
import type { ReactNode } from 'react'

interface DialogActionsProps {
  onCancel: () => void
  onConfirm?: () => void
  /** The id of the form the action submits (instead of onConfirm). */
  form?: string
  confirmLabel: ReactNode
  tone?: 'primary' | 'danger'
  disabled?: boolean
  /** Cancel takes the focus when the dialog opens, so Enter is safe. */
  focusCancel?: boolean
}

export function DialogActions({
  onCancel,
  onConfirm,
  form,
  confirmLabel,
  tone = 'primary',
  disabled = false,
  focusCancel = false,
}: DialogActionsProps) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel} data-autofocus={focusCancel || undefined}>
        Cancel
      </button>
      <button
        type={form ? 'submit' : 'button'}
        form={form}
        className={`button button-${tone}`}
        disabled={disabled}
        onClick={onConfirm}
      >
        {confirmLabel}
      </button>
    </>
  )
}
