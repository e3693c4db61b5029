// Steps 2 and 3 of the rotate flow: the new value (masked) beside the current one, what its test in
// place answered with main's sentence and the next step in words, and, when Keyward could not test
// it, "Use it anyway" with what that risks.
import { TEST_OUTCOMES, type RotationFlow, type TestOutcome } from '#contract'
import { formatDate, formatDateTime } from '../../format/describeTime'
import { TestOutcomeBadge } from '../key-tests/TestOutcomeBadge'

interface TestNewValueStepProps {
  flow: RotationFlow
  busy: boolean
  onForce: () => void
}

const isTestOutcome = (outcome: string): outcome is TestOutcome =>
  (TEST_OUTCOMES as readonly string[]).includes(outcome)

function FlowOutcomeBadge({ outcome }: { outcome: string }) {
  if (isTestOutcome(outcome)) return <TestOutcomeBadge outcome={outcome} />
  return (
    <span className="outcome-badge outcome-badge-normal tone-wait" data-outcome={outcome}>
      <span className="outcome-dot" aria-hidden="true" />
      {outcome === 'not_testable' ? 'Not testable' : outcome}
    </span>
  )
}

export function TestNewValueStep({ flow, busy, onForce }: TestNewValueStepProps) {
  const test = flow.test
  const offerForce = test !== null && flow.canForce
  return (
    <div className="rotation-step-body">
      <dl className="rotation-values">
        <div className="rotation-value-row">
          <dt>New</dt>
          <dd>
            <span className="version-number">v{flow.newVersion}</span>
            <code className="masked-value">{flow.newValueMasked}</code>
            {flow.newExpiresAt ? <span className="muted">expires {formatDate(flow.newExpiresAt)}</span> : null}
          </dd>
        </div>
        <div className="rotation-value-row">
          <dt>Current</dt>
          <dd>
            <span className="version-number">v{flow.oldVersion}</span>
            <code className="masked-value">{flow.oldValueMasked}</code>
            <span className="muted">in use until then</span>
          </dd>
        </div>
      </dl>
      {test ? (
        <div className="rotation-test" role="status">
          <div className="test-result-head">
            <FlowOutcomeBadge outcome={test.outcome} />
            <span className="test-result-meta">
              <time dateTime={test.testedAt}>{formatDateTime(test.testedAt)}</time>
            </span>
          </div>
          <p className="test-result-sentence">{test.reason}</p>
        </div>
      ) : null}
      <p className="rotation-next">{flow.nextStepInWords}</p>
      {offerForce ? (
        <div className="rotation-warning" role="note">
          <p>
            <strong>Not checked by Keyward.</strong> If the new value is wrong, the services you move to it will fail.
            Use it anyway only once you have checked it works (a request of your own, the provider's dashboard).
          </p>
          <button type="button" className="button button-small button-warning" disabled={busy} onClick={onForce}>
            {busy ? 'Making it current…' : 'Use it anyway'}
          </button>
        </div>
      ) : null}
    </div>
  )
}
