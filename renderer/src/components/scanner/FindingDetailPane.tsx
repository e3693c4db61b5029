// The Scanner section's right column: one finding in full (what, where, which commit, the masked line),
// what to do about it (rotate, take it out of the file, history), the vault key it is with "Test this
// value", and setting it aside or restoring it.
import type { ScanFinding } from '#contract'
import { openKeyInVault } from '../../actions/openKeyInVault'
import { openRotateDialog } from '../../actions/openRotateDialog'
import { formatDateTime } from '../../format/describeTime'
import { authorName, describePlace, SET_ASIDE_LABELS, shortCommit } from '../../format/scanFindings'
import { useProviderNames } from '../../hooks/useProviderNames'
import { selectSelectedFinding, useScannerStore } from '../../stores/scannerStore'
import { EnvironmentBadge } from '../shared/EnvironmentBadge'
import { ProviderMark } from '../shared/ProviderMark'
import { TestOutcomeBadge } from '../key-tests/TestOutcomeBadge'
import { FINDING_LIST_ID } from './FindingList'
import { DetailPane } from '../shared/DetailPane'
import { isStillInFiles, RemoveFromFileSteps } from './RemoveFromFileSteps'

export const FINDING_DETAIL_PANE_ID = 'finding-detail'

function WhereFound({ finding }: { finding: ScanFinding }) {
  return (
    <section aria-label="Where it was found">
      <h3 className="detail-section-title">Where</h3>
      <dl className="facts-list">
        <div className="facts-row">
          <dt>File</dt>
          <dd className="mono facts-url">
            {finding.path}:{finding.line}:{finding.column}
          </dd>
        </div>
        <div className="facts-row">
          <dt>Found in</dt>
          <dd>{describePlace(finding)}</dd>
        </div>
        {finding.kind === 'history' ? (
          <div className="facts-row">
            <dt>Introduced</dt>
            <dd>
              {finding.commit ? (
                <>
                  <span className="mono">{shortCommit(finding.commit)}</span> by {authorName(finding.author)}
                  {finding.date ? `, ${formatDateTime(finding.date)}` : ''}
                </>
              ) : (
                <span className="muted">in a blob no commit reaches</span>
              )}
            </dd>
          </div>
        ) : null}
        {finding.versions !== null && finding.versions > 1 ? (
          <div className="facts-row">
            <dt>Versions</dt>
            <dd>{finding.versions} versions of this file held it</dd>
          </div>
        ) : null}
        <div className="facts-row">
          <dt>Rule</dt>
          <dd>
            {finding.ruleTitle} <span className="mono muted">{finding.ruleId}</span>
          </dd>
        </div>
      </dl>
      <pre className="finding-snippet" aria-label="The line, secrets masked">
        <code>{finding.snippet}</code>
      </pre>
    </section>
  )
}

/** A key only in a file git does not keep: where it is meant to live, in plain text, not a leak. */
function StoredHere({ finding }: { finding: ScanFinding }) {
  return (
    <section className="test-panel finding-panel" aria-label="Stored in plain text here">
      <h3 className="test-panel-title">Stored in plain text here</h3>
      <p className="finding-panel-text">
        This file is {finding.gitIgnored ? 'ignored by git' : 'not tracked by git'}: no commit holds it, so the key has
        not leaked
        {finding.vaultKey ? ' and is not marked leaked' : ''}. Anything that can read this disk can read it, though: put
        a reference in its place (keyward inject) or start the program with keyward run, and no copy stays in the file.
      </p>
    </section>
  )
}

/** stepsShown: the finding's "What to do" steps already offer Rotate and the way out of the file. */
function VaultKeyActions({ finding, stepsShown }: { finding: ScanFinding; stepsShown: boolean }) {
  const testing = useScannerStore((state) => Boolean(state.testing[finding.fingerprint]))
  const answer = useScannerStore((state) => state.tests[finding.fingerprint])
  const testFinding = useScannerStore((state) => state.testFinding)
  const match = finding.vaultKey
  if (!match) {
    return (
      <section className="test-panel finding-panel" aria-label="What to do">
        <h3 className="test-panel-title">Not in your vault</h3>
        <p className="finding-panel-text">
          {stepsShown ? null : (
            <>
              Revoke this key where it was issued and replace it, then take it out of the file
              {finding.kind === 'history'
                ? ' (removing it from history does not un-leak it: anyone with a clone has it)'
                : ''}
              .{' '}
            </>
          )}
          Keyward keeps no copy of what a scan finds, so it cannot test this one; add the key to the vault to track it.
        </p>
      </section>
    )
  }
  return (
    <section className="test-panel finding-panel" aria-label="The vault key">
      <div className="test-panel-head">
        <h3 className="test-panel-title">Vault key</h3>
        <button type="button" className="button button-small" onClick={() => void openKeyInVault(match.keyId)}>
          Open in vault
        </button>
      </div>
      <p className="finding-panel-text">
        This is <strong>{match.keyName}</strong>,{' '}
        {match.current ? 'its current value' : `an older value (version ${match.version}) it no longer uses`}.
        {stepsShown
          ? ''
          : match.current
            ? ' Rotate it: paste the new value, test it, then revoke this one at the provider.'
            : ' Make sure that value is revoked at the provider.'}
      </p>
      <div className="finding-actions">
        {stepsShown ? null : (
          <button
            type="button"
            className={match.current ? 'button button-primary' : 'button'}
            onClick={() => openRotateDialog(match.keyId, match.keyName)}
          >
            Rotate…
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={testing}
          onClick={() => void testFinding(finding.fingerprint)}
        >
          {testing ? 'Testing…' : 'Test this value'}
        </button>
      </div>
      {answer ? (
        answer.kind === 'tested' ? (
          <div className="finding-test" role="status">
            <TestOutcomeBadge outcome={answer.test.outcome} />
            <span className="finding-test-text">
              {answer.test.outcome === 'invalid' && !answer.test.current
                ? 'The provider rejects this older value. '
                : ''}
              {answer.test.reason}
            </span>
          </div>
        ) : (
          <p className="error-message" role="alert">
            {answer.message}
          </p>
        )
      ) : null}
    </section>
  )
}

function SetAside({ finding }: { finding: ScanFinding }) {
  const setAside = useScannerStore((state) => state.setAside)
  const restore = useScannerStore((state) => state.restore)
  const actionError = useScannerStore((state) => state.actionError)
  return (
    <section className="finding-set-aside" aria-label="Set aside">
      {finding.suppressed ? (
        <p>
          Set aside: <strong>{SET_ASIDE_LABELS[finding.suppressed]}</strong>.{' '}
          {finding.suppressed === 'inline_allow' ? (
            'Remove the comment from the line to count it again.'
          ) : (
            <button type="button" className="link-button" onClick={() => void restore(finding.fingerprint)}>
              Count it again
            </button>
          )}
        </p>
      ) : (
        <div className="finding-actions">
          <button
            type="button"
            className="button button-small"
            onClick={() => void setAside(finding.fingerprint, 'false_positive')}
            title="Not a secret: later scans leave it out"
          >
            Not a secret
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => void setAside(finding.fingerprint, 'accepted')}
            title="A real secret you accept here (a test fixture, a revoked key): later scans leave it out"
          >
            Accept risk
          </button>
        </div>
      )}
      {actionError ? <p className="error-message">{actionError}</p> : null}
    </section>
  )
}

function FindingDetail({ finding }: { finding: ScanFinding }) {
  const providerName = useProviderNames()
  const provider = finding.provider ? providerName(finding.provider) : null
  const stepsShown = isStillInFiles(finding) && finding.suppressed === null
  return (
    <>
      <header className="detail-header">
        <ProviderMark provider={finding.provider} name={provider ?? finding.ruleTitle} size="large" />
        <div className="detail-header-text">
          <h2 className="detail-title">{finding.vaultKey ? finding.vaultKey.keyName : finding.ruleTitle}</h2>
          <div className="detail-header-meta detail-header-meta-flush">
            <EnvironmentBadge environment={finding.environment} />
            {provider ? <span>{provider}</span> : null}
            <span className="masked-value">{finding.redactedSecret}</span>
          </div>
        </div>
      </header>
      <p className="finding-message">{finding.message}</p>
      {finding.ambiguousWith.length > 0 ? (
        <p className="finding-ambiguous">
          This prefix is also used by {finding.ambiguousWith.map((id) => providerName(id)).join(' and ')}.
        </p>
      ) : null}
      {finding.exposure === 'stored' ? <StoredHere finding={finding} /> : null}
      {stepsShown ? <RemoveFromFileSteps finding={finding} /> : null}
      <VaultKeyActions finding={finding} stepsShown={stepsShown} />
      <WhereFound finding={finding} />
      <SetAside finding={finding} />
    </>
  )
}

export function FindingDetailPane() {
  const finding = useScannerStore(selectSelectedFinding)
  const hasResults = useScannerStore((state) => (state.results?.findings.length ?? 0) > 0)
  return (
    <DetailPane
      id={FINDING_DETAIL_PANE_ID}
      label={finding ? `Finding in ${finding.path}` : 'Finding details'}
      listId={FINDING_LIST_ID}
      listName="findings"
      selection={finding?.fingerprint ?? null}
    >
      {finding ? (
        <FindingDetail key={finding.fingerprint} finding={finding} />
      ) : (
        <div className="detail-empty">
          <p>
            {hasResults
              ? 'Select a finding to see where it is and what to do.'
              : 'Findings show here, each with the key to rotate.'}
          </p>
        </div>
      )}
    </DetailPane>
  )
}
