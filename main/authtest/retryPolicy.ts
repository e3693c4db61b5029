// How long to wait before a rate-limited test is sent again: the provider's Retry-After (clamped at
// a day) or its documented backoff, whichever is longer, with jitter always on top, never below it.
// Also the one check that a time read from an answer is a date this machine can write down.

/** Retry-After past this is a provider's mistake or an attack: a key is tested again after a day. */
export const MAX_RETRY_AFTER_SECONDS = 86_400
/** Jitter on top of the wait: random × base × 2^(retry−1), at most the cap. */
export const JITTER_BASE_MILLISECONDS = 500
export const JITTER_CAP_MILLISECONDS = 8_000

/** The latest time a date from an answer may hold: the end of year 9999, as ISO 8601 writes it. */
const LATEST_DATE_MILLISECONDS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

/** An ISO date for a time taken from an answer, or null when it is not a time ISO 8601 can write. */
export const isoDateInRange = (milliseconds: number): string | null =>
  Number.isFinite(milliseconds) && milliseconds >= 0 && milliseconds <= LATEST_DATE_MILLISECONDS
    ? new Date(milliseconds).toISOString()
    : null

export interface RetryWait {
  /** Milliseconds to wait before the next request with this key. */
  milliseconds: number
  /** The Retry-After the provider asked for, when it was past the ceiling and cut to it. */
  clampedFromSeconds: number | null
}

/**
 * The wait after a rate-limited answer, before retry number `retry` (1 for the first). The floor is
 * the longer of Retry-After and the provider's documented backoff for that retry (its last entry
 * for later ones); the jitter keeps keys told the same wait from coming back in the same instant.
 */
export const retryWait = (
  retry: number,
  retryAfterSeconds: number | null,
  backoffSeconds: readonly number[] | undefined,
  random: () => number,
): RetryWait => {
  const asked = retryAfterSeconds ?? 0
  const clamped = asked > MAX_RETRY_AFTER_SECONDS
  const documented =
    backoffSeconds && backoffSeconds.length > 0 ? backoffSeconds[Math.min(retry, backoffSeconds.length) - 1]! : 0
  const floor = Math.max(clamped ? MAX_RETRY_AFTER_SECONDS : asked, documented) * 1000
  const jitter = random() * Math.min(JITTER_CAP_MILLISECONDS, JITTER_BASE_MILLISECONDS * 2 ** (retry - 1))
  return { milliseconds: floor + jitter, clampedFromSeconds: clamped ? asked : null }
}

/** A wait as a person reads it: "3 s", "4 min", "5 h", "12 days", or "more than 100 years". */
export const describeWait = (milliseconds: number): string => {
  const seconds = Math.max(1, Math.ceil(milliseconds / 1000))
  if (seconds < 120) return `${seconds} s`
  if (seconds < 7_200) return `${Math.ceil(seconds / 60)} min`
  if (seconds < 172_800) return `${Math.ceil(seconds / 3_600)} h`
  if (seconds < 100 * 365 * 86_400) return `${Math.ceil(seconds / 86_400)} days`
  return 'more than 100 years'
}
