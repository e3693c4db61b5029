// Settings → Providers: every provider Keyward knows (built in, and the user's own), where its tests
// go, which CA they trust, and "Add a provider…" for one Keyward does not know.
import { countNoun } from '../../../format/countNoun'
import { useProvidersStore } from '../../../stores/providersStore'
import { useUiStore } from '../../../stores/uiStore'
import { ProviderSettingsRow } from './ProviderSettingsRow'

export function ProvidersSettings() {
  const providers = useProvidersStore((state) => state.providers)
  const loadError = useProvidersStore((state) => state.loadError)
  const openDialog = useUiStore((state) => state.openDialog)
  // A link from elsewhere ("Settings › Providers › Cloro") opens that provider's line.
  const providerLink = useUiStore((state) => state.providerLink)
  const redirected = providers.filter((provider) => provider.baseUrl).length
  return (
    <section className="settings-section" aria-labelledby="providers-title">
      <div className="settings-title-row">
        <h2 id="providers-title" className="settings-title">
          Providers
        </h2>
        <button type="button" className="button" onClick={() => openDialog({ kind: 'custom-provider' })}>
          Add a provider…
        </button>
      </div>
      <p className="settings-text">
        How Keyward recognises and tests each provider's keys. Point a provider's tests at a staging host or a proxy
        with a base URL, and trust its CA certificate if it has its own.
        {redirected > 0 ? (
          <strong className="route-emphasis"> {countNoun(redirected, 'provider')} tested elsewhere.</strong>
        ) : null}
      </p>
      {loadError ? <p className="error-message">{loadError}</p> : null}
      <ul className="provider-list" aria-label="Providers">
        {providers.map((provider) => (
          <ProviderSettingsRow
            key={provider.id}
            provider={provider}
            linkRequest={providerLink?.providerId === provider.id ? providerLink.request : null}
          />
        ))}
      </ul>
    </section>
  )
}
