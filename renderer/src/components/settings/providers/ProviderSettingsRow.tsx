// One provider in Settings: a summary line (hosts, where tests go, a trusted CA), and opened, what
// Keyward knows of it (schemes, plans and their limits, verify endpoint, rotation) with its settings.
import { useEffect, useId, useRef, useState } from 'react'
import type { ProviderSummary } from '#contract'
import { groupPlansByLimits } from '../../../format/describePlan'
import { useUiStore } from '../../../stores/uiStore'
import { ProviderMark } from '../../shared/ProviderMark'
import { ProviderBaseUrlForm } from './ProviderBaseUrlForm'
import { ProviderCaCertificate } from './ProviderCaCertificate'

// Longer than 80 lines for its markup: a definition list of the provider's hosts, schemes, plans,
// rotation period and settings.
function ProviderFacts({ provider }: { provider: ProviderSummary }) {
  const test = provider.authTest
  return (
    <dl className="provider-facts">
      <dt>Hosts</dt>
      <dd className="mono">
        {provider.hosts.length > 0 ? (
          provider.hosts.join(', ')
        ) : (
          <span className="muted">none fixed: each key names its own verify URL</span>
        )}
      </dd>
      <dt>Prefixes</dt>
      <dd className="mono">
        {provider.prefixes.length > 0 ? (
          provider.prefixes.map((entry) => `${entry.prefix} (${entry.environment})`).join(', ')
        ) : (
          <span className="muted">none</span>
        )}
      </dd>
      <dt>Env var</dt>
      <dd className="mono">{provider.envVar}</dd>
      {provider.scopes ? (
        <>
          <dt>{provider.scopes.label === 'permissions' ? 'Permissions' : 'Scopes'}</dt>
          <dd>{provider.scopes.values.join(', ') || <span className="muted">none listed</span>}</dd>
        </>
      ) : null}
      <dt>Rotation</dt>
      <dd>
        {provider.rotationPeriodDays ? (
          `every ${provider.rotationPeriodDays} days`
        ) : (
          <span className="muted">no advice from the provider</span>
        )}
      </dd>
      {test ? (
        <>
          <dt>Headers</dt>
          <dd>
            {test.schemes.map((scheme) => (
              <span key={scheme.id} className="provider-fact-item mono">
                {scheme.label}
                {scheme.id === test.defaultScheme && test.schemes.length > 1 ? (
                  <span className="fact-aside">default</span>
                ) : null}
              </span>
            ))}
          </dd>
          <dt>Plans</dt>
          <dd>
            {test.plans.length > 0 ? (
              groupPlansByLimits(test.plans).map((group) => (
                <span key={group.limits} className="provider-fact-item provider-plan-group">
                  <span className="provider-plan-names">
                    {group.names.map((name, index) => (
                      <span key={name}>
                        {index > 0 ? ', ' : ''}
                        {name}
                        {group.ids[index] === test.defaultPlan ? (
                          <span className="fact-aside fact-aside-tight">(default)</span>
                        ) : null}
                      </span>
                    ))}
                  </span>
                  <span className="provider-plan-limits">{group.limits}</span>
                </span>
              ))
            ) : (
              <span className="muted">none stated</span>
            )}
          </dd>
          <dt>Verify</dt>
          <dd className="mono">
            {test.verifyUrl ?? <span className="muted">set per key (the provider’s docs name no endpoint)</span>}
          </dd>
        </>
      ) : (
        <>
          <dt>Tests</dt>
          <dd className="muted">Keyward does not test these keys yet.</dd>
        </>
      )}
    </dl>
  )
}

interface ProviderSettingsRowProps {
  provider: ProviderSummary
  /** Set when a link asked for this provider: the line opens, scrolls into view and takes the focus. */
  linkRequest?: number | null
}

export function ProviderSettingsRow({ provider, linkRequest = null }: ProviderSettingsRowProps) {
  const [open, setOpen] = useState(linkRequest !== null)
  const bodyId = useId()
  const openDialog = useUiStore((state) => state.openDialog)
  const toggleRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (linkRequest === null) return
    setOpen(true)
    toggleRef.current?.scrollIntoView({ block: 'start' })
    toggleRef.current?.focus({ preventScroll: true })
  }, [linkRequest])
  return (
    <li className={`provider-row${open ? ' open' : ''}`} data-provider={provider.id}>
      <button
        ref={toggleRef}
        type="button"
        className="provider-row-toggle"
        aria-expanded={open}
        aria-controls={open ? bodyId : undefined}
        onClick={() => setOpen(!open)}
      >
        <span className="provider-row-chevron" aria-hidden="true" />
        <ProviderMark provider={provider.id} name={provider.name} />
        <span className="provider-row-name">{provider.name}</span>
        {provider.custom ? <span className="tag-chip">yours</span> : null}
        <span className="provider-row-hosts mono">{provider.hosts.join(', ')}</span>
        <span className="provider-row-notes">
          {provider.baseUrl ? (
            <span className="route-note route-emphasis">
              via <span className="mono">{provider.baseUrl}</span>
            </span>
          ) : null}
          {provider.caCertificate ? <span className="tag-chip">CA {provider.caCertificate}</span> : null}
          {provider.authTest ? null : <span className="provider-row-untestable">not testable</span>}
        </span>
      </button>
      {open ? (
        <div id={bodyId} className="provider-row-body" role="region" aria-label={`${provider.name} provider`}>
          <ProviderFacts provider={provider} />
          {provider.authTest ? (
            <div className="provider-settings">
              <ProviderBaseUrlForm provider={provider} />
              <ProviderCaCertificate provider={provider} />
            </div>
          ) : null}
          {provider.custom ? (
            <div className="provider-row-actions">
              <button
                type="button"
                className="button button-danger-quiet"
                onClick={() =>
                  openDialog({ kind: 'delete-provider', providerId: provider.id, providerName: provider.name })
                }
              >
                Delete provider…
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  )
}
