// Settings › Security: the master password (changed in a dialog), and where keys are sent beyond their
// providers' own hosts, each line a link to that provider's settings.
import { openSettings } from '../../actions/openSettings'
import { useProvidersStore } from '../../stores/providersStore'
import { useUiStore } from '../../stores/uiStore'

function KeyReach() {
  const providers = useProvidersStore((state) => state.providers)
  const widened = providers.filter((provider) => provider.baseUrl || provider.caCertificate)
  return (
    <section className="settings-section" aria-labelledby="key-reach-title">
      <h2 id="key-reach-title" className="settings-title">
        Where keys are sent
      </h2>
      <p className="settings-text">
        A test sends a key only to its provider’s own hosts, over HTTPS. Sending it elsewhere (a staging host, a proxy,
        a CA of your own) is a provider setting, and Keyward asks before it is saved.
      </p>
      {widened.length === 0 ? (
        <p className="settings-text">Every provider’s keys go to its own hosts only.</p>
      ) : (
        <ul className="settings-link-list" aria-label="Providers tested elsewhere">
          {widened.map((provider) => (
            <li key={provider.id}>
              <button
                type="button"
                className="link-button"
                onClick={() => openSettings('providers', { providerId: provider.id })}
              >
                {provider.name}
              </button>
              <span className="muted">
                {provider.baseUrl ? (
                  <>
                    {' '}
                    via <span className="mono">{provider.baseUrl}</span>
                  </>
                ) : null}
                {provider.caCertificate ? ` · trusts CA ${provider.caCertificate}` : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export function SecuritySettings() {
  const openDialog = useUiStore((state) => state.openDialog)
  return (
    <>
      <section className="settings-section" aria-labelledby="master-password-title">
        <h2 id="master-password-title" className="settings-title">
          Master password
        </h2>
        <p className="settings-text">
          It opens the vault and is never stored. Changing it re-encrypts the vault; keys stay as they are. Backups made
          before still open with the password they were made under.
        </p>
        <div className="settings-actions">
          <button type="button" className="button" onClick={() => openDialog({ kind: 'change-master-password' })}>
            Change master password…
          </button>
        </div>
      </section>
      <KeyReach />
    </>
  )
}
