// The master password again, when main has shown or copied its allowance of values: the password goes
// to main (confirmMasterPassword), which checks it like an unlock and renews the allowance.
import { callKeyward } from '../../api/callKeyward'
import { useMasterPasswordForm } from '../../hooks/useMasterPasswordForm'
import { useReauthStore } from '../../stores/reauthStore'
import { Dialog } from '../shared/Dialog'
import { DialogActions } from '../shared/DialogActions'
import { ErrorMessage } from '../shared/ErrorMessage'
import { PasswordField } from '../shared/PasswordField'

export function ReauthDialog() {
  const request = useReauthStore((state) => state.request)
  if (!request) return null
  return <ReauthForm reason={request.reason} />
}

function ReauthForm({ reason }: { reason: string }) {
  const settle = useReauthStore((state) => state.settle)
  // The field is emptied after every answer: a typed password does not wait in a dialog left open.
  const { passwordRef, error, busy, onSubmit, clearError } = useMasterPasswordForm(
    async (password) => {
      const result = await callKeyward('confirmMasterPassword', { password })
      if (!result.ok) return result.error.message
      settle(true)
      return null
    },
    { clearAfterCheck: true },
  )

  return (
    <Dialog
      title="Type your master password to go on"
      subtitle={reason}
      onClose={() => settle(false)}
      size="narrow"
      footer={
        <DialogActions
          onCancel={() => settle(false)}
          form="reauth-form"
          confirmLabel={busy ? 'Checking…' : 'Continue'}
          disabled={busy}
        />
      }
    >
      <form id="reauth-form" onSubmit={onSubmit} noValidate>
        <PasswordField
          ref={passwordRef}
          id="reauth-password"
          label="Master password"
          autoComplete="current-password"
          data-autofocus
          invalid={Boolean(error)}
          aria-describedby="reauth-error"
          onInput={clearError}
        />
        <ErrorMessage message={error} id="reauth-error" />
      </form>
    </Dialog>
  )
}
