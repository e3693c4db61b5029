// Confirms a destructive action: says what goes; Cancel has the focus, so Enter is safe. While the
// action runs its button is busy; a failure shows main's message, success closes with a toast.
import { useState, type ReactNode } from 'react'
import type { Result } from '#contract'
import { useUiStore } from '../../stores/uiStore'
import { Dialog } from './Dialog'
import { DialogActions } from './DialogActions'
import { ErrorMessage } from './ErrorMessage'

interface ConfirmDialogProps {
  title: string
  confirmLabel: string
  busyLabel: string
  onConfirm: () => Promise<Result<unknown>>
  doneToast: string
  children: ReactNode
}

export function ConfirmDialog({ title, confirmLabel, busyLabel, onConfirm, doneToast, children }: ConfirmDialogProps) {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onConfirmClick = async () => {
    setBusy(true)
    const result = await onConfirm()
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    closeDialog()
    pushToast(doneToast, 'info')
  }

  return (
    <Dialog
      title={title}
      onClose={closeDialog}
      size="narrow"
      footer={
        <DialogActions
          onCancel={closeDialog}
          onConfirm={() => void onConfirmClick()}
          confirmLabel={busy ? busyLabel : confirmLabel}
          tone="danger"
          disabled={busy}
          focusCancel
        />
      }
    >
      {children}
      <ErrorMessage message={error} />
    </Dialog>
  )
}
