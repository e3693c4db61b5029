// A clock whose timers fire at once, in order, moving time to their due moment: a wait of a minute
// costs nothing, and a simulator and a tester sharing it agree on every window edge.
import type { Clock } from '../../../main/common/clock'

export class VirtualClock implements Clock {
  private current: number
  private nextHandle = 1
  private readonly timers = new Map<number, { at: number; callback: () => void }>()
  /** Every wait asked for, in order (what a test checks backoff and jitter with). */
  readonly waits: number[] = []

  constructor(start = Date.UTC(2026, 10, 22, 9, 0, 0)) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  setTimeout(callback: () => void, milliseconds: number): unknown {
    const handle = this.nextHandle++
    this.waits.push(milliseconds)
    this.timers.set(handle, { at: this.current + Math.max(0, milliseconds), callback })
    setImmediate(() => this.fireEarliest())
    return handle
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number)
  }

  advance(milliseconds: number): void {
    this.current += milliseconds
  }

  private fireEarliest(): void {
    const earliest = [...this.timers.entries()].sort((a, b) => a[1].at - b[1].at)[0]
    if (!earliest) return
    this.timers.delete(earliest[0])
    this.current = Math.max(this.current, earliest[1].at)
    earliest[1].callback()
  }
}
