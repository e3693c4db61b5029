// The harness's clock: real time plus an offset a test can push forward, so an e2e spec can reach the
// idle auto-lock (minutes away) in a moment. Pushing forward fires every timer that comes due.
import type { Clock } from '../../main/common/clock'

interface PendingTimer {
  at: number
  callback: () => void
  real: ReturnType<typeof setTimeout>
}

export class HarnessClock implements Clock {
  private offset = 0
  private nextHandle = 1
  private readonly timers = new Map<number, PendingTimer>()

  now(): number {
    return Date.now() + this.offset
  }

  setTimeout(callback: () => void, milliseconds: number): unknown {
    const handle = this.nextHandle++
    this.arm(handle, this.now() + Math.max(0, milliseconds), callback)
    return handle
  }

  clearTimeout(handle: unknown): void {
    const timer = this.timers.get(handle as number)
    if (!timer) return
    clearTimeout(timer.real)
    this.timers.delete(handle as number)
  }

  /** Moves time forward; timers now due fire on the next turn of the event loop, in order. */
  advance(milliseconds: number): void {
    this.offset += Math.max(0, milliseconds)
    const pending = [...this.timers.entries()].sort((left, right) => left[1].at - right[1].at)
    for (const [handle, timer] of pending) {
      clearTimeout(timer.real)
      this.arm(handle, timer.at, timer.callback)
    }
  }

  /** Stops every pending timer (the harness is closing). */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer.real)
    this.timers.clear()
  }

  private arm(handle: number, at: number, callback: () => void): void {
    const real = setTimeout(
      () => {
        this.timers.delete(handle)
        callback()
      },
      Math.max(0, at - this.now()),
    )
    real.unref?.()
    this.timers.set(handle, { at, callback, real })
  }
}
