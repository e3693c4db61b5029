// The right column: the selected key, every field editable in place, the value behind Reveal, its
// auth test (Test now, the last result, what the provider said), its rotation (due date, Snooze,
// period, Rotate), where scans found it (exposed, or stored here in plain text), its history with each
// version's status, and Delete.
import { EnvVarName, KeyName, type KeyRecord } from '#contract'
import { checkWith } from '../../format/fieldErrors'
import { formatDateTime } from '../../format/describeTime'
import { useProviderNames } from '../../hooks/useProviderNames'
import { selectSelectedKey, useKeysStore } from '../../stores/keysStore'
import { useSessionStore } from '../../stores/sessionStore'
import { useUiStore } from '../../stores/uiStore'
import { EnvironmentBadge } from '../shared/EnvironmentBadge'
import { EnvironmentField } from './fields/EnvironmentField'
import { ExpiryField } from './fields/ExpiryField'
import { InlineTextField } from './fields/InlineTextField'
import { LabelListField } from './fields/LabelListField'
import { NotesField } from './fields/NotesField'
import { ProviderField } from './fields/ProviderField'
import { useFieldSave } from './fields/useFieldSave'
import { AuthSchemeField } from './fields/AuthSchemeField'
import { PlanField } from './fields/PlanField'
import { VerifyUrlField } from './fields/VerifyUrlField'
import { KeyVersionHistory } from './KeyVersionHistory'
import { KeyRotationSection } from '../rotation/KeyRotationSection'
import { KeyFoundInSection } from '../scanner/KeyFoundInSection'
import { selectStatusOf, useRotationStore } from '../../stores/rotationStore'
import { KeyTestHistory } from '../key-tests/KeyTestHistory'
import { KeyTestPanel } from '../key-tests/KeyTestPanel'
import { ProviderFactsList } from '../key-tests/ProviderFactsList'
import { ProviderMark } from '../shared/ProviderMark'
import { SecretValuePanel } from './SecretValuePanel'
import { ShortcutHelp } from '../shell/ShortcutHelp'
import { findProvider, useProvidersStore } from '../../stores/providersStore'
import { DetailPane } from '../shared/DetailPane'

export const DETAIL_PANE_ID = 'key-detail'

const checkName = checkWith(KeyName)
const checkEnvVar = checkWith(EnvVarName)

function KeyNameField({ record }: { record: KeyRecord }) {
  const { save, error } = useFieldSave(record.id)
  return (
    <InlineTextField
      label="Name"
      value={record.name}
      error={error}
      large
      check={checkName}
      onSave={(name) => save({ name })}
    />
  )
}

function EnvVarField({ record, placeholder }: { record: KeyRecord; placeholder: string }) {
  const { save, error } = useFieldSave(record.id)
  return (
    <InlineTextField
      label="Env var"
      value={record.envVar ?? ''}
      error={error}
      mono
      placeholder={placeholder}
      check={(envVar) => (envVar ? checkEnvVar(envVar) : null)}
      onSave={(envVar) => save({ envVar: envVar || null })}
    />
  )
}

function KeyNotesField({ record }: { record: KeyRecord }) {
  const { save, error } = useFieldSave(record.id)
  return <NotesField value={record.notes} error={error} onSave={(notes) => save({ notes })} />
}

function KeyDetail({ record }: { record: KeyRecord }) {
  const providerName = useProviderNames()
  const providers = useProvidersStore((state) => state.providers)
  const openDialog = useUiStore((state) => state.openDialog)
  const rotation = useRotationStore(selectStatusOf(record.id))
  const provider = findProvider(providers, record.provider)
  const authTest = provider?.authTest ?? null
  const defaultEnvVar = provider?.envVar ?? 'e.g. API_KEY'

  return (
    <>
      <header className="detail-header">
        <ProviderMark provider={record.provider} name={providerName(record.provider)} size="large" />
        <div className="detail-header-text">
          <KeyNameField record={record} />
          <div className="detail-header-meta">
            <EnvironmentBadge environment={record.environment} />
            <span>{providerName(record.provider)}</span>
          </div>
        </div>
      </header>
      <SecretValuePanel record={record} />
      <KeyTestPanel record={record} />
      <KeyRotationSection keyId={record.id} />
      <section className="detail-section" aria-label="Fields">
        <ProviderField record={record} />
        <EnvironmentField record={record} />
        <EnvVarField record={record} placeholder={defaultEnvVar} />
        <LabelListField record={record} field="scopes" />
        <LabelListField record={record} field="tags" />
        <ExpiryField record={record} />
        <KeyNotesField record={record} />
      </section>
      {authTest ? (
        <section className="detail-section" aria-labelledby={`test-settings-${record.id}`}>
          <h3 id={`test-settings-${record.id}`} className="detail-section-title">
            Test settings
          </h3>
          {authTest.plans.length > 0 ? <PlanField record={record} authTest={authTest} /> : null}
          <AuthSchemeField record={record} authTest={authTest} />
          <VerifyUrlField record={record} authTest={authTest} />
        </section>
      ) : null}
      <KeyFoundInSection record={record} />
      {record.providerFacts ? (
        <ProviderFactsList facts={record.providerFacts} providerName={providerName(record.provider)} />
      ) : null}
      <dl className="detail-meta">
        <dt>Created</dt>
        <dd>{formatDateTime(record.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{formatDateTime(record.updatedAt)}</dd>
        <dt>Last rotated</dt>
        <dd>{formatDateTime(record.lastRotatedAt)}</dd>
      </dl>
      <KeyVersionHistory
        keyId={record.id}
        versionCount={record.versionCount}
        refreshKey={rotation ? `${rotation.lastRotatedAt}|${rotation.rotationStage ?? ''}` : ''}
      />
      <KeyTestHistory keyId={record.id} lastTestedAt={record.lastTest?.testedAt ?? null} limit={5} />
      <div className="detail-danger">
        <button
          type="button"
          className="button button-danger-quiet"
          onClick={() =>
            openDialog({
              kind: 'delete-key',
              keyId: record.id,
              keyName: record.name,
              versionCount: record.versionCount,
            })
          }
        >
          Delete key…
        </button>
      </div>
    </>
  )
}

/** Before any key is selected: what this pane will hold, in an empty vault; otherwise a pointer to the list. */
function KeyDetailEmpty() {
  const vaultEmpty = useSessionStore((state) => state.status?.keyCount === 0)
  return (
    <div className="detail-empty">
      {vaultEmpty ? (
        <p className="detail-empty-text">
          Each key you add shows here: its masked value with Reveal and Copy, a test against its provider, when to
          rotate it, and where the scanner found it.
        </p>
      ) : (
        <p>Select a key to see its details.</p>
      )}
      <ShortcutHelp />
    </div>
  )
}

export function KeyDetailPane() {
  const record = useKeysStore(selectSelectedKey)
  return (
    <DetailPane
      id={DETAIL_PANE_ID}
      label={record ? `Details of ${record.name}` : 'Key details'}
      listId="key-list"
      listName="keys"
      selection={record?.id ?? null}
    >
      {record ? <KeyDetail key={record.id} record={record} /> : <KeyDetailEmpty />}
    </DetailPane>
  )
}
