// What each auth-test outcome is called and how loud it is. The sentence beside a badge is main's
// reason (it already says what to do); this module only names and colours the outcome.
import type { TestOutcome } from '../../../preload/contract'

/** good: green; bad: red; warn: amber; wait: grey-blue (try again later, nothing to fix yet). */
export type OutcomeTone = 'good' | 'bad' | 'warn' | 'wait'

interface OutcomeLook {
  label: string
  tone: OutcomeTone
}

export const OUTCOME_LOOKS: Record<TestOutcome, OutcomeLook> = {
  valid: { label: 'Valid', tone: 'good' },
  invalid: { label: 'Invalid', tone: 'bad' },
  expired: { label: 'Expired', tone: 'bad' },
  forbidden: { label: 'Forbidden', tone: 'warn' },
  quota_exhausted: { label: 'Quota used up', tone: 'warn' },
  rate_limited: { label: 'Rate limited', tone: 'wait' },
  network_error: { label: 'Network error', tone: 'wait' },
  unknown: { label: 'Unclear answer', tone: 'wait' },
}

/** The order outcomes are listed in (filters, run counts): what needs work first. */
export const OUTCOME_ORDER: readonly TestOutcome[] = [
  'invalid',
  'expired',
  'forbidden',
  'quota_exhausted',
  'rate_limited',
  'network_error',
  'unknown',
  'valid',
]

/** Outcomes that mean the key itself needs attention (not a passing hiccup): the sidebar counts these. */
const FAILING: ReadonlySet<TestOutcome> = new Set<TestOutcome>(['invalid', 'expired', 'forbidden', 'quota_exhausted'])

export const isFailingOutcome = (outcome: TestOutcome | null | undefined): boolean =>
  outcome ? FAILING.has(outcome) : false

/** "182 ms", "1.4 s": a latency the way a person compares them. */
export const formatLatency = (milliseconds: number | null): string | null => {
  if (milliseconds === null || !Number.isFinite(milliseconds)) return null
  if (milliseconds < 1000) return `${Math.max(1, Math.round(milliseconds))} ms`
  return `${(milliseconds / 1000).toFixed(milliseconds < 10_000 ? 1 : 0)} s`
}

/** Main ends a rate-limited reason with the wait as it stood then ("Next test possible in 31 s."). */
const WAIT_AT_ANSWER_TIME = /\s*Next test possible in [^.]*\.\s*$/

/** The reason without that wait: shown where the wait would have gone stale, or a live countdown replaces it. */
export const reasonWithoutWait = (reason: string): string => reason.replace(WAIT_AT_ANSWER_TIME, '') || reason
