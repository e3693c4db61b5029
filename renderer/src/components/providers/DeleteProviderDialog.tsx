// Confirms deleting a provider of the user's own; Cancel has the focus, so Enter is safe.
import { useState } from 'react'
import { useProvidersStore } from '../../stores/providersStore'
import { useUiStore } from '../../stores/uiStore'
import { Dialog } from '../Dialog'
import { ErrorMessage } from '../ErrorMessage'

export function DeleteProviderDialog({ providerId, providerName }: { providerId: string; providerName: string }) {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const deleteCustomProvider = useProvidersStore((state) => state.deleteCustomProvider)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onDelete = async () => {
    setBusy(true)
    const result = await deleteCustomProvider(providerId)
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    closeDialog()
    pushToast(`Deleted the provider “${providerName}”`, 'info')
  }

  return (
    <Dialog
      title={`Delete the provider “${providerName}”?`}
      onClose={closeDialog}
      size="narrow"
      footer={
        <>
          <button type="button" className="button" onClick={closeDialog} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void onDelete()}>
            {busy ? 'Deleting…' : 'Delete provider'}
          </button>
        </>
      }
    >
      <p>
        Keys that name <span className="mono">{providerId}</span> stay in the vault, but Keyward can no longer recognise or
        test them until you add the provider again or choose another one.
      </p>
      <ErrorMessage message={error} />
    </Dialog>
  )
}
