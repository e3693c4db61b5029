// The passage of time, injected so that tests drive auto-lock and clipboard clearing with a fixed clock.
export interface Clock {
  now(): number
  setTimeout(callback: () => void, milliseconds: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // Timers keep the process alive: a CLI run waiting for a plan's limits may have nothing else
  // pending. Whoever starts one clears it (locking the vault, clearing the clipboard).
  setTimeout: (callback, milliseconds) => setTimeout(callback, milliseconds),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
