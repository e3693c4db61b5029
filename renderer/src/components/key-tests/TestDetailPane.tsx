// The Tests section's right column: the selected key's last result with Test now, what it is tested
// with (plan, header, endpoint), what the provider said about it, and every test it has had.
import type { KeyRecord } from '#contract'
import { openKeyInVault } from '../../actions/openKeyInVault'
import { describePlan } from '../../format/describePlan'
import { useProviderNames } from '../../hooks/useProviderNames'
import { findProvider, useProvidersStore } from '../../stores/providersStore'
import { selectSelectedTestKey, useTestsStore } from '../../stores/testsStore'
import { EnvironmentBadge } from '../shared/EnvironmentBadge'
import { ProviderMark } from '../shared/ProviderMark'
import { KeyTestHistory } from './KeyTestHistory'
import { KeyTestPanel } from './KeyTestPanel'
import { ProviderFactsList } from './ProviderFactsList'
import { TEST_LIST_ID } from './TestList'
import { DetailPane } from '../shared/DetailPane'

export const TEST_DETAIL_PANE_ID = 'test-detail'

function TestedWith({ record }: { record: KeyRecord }) {
  const provider = useProvidersStore((state) => findProvider(state.providers, record.provider))
  const authTest = provider?.authTest
  if (!provider || !authTest) return null
  const planId = record.plan ?? authTest.defaultPlan
  const plan = authTest.plans.find((entry) => entry.id === planId)
  const schemeId = record.authScheme ?? authTest.defaultScheme
  const scheme = authTest.schemes.find((entry) => entry.id === schemeId)
  const verifyUrl = record.verifyUrl ?? authTest.verifyUrl
  return (
    <section aria-label="Tested with">
      <h3 className="detail-section-title">Tested with</h3>
      <dl className="facts-list">
        {plan ? (
          <div className="facts-row">
            <dt>Plan</dt>
            <dd>
              {describePlan(plan)}
              {record.plan === null ? <span className="fact-aside">default</span> : null}
            </dd>
          </div>
        ) : null}
        <div className="facts-row">
          <dt>Header</dt>
          <dd className="mono">{scheme?.label ?? schemeId}</dd>
        </div>
        <div className="facts-row">
          <dt>Endpoint</dt>
          <dd className="mono facts-url">
            {verifyUrl ?? <span className="muted">none yet: set a verify URL on the key</span>}
          </dd>
        </div>
        {provider.baseUrl ? (
          <div className="facts-row">
            <dt>Sent to</dt>
            <dd className="mono facts-url route-emphasis">{provider.baseUrl}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  )
}

function TestDetail({ record }: { record: KeyRecord }) {
  const providerName = useProviderNames()
  const openInVault = (
    <button type="button" className="button button-small" onClick={() => void openKeyInVault(record.id)}>
      Open in vault
    </button>
  )
  return (
    <>
      <header className="detail-header">
        <ProviderMark provider={record.provider} name={providerName(record.provider)} size="large" />
        <div className="detail-header-text">
          <h2 className="detail-title">{record.name}</h2>
          <div className="detail-header-meta detail-header-meta-flush">
            <EnvironmentBadge environment={record.environment} />
            <span>{providerName(record.provider)}</span>
            <span className="masked-value">{record.maskedValue}</span>
          </div>
        </div>
      </header>
      <KeyTestPanel record={record} refusalAction={openInVault} />
      <TestedWith record={record} />
      {record.providerFacts ? (
        <ProviderFactsList facts={record.providerFacts} providerName={providerName(record.provider)} />
      ) : null}
      <KeyTestHistory keyId={record.id} lastTestedAt={record.lastTest?.testedAt ?? null} />
      <div className="detail-footer-actions">{openInVault}</div>
    </>
  )
}

export function TestDetailPane() {
  const record = useTestsStore(selectSelectedTestKey)

  return (
    <DetailPane
      id={TEST_DETAIL_PANE_ID}
      label={record ? `Tests of ${record.name}` : 'Test details'}
      listId={TEST_LIST_ID}
      listName="tests"
      selection={record?.id ?? null}
    >
      {record ? (
        <TestDetail key={record.id} record={record} />
      ) : (
        <div className="detail-empty">
          <p>Select a key to see its tests.</p>
        </div>
      )}
    </DetailPane>
  )
}
