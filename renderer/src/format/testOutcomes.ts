// How auth-test answers are written beside their outcome: latency, clock times, main's reason without
// a stale wait. The outcomes' words, tones and order are the contract's table (preload/statusWords.ts).
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
