// The master password again, when main has shown or copied its allowance of values: the password goes
// to main (confirmMasterPassword), which checks it like an unlock and renews the allowance.
import { useRef, useState, type FormEvent } from 'react'
import { callKeyward } from '../api/callKeyward'
import { useReauthStore } from '../stores/reauthStore'
import { Dialog } from './Dialog'
import { DialogActions } from './DialogActions'
import { ErrorMessage } from './ErrorMessage'

export function ReauthDialog() {
  const request = useReauthStore((state) => state.request)
  if (!request) return null
  return <ReauthForm reason={request.reason} />
}

function ReauthForm({ reason }: { reason: string }) {
  const settle = useReauthStore((state) => state.settle)
  const passwordRef = useRef<HTMLInputElement>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const password = passwordRef.current?.value ?? ''
    if (!password) {
      setError('Enter your master password.')
      passwordRef.current?.focus()
      return
    }
    setBusy(true)
    const result = await callKeyward('confirmMasterPassword', { password })
    setBusy(false)
    if (passwordRef.current) passwordRef.current.value = ''
    if (!result.ok) {
      setError(result.error.message)
      passwordRef.current?.focus()
      return
    }
    settle(true)
  }

  return (
    <Dialog
      title="Type your master password to go on"
      subtitle={reason}
      onClose={() => settle(false)}
      size="narrow"
      footer={<DialogActions onCancel={() => settle(false)} form="reauth-form" confirmLabel={busy ? 'Checking…' : 'Continue'} disabled={busy} />}
    >
      <form id="reauth-form" onSubmit={onSubmit} noValidate>
        <label className="field-label" htmlFor="reauth-password">
          Master password
        </label>
        <input
          ref={passwordRef}
          id="reauth-password"
          className="text-input"
          type="password"
          autoComplete="current-password"
          data-autofocus
          aria-invalid={error ? true : undefined}
          aria-describedby="reauth-error"
          onInput={() => setError(null)}
        />
        <ErrorMessage message={error} id="reauth-error" />
      </form>
    </Dialog>
  )
}
