// Client-side rate limits, counted the way providers count them: a sliding window per second,
// minute and day over each key's recent requests. A token bucket would let a burst through that a
// sliding window refuses (10/min: ten at once, then one more 6 s later → 429), and the daily
// window must survive a restart, so the log is seeded from the test history kept in the vault.
import type { RateLimits } from '../providers/index'

const WINDOWS = [
  { field: 'perSecond', milliseconds: 1_000 },
  { field: 'perMinute', milliseconds: 60_000 },
  { field: 'perDay', milliseconds: 86_400_000 },
] as const

const DAY_MILLISECONDS = 86_400_000

/** Slack past a window's edge, for a provider that stamps requests coarsely or on another machine. */
export const WINDOW_MARGIN_MILLISECONDS = 25

export class SlidingWindows {
  /** Per key, the times its requests count from, in ascending order. */
  private readonly sent = new Map<string, number[]>()
  private readonly pausedUntil = new Map<string, number>()

  /**
   * Loads the times requests were already sent with a key (from its test history). Seeding twice
   * with the same history counts it once; two requests sent in the same millisecond count twice.
   */
  seed(keyId: string, sentAt: readonly number[]): void {
    const counts = new Map<number, number>()
    const tally = (times: readonly number[]) => {
      const here = new Map<number, number>()
      for (const time of times) here.set(time, (here.get(time) ?? 0) + 1)
      for (const [time, count] of here) counts.set(time, Math.max(counts.get(time) ?? 0, count))
    }
    tally(this.sent.get(keyId) ?? [])
    tally(sentAt.filter((time) => Number.isFinite(time)))
    const merged: number[] = []
    for (const [time, count] of counts) for (let index = 0; index < count; index += 1) merged.push(time)
    this.sent.set(
      keyId,
      merged.sort((a, b) => a - b),
    )
  }

  /** The earliest time, at or after now, a request with this key stays within every limit. */
  nextSlot(keyId: string, limits: RateLimits, now: number): number {
    const sent = this.prune(keyId, now)
    return earliestWithin(sent, limits, Math.max(now, this.pausedUntil.get(keyId) ?? 0))
  }

  record(keyId: string, at: number): void {
    const sent = this.sent.get(keyId) ?? []
    insertSorted(sent, at)
    this.sent.set(keyId, sent)
  }

  /**
   * Moves a recorded request to a later time. The provider stamps a request somewhere between its
   * sending and its answer; counting it from the answer keeps the next one clear of the window
   * however long the network took.
   */
  restamp(keyId: string, from: number, to: number): void {
    const sent = this.sent.get(keyId)
    const index = sent?.lastIndexOf(from) ?? -1
    if (!sent || index === -1 || to <= from) return
    sent.splice(index, 1)
    insertSorted(sent, to)
  }

  /** A recorded request never reached the provider (no host, refused, TLS failed): it counts for nothing. */
  forget(keyId: string, at: number): void {
    const sent = this.sent.get(keyId)
    const index = sent?.lastIndexOf(at) ?? -1
    if (sent && index !== -1) sent.splice(index, 1)
  }

  /** The provider said to wait (Retry-After): no request with this key before then. */
  pause(keyId: string, until: number): void {
    this.pausedUntil.set(keyId, Math.max(until, this.pausedUntil.get(keyId) ?? 0))
  }

  /** The requests counted against this key in the last day, oldest first (for tests and status). */
  sentTimes(keyId: string, now: number): readonly number[] {
    return [...this.prune(keyId, now)]
  }

  private prune(keyId: string, now: number): number[] {
    const sent = (this.sent.get(keyId) ?? []).filter((at) => at > now - DAY_MILLISECONDS)
    this.sent.set(keyId, sent)
    const paused = this.pausedUntil.get(keyId)
    if (paused !== undefined && paused <= now) this.pausedUntil.delete(keyId)
    return sent
  }
}

/**
 * The earliest time, at or after `from`, one more request stays within every limit, given the times
 * earlier requests count from (ascending): the request `limit` places back must have left the window.
 */
export const earliestWithin = (counted: readonly number[], limits: RateLimits, from: number): number => {
  let earliest = from
  for (const window of WINDOWS) {
    const limit = limits[window.field]
    if (limit === undefined || counted.length < limit) continue
    earliest = Math.max(earliest, counted[counted.length - limit]! + window.milliseconds + WINDOW_MARGIN_MILLISECONDS)
  }
  return earliest
}

const insertSorted = (times: number[], at: number): void => {
  let index = times.length
  while (index > 0 && times[index - 1]! > at) index -= 1
  times.splice(index, 0, at)
}
