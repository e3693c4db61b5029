// Where a long run's progress goes: redrawn in place on a terminal and cleared at the end; off one, a
// plain line every few seconds (none for a short run), even while the run has no news.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LOG_LINE_MILLISECONDS, startProgress } from '../../../main/cli/progress'
import { ManualClock } from '../../support/manualClock'

let written: string
const stderr = { write: (text: string) => (written += text) }
let clock: ManualClock

beforeEach(() => {
  written = ''
  clock = new ManualClock()
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('on a terminal', () => {
  it('draws the first state at once, redraws at most every 200 ms, and clears the line at the end', () => {
    const progress = startProgress({ stderr, stderrIsTTY: true }, clock)
    progress.update('Testing keys: 0 of 3 done')
    expect(written).toBe('\r\x1b[KTesting keys: 0 of 3 done (Ctrl-C to stop)')
    clock.advance(50)
    progress.update('Testing keys: 1 of 3 done')
    expect(written).not.toContain('1 of 3')
    clock.advance(200)
    progress.update('Testing keys: 2 of 3 done')
    expect(written.endsWith('\r\x1b[KTesting keys: 2 of 3 done (Ctrl-C to stop)')).toBe(true)
    progress.end()
    expect(written.endsWith('\r\x1b[K')).toBe(true)
    progress.update('Testing keys: 3 of 3 done')
    expect(written).not.toContain('3 of 3')
    expect(written).not.toContain('\n')
  })
})

describe('off a terminal', () => {
  it('stays silent for a run shorter than the gap, then logs one plain line per gap', () => {
    const progress = startProgress({ stderr, stderrIsTTY: false }, clock)
    progress.update('Importing keys: 200 of 5000 written')
    clock.advance(LOG_LINE_MILLISECONDS - 1)
    progress.update('Importing keys: 400 of 5000 written')
    expect(written).toBe('')
    clock.advance(1)
    progress.update('Importing keys: 600 of 5000 written')
    expect(written).toBe('keyward: Importing keys: 600 of 5000 written\n')
    for (let step = 0; step < 30; step += 1) {
      clock.advance(LOG_LINE_MILLISECONDS / 10)
      progress.update(`Importing keys: ${800 + step * 200} of 5000 written`)
    }
    // 3 more gaps in 30 tenths of a gap: a line each, no more, and no terminal codes in a log.
    expect(written.split('\n').filter(Boolean)).toHaveLength(4)
    expect(written).not.toContain('\x1b')
    progress.end()
    expect(written.endsWith('\n')).toBe(true)
  })

  it("logs the last state again when the run goes quiet (a plan's rate limit, one large blob)", () => {
    const progress = startProgress({ stderr, stderrIsTTY: false }, clock)
    progress.update('Testing keys: 4 of 9 done')
    clock.advance(LOG_LINE_MILLISECONDS)
    vi.advanceTimersByTime(1_000)
    expect(written).toBe('keyward: Testing keys: 4 of 9 done\n')
    clock.advance(LOG_LINE_MILLISECONDS)
    vi.advanceTimersByTime(1_000)
    expect(written.split('\n').filter(Boolean)).toHaveLength(2)
    progress.end()
    clock.advance(LOG_LINE_MILLISECONDS)
    vi.advanceTimersByTime(10_000)
    expect(written.split('\n').filter(Boolean)).toHaveLength(2)
  })
})
