// Copies a secret to the system clipboard from main and clears it after a delay, but only if the
// clipboard still holds that value (the user may have copied something else since).
import type { Clock } from '../common/clock'
import { systemClock } from '../common/clock'

export interface ClipboardLike {
  readText(): string
  writeText(text: string): void
}

export const CLIPBOARD_CLEAR_SECONDS = 30

export interface ClipboardGuard {
  /** Writes the value and schedules the clear; answers how many seconds until then. */
  copySecret(value: string): number
  /** Clears now if the clipboard still holds a value this guard wrote (used on lock and quit). */
  clearIfOurs(): void
}

export const createClipboardGuard = (
  clipboard: ClipboardLike,
  clock: Clock = systemClock,
  clearAfterSeconds = CLIPBOARD_CLEAR_SECONDS,
): ClipboardGuard => {
  let copied: string | null = null
  let timer: unknown = null

  const clearIfOurs = () => {
    if (timer !== null) clock.clearTimeout(timer)
    timer = null
    if (copied !== null && clipboard.readText() === copied) clipboard.writeText('')
    copied = null
  }

  return {
    copySecret(value) {
      if (timer !== null) clock.clearTimeout(timer)
      clipboard.writeText(value)
      copied = value
      timer = clock.setTimeout(clearIfOurs, clearAfterSeconds * 1000)
      return clearAfterSeconds
    },
    clearIfOurs,
  }
}
