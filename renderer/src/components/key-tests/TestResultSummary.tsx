// One test result as a person reads it: the outcome badge, main's sentence saying what to do, and
// beside it the HTTP status, latency, when, and where the request went if not to the provider itself.
import type { TestOutcome } from '#contract'
import { describeTimeAgo, formatDateTime } from '../../format/describeTime'
import { formatLatency, reasonWithoutWait } from '../../format/testOutcomes'
import { useCountdown } from '../../hooks/useCountdown'
import { useNow } from '../../hooks/useNow'
import { ProviderRouteNote } from './ProviderRouteNote'
import { TestOutcomeBadge } from './TestOutcomeBadge'

export interface ShownTestResult {
  outcome: TestOutcome
  reason: string
  testedAt: string
  latencyMilliseconds: number | null
  httpStatus?: number | null
  nextTestAt?: string | null
}

interface TestResultSummaryProps {
  result: ShownTestResult
  providerId: string | null
}

export function TestResultSummary({ result, providerId }: TestResultSummaryProps) {
  const now = useNow()
  const nextTestAt = result.nextTestAt ? new Date(result.nextTestAt).getTime() : null
  const secondsToNext = useCountdown(nextTestAt !== null && Number.isFinite(nextTestAt) ? nextTestAt : null)
  // Main's sentence ends with the wait as it was when the answer came: a live countdown replaces it
  // when the answer is this session's, and a recorded one's would be stale.
  const sentence = reasonWithoutWait(result.reason)
  const latency = formatLatency(result.latencyMilliseconds)
  return (
    <div className="test-result" data-testid="test-result">
      <div className="test-result-head">
        <TestOutcomeBadge outcome={result.outcome} />
        <span className="test-result-meta">
          {result.httpStatus ? <span>HTTP {result.httpStatus}</span> : null}
          {latency ? <span>{latency}</span> : null}
          <time dateTime={result.testedAt} title={formatDateTime(result.testedAt)}>
            {describeTimeAgo(result.testedAt, now)}
          </time>
        </span>
      </div>
      <p className="test-result-sentence">{sentence}</p>
      {secondsToNext !== null ? (
        <p className="test-result-next" role="timer" aria-live="off">
          {secondsToNext > 0 ? `Next test possible in ${secondsToNext} s.` : 'You can test it again now.'}
        </p>
      ) : null}
      <ProviderRouteNote providerId={providerId} />
    </div>
  )
}
