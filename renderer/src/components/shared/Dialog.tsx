// A modal dialog: the native <dialog> (the page behind goes inert), focus kept inside, Escape closes,
// focus returns to where it was when the dialog closes.
import { useEffect, useId, useRef, type ReactNode } from 'react'
import { focusableWithin, useFocusTrap } from '../../hooks/useFocusTrap'

interface DialogProps {
  title: string
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  size?: 'narrow' | 'medium' | 'wide'
  /** Shown under the title in a muted line. */
  subtitle?: ReactNode
}

export function Dialog({ title, onClose, children, footer, size = 'medium', subtitle }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useFocusTrap(dialogRef)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!dialog.open) dialog.showModal()
    const autofocus = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusableWithin(dialog)[0]
    autofocus?.focus()
    return () => {
      if (dialog.open) dialog.close()
      if (returnFocusTo?.isConnected) returnFocusTo.focus()
    }
  }, [])

  return (
    <dialog
      ref={dialogRef}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <header className="dialog-header">
        <div>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {subtitle ? <p className="dialog-subtitle">{subtitle}</p> : null}
        </div>
        <button type="button" className="icon-button" aria-label="Close dialog" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {footer ? <footer className="dialog-footer">{footer}</footer> : null}
    </dialog>
  )
}
