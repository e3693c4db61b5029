// Client-side limits per key: sliding windows per second, minute and day, a margin past each edge,
// pauses a provider asked for, and a history seeded from the vault.
import { describe, expect, it } from 'vitest'
import { SlidingWindows, WINDOW_MARGIN_MILLISECONDS as MARGIN } from '../../../main/authtest/index'

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0)
const starter = { perSecond: 1, perMinute: 10, perDay: 600 }

const sendAll = (windows: SlidingWindows, key: string, limits: typeof starter, count: number, from = T0): number[] => {
  const times: number[] = []
  let now = from
  for (let index = 0; index < count; index += 1) {
    now = windows.nextSlot(key, limits, now)
    windows.record(key, now)
    times.push(now)
  }
  return times
}

describe('SlidingWindows', () => {
  it('lets the first request go now', () => {
    expect(new SlidingWindows().nextSlot('k', starter, T0)).toBe(T0)
  })

  it('spaces requests by the per-second limit, with the margin', () => {
    const times = sendAll(new SlidingWindows(), 'k', { perSecond: 1 } as typeof starter, 3)
    expect(times).toEqual([T0, T0 + 1000 + MARGIN, T0 + 2 * (1000 + MARGIN)])
  })

  it('lets a burst of perSecond through at once, then waits', () => {
    const times = sendAll(new SlidingWindows(), 'k', { perSecond: 10 } as typeof starter, 11)
    expect(times.slice(0, 10).every((time) => time === T0)).toBe(true)
    expect(times[10]).toBe(T0 + 1000 + MARGIN)
  })

  it('holds the 11th request of a 10/min plan until the first leaves the minute', () => {
    const times = sendAll(new SlidingWindows(), 'k', starter, 11)
    expect(times[9]).toBe(T0 + 9 * (1000 + MARGIN))
    expect(times[10]).toBe(T0 + 60_000 + MARGIN)
  })

  it('never has more requests in any window than the limit allows', () => {
    const limits = { perSecond: 3, perMinute: 7, perDay: 600 }
    const times = sendAll(new SlidingWindows(), 'k', limits, 30)
    for (const [span, limit] of [
      [1000, 3],
      [60_000, 7],
    ] as const) {
      for (const start of times)
        expect(times.filter((time) => time >= start && time < start + span).length).toBeLessThanOrEqual(limit)
    }
  })

  it('holds a key at its daily limit until a day after the request that filled it', () => {
    const windows = new SlidingWindows()
    const limits = { perDay: 3 } as typeof starter
    sendAll(windows, 'k', limits, 3)
    expect(windows.nextSlot('k', limits, T0 + 3_600_000)).toBe(T0 + 86_400_000 + MARGIN)
  })

  it('keeps keys apart', () => {
    const windows = new SlidingWindows()
    sendAll(windows, 'a', starter, 1)
    expect(windows.nextSlot('b', starter, T0)).toBe(T0)
    expect(windows.nextSlot('a', starter, T0)).toBe(T0 + 1000 + MARGIN)
  })

  it('does not limit a key whose plan declares no limits', () => {
    const windows = new SlidingWindows()
    sendAll(windows, 'k', {} as typeof starter, 50)
    expect(windows.nextSlot('k', {}, T0)).toBe(T0)
  })

  it('pauses a key until the time the provider asked, and forgets the pause after it', () => {
    const windows = new SlidingWindows()
    windows.pause('k', T0 + 5_000)
    windows.pause('k', T0 + 2_000)
    expect(windows.nextSlot('k', {}, T0)).toBe(T0 + 5_000)
    expect(windows.nextSlot('k', {}, T0 + 6_000)).toBe(T0 + 6_000)
  })

  it('counts a request from the end of its answer once restamped', () => {
    const windows = new SlidingWindows()
    windows.record('k', T0)
    windows.restamp('k', T0, T0 + 300)
    expect(windows.nextSlot('k', { perSecond: 1 }, T0 + 500)).toBe(T0 + 1300 + MARGIN)
    windows.restamp('k', T0 + 300, T0 + 100) // never earlier
    expect(windows.sentTimes('k', T0 + 500)).toEqual([T0 + 300])
  })

  describe('seeding from the test history', () => {
    it('holds a key whose day was used up before a restart', () => {
      const windows = new SlidingWindows()
      const history = Array.from({ length: 300 }, (_, index) => T0 - 3_600_000 + index * 1000)
      windows.seed('k', history)
      const free = { perSecond: 1, perMinute: 10, perDay: 300 }
      expect(windows.nextSlot('k', free, T0)).toBe(history[0]! + 86_400_000 + MARGIN)
    })

    it('counts the same history once when seeded twice, and two requests of one millisecond twice', () => {
      const windows = new SlidingWindows()
      windows.seed('k', [T0 - 10, T0 - 10, T0 - 5])
      windows.seed('k', [T0 - 10, T0 - 5])
      expect(windows.sentTimes('k', T0)).toEqual([T0 - 10, T0 - 10, T0 - 5])
    })

    it('keeps what was recorded before the seed', () => {
      const windows = new SlidingWindows()
      windows.record('k', T0)
      windows.seed('k', [T0 - 500])
      expect(windows.sentTimes('k', T0)).toEqual([T0 - 500, T0])
      expect(windows.nextSlot('k', { perSecond: 2 }, T0)).toBe(T0 + 500 + MARGIN)
    })

    it('forgets requests older than a day', () => {
      const windows = new SlidingWindows()
      windows.seed('k', [T0 - 86_400_001, T0 - 1000])
      expect(windows.sentTimes('k', T0)).toEqual([T0 - 1000])
    })
  })
})
