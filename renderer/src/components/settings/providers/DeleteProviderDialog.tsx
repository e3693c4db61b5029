// Confirms deleting a provider of the user's own; Cancel has the focus, so Enter is safe.
import { useProvidersStore } from '../../../stores/providersStore'
import { ConfirmDialog } from '../../shared/ConfirmDialog'

export function DeleteProviderDialog({ providerId, providerName }: { providerId: string; providerName: string }) {
  const deleteCustomProvider = useProvidersStore((state) => state.deleteCustomProvider)
  return (
    <ConfirmDialog
      title={`Delete the provider “${providerName}”?`}
      confirmLabel="Delete provider"
      busyLabel="Deleting…"
      onConfirm={() => deleteCustomProvider(providerId)}
      doneToast={`Deleted the provider “${providerName}”`}
    >
      <p>
        Keys that name <span className="mono">{providerId}</span> stay in the vault, but Keyward can no longer recognise
        or test them until you add the provider again or choose another one.
      </p>
    </ConfirmDialog>
  )
}
