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

/** Slack past a window's edge: the provider stamps the request when it arrives, a little later. */
export const WINDOW_MARGIN_MILLISECONDS = 25

export class SlidingWindows {
  private readonly sent = new Map<string, number[]>()
  private readonly pausedUntil = new Map<string, number>()

  /** Loads the times requests were already sent with a key (from its test history). */
  seed(keyId: string, sentAt: readonly number[]): void {
    const known = this.sent.get(keyId) ?? []
    this.sent.set(keyId, [...new Set([...known, ...sentAt])].sort((a, b) => a - b))
  }

  /** The earliest time, at or after now, a request with this key stays within every limit. */
  nextSlot(keyId: string, limits: RateLimits, now: number): number {
    const sent = this.prune(keyId, now)
    let earliest = Math.max(now, this.pausedUntil.get(keyId) ?? 0)
    for (const window of WINDOWS) {
      const limit = limits[window.field]
      if (limit === undefined || sent.length < limit) continue
      // The request `limit` places back must have left the window.
      earliest = Math.max(earliest, sent[sent.length - limit]! + window.milliseconds + WINDOW_MARGIN_MILLISECONDS)
    }
    return earliest
  }

  record(keyId: string, at: number): void {
    const sent = this.sent.get(keyId) ?? []
    sent.push(at)
    this.sent.set(keyId, sent)
  }

  /** The provider said to wait (Retry-After): no request with this key before then. */
  pause(keyId: string, until: number): void {
    this.pausedUntil.set(keyId, Math.max(until, this.pausedUntil.get(keyId) ?? 0))
  }

  private prune(keyId: string, now: number): number[] {
    const sent = (this.sent.get(keyId) ?? []).filter((at) => at > now - 86_400_000)
    this.sent.set(keyId, sent)
    return sent
  }
}
