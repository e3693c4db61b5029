// Every recorded test of a key, newest first: outcome, HTTP status, latency, attempts, when, and the
// provider's own message. Asked again whenever the key's last test changes.
import { useEffect, useState } from 'react'
import type { KeyTest } from '#contract'
import { callKeyward } from '../../api/callKeyward'
import { countNoun } from '../../format/countNoun'
import { describeTimeAgo, formatDateTime } from '../../format/describeTime'
import { formatLatency } from '../../format/testOutcomes'
import { useNow } from '../../hooks/useNow'
import { TestOutcomeBadge } from './TestOutcomeBadge'

interface KeyTestHistoryProps {
  keyId: string
  /** The key's last test time: a new test changes it, and the history is asked again. */
  lastTestedAt: string | null
  /** Shows the newest ones only, with a "n more" line (the vault's detail keeps it short). */
  limit?: number
}

export function KeyTestHistory({ keyId, lastTestedAt, limit }: KeyTestHistoryProps) {
  const now = useNow()
  const [tests, setTests] = useState<KeyTest[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [expanded, setExpanded] = useState(false)

  useEffect(() => {
    let current = true
    void callKeyward('listKeyTests', { id: keyId }).then((result) => {
      if (!current) return
      if (result.ok) {
        setTests(
          [...result.value].sort((left, right) => right.testedAt.localeCompare(left.testedAt) || right.id - left.id),
        )
        setError(null)
      } else setError(result.error.message)
    })
    return () => {
      current = false
    }
  }, [keyId, lastTestedAt])

  const all = tests ?? []
  const shown = limit && !expanded ? all.slice(0, limit) : all
  return (
    <section className="detail-section" aria-labelledby={`test-history-${keyId}`}>
      <h3 id={`test-history-${keyId}`} className="detail-section-title">
        Test history <span className="detail-section-count">{tests ? all.length : ''}</span>
      </h3>
      {error ? <p className="error-message">{error}</p> : null}
      {tests && all.length === 0 ? <p className="history-empty">No tests yet.</p> : null}
      {shown.length > 0 ? (
        <ol className="test-history" aria-label="Test history">
          {shown.map((test) => (
            <li key={test.id} className="test-history-row" title={test.reason}>
              <div className="test-history-line">
                <TestOutcomeBadge outcome={test.outcome} size="small" />
                <span className="test-history-status">{test.httpStatus ? `HTTP ${test.httpStatus}` : 'no answer'}</span>
                <span className="test-history-latency">{formatLatency(test.latencyMilliseconds) ?? ''}</span>
                <span className="test-history-attempts">
                  {test.attempts > 1 ? countNoun(test.attempts, 'attempt') : ''}
                </span>
                <time className="test-history-time" dateTime={test.testedAt} title={formatDateTime(test.testedAt)}>
                  {describeTimeAgo(test.testedAt, now)}
                </time>
              </div>
              {test.providerMessage ? (
                <p className="test-history-message">
                  <span className="visually-hidden">Provider said: </span>“{test.providerMessage}”
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {limit && all.length > limit ? (
        <button type="button" className="link-button history-more" onClick={() => setExpanded((value) => !value)}>
          {expanded ? 'Show fewer' : `Show ${countNoun(all.length - limit, 'older test')}`}
        </button>
      ) : null}
    </section>
  )
}
