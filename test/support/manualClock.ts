// A clock the test moves by hand: timers fire only when advance() passes their time.
import type { Clock } from '../../main/common/clock'

export class ManualClock implements Clock {
  private current: number
  private nextHandle = 1
  private readonly timers = new Map<number, { at: number; callback: () => void }>()

  constructor(start = Date.UTC(2026, 10, 22, 9, 0, 0)) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  setTimeout(callback: () => void, milliseconds: number): unknown {
    const handle = this.nextHandle++
    this.timers.set(handle, { at: this.current + milliseconds, callback })
    return handle
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number)
  }

  /** Moves time forward, firing due timers in order (a timer may schedule another). */
  advance(milliseconds: number): void {
    const target = this.current + milliseconds
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) break
      this.timers.delete(due[0])
      this.current = due[1].at
      due[1].callback()
    }
    this.current = target
  }

  get pendingTimers(): number {
    return this.timers.size
  }
}
