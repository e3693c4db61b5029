// An extra CA certificate trusted for one provider's tests (a staging host or proxy with its own CA):
// main shows the file dialog and checks the PEM; the renderer sees only the file name.
import { useState } from 'react'
import type { ProviderSummary } from '#contract'
import { useProvidersStore } from '../../../stores/providersStore'
import { useUiStore } from '../../../stores/uiStore'
import { ErrorMessage } from '../../shared/ErrorMessage'

export function ProviderCaCertificate({ provider }: { provider: ProviderSummary }) {
  const chooseCaCertificate = useProvidersStore((state) => state.chooseCaCertificate)
  const clearCaCertificate = useProvidersStore((state) => state.clearCaCertificate)
  const pushToast = useUiStore((state) => state.pushToast)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const choose = async () => {
    setBusy(true)
    const result = await chooseCaCertificate(provider.id)
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setError(null)
    if (result.value)
      pushToast(`${provider.name} tests now trust ${result.value.caCertificate ?? 'the certificate'}`, 'success')
  }

  const remove = async () => {
    setBusy(true)
    const result = await clearCaCertificate(provider.id)
    setBusy(false)
    setError(result.ok ? null : result.error.message)
  }

  return (
    <div className="provider-form">
      <span className="provider-form-label">CA certificate</span>
      <div className="provider-form-controls">
        {provider.caCertificate ? (
          <>
            <span className="provider-ca-name mono" title="Trusted for this provider's tests, besides the system's CAs">
              {provider.caCertificate}
            </span>
            <button type="button" className="button" disabled={busy} onClick={() => void choose()}>
              Replace…
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void remove()}>
              Remove
            </button>
          </>
        ) : (
          <>
            <span className="provider-ca-none">The system’s CAs only</span>
            <button type="button" className="button" disabled={busy} onClick={() => void choose()}>
              Trust a CA certificate…
            </button>
          </>
        )}
      </div>
      <ErrorMessage message={error} />
    </div>
  )
}
