// Test now for one key (button or `t`), and the latest result: this session's answer when there is a
// newer one (it carries the HTTP status and when to try again), else the key's last recorded test.
import type { ReactNode } from 'react'
import type { KeyRecord, KeyTest } from '#contract'
import { useTestsStore } from '../../stores/testsStore'
import { TestRefusal } from './TestRefusal'
import { TestResultSummary, type ShownTestResult } from './TestResultSummary'

interface KeyTestPanelProps {
  record: KeyRecord
  /** The way out of a refusal that this pane can offer (choose a provider, open the key). */
  refusalAction?: ReactNode
}

const latestResult = (record: KeyRecord, sessionResult: KeyTest | undefined): ShownTestResult | null => {
  const last = record.lastTest
  if (sessionResult && (!last || sessionResult.testedAt >= last.testedAt)) return sessionResult
  return last
}

export function KeyTestPanel({ record, refusalAction }: KeyTestPanelProps) {
  const testing = useTestsStore((state) => Boolean(state.testing[record.id]))
  const sessionResult = useTestsStore((state) => state.results[record.id])
  const refusal = useTestsStore((state) => state.refusals[record.id])
  const testKey = useTestsStore((state) => state.testKey)
  const result = latestResult(record, sessionResult)

  return (
    <section className="test-panel" aria-label="Auth test">
      <div className="test-panel-head">
        <h3 className="test-panel-title">Auth test</h3>
        <button
          type="button"
          className="button button-small"
          disabled={testing}
          aria-keyshortcuts="t"
          title="Send the provider's read-only verify request now (T)"
          onClick={() => void testKey(record.id)}
        >
          {testing ? 'Testing…' : 'Test'}
        </button>
      </div>
      {refusal && !testing ? <TestRefusal refusal={refusal} action={refusalAction} /> : null}
      {result ? (
        <TestResultSummary result={result} providerId={record.provider} />
      ) : !refusal ? (
        <p className="test-panel-empty">
          Not tested yet. Test sends the provider's read-only verify request; nothing is spent or changed.
        </p>
      ) : null}
    </section>
  )
}
