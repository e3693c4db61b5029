// Copies a secret to the system clipboard from main and clears it after a delay, but only if the
// clipboard still holds that value (the user may have copied something else since).
import type { Clock } from '../common/clock'
import { systemClock } from '../common/clock'

/** The system clipboard's two calls; Electron's clipboard (asynchronous since Electron 45) fits as is. */
export interface ClipboardLike {
  readText(): Promise<string> | string
  writeText(text: string): Promise<void> | void
}

export const CLIPBOARD_CLEAR_SECONDS = 30

export interface ClipboardGuard {
  /** Writes the value and schedules the clear; answers how many seconds until then. */
  copySecret(value: string): Promise<number>
  /** Writes text that is not a secret (a reference): nothing to clear later. */
  copyText(text: string): Promise<void>
  /** Clears now if the clipboard still holds the value this guard wrote (on lock and on quit). */
  clearIfOurs(): Promise<void>
}

export const createClipboardGuard = (
  clipboard: ClipboardLike,
  clock: Clock = systemClock,
  clearAfterSeconds = CLIPBOARD_CLEAR_SECONDS,
): ClipboardGuard => {
  let copied: string | null = null
  let timer: unknown = null
  // Clipboard calls run one after another, in the order they were asked for.
  let queue: Promise<unknown> = Promise.resolve()
  const inOrder = <Value>(operation: () => Promise<Value>): Promise<Value> => {
    const next = queue.then(operation)
    queue = next.catch(() => undefined)
    return next
  }

  const clearIfOurs = (): Promise<void> =>
    inOrder(async () => {
      if (timer !== null) clock.clearTimeout(timer)
      timer = null
      const ours = copied
      copied = null
      if (ours !== null && (await clipboard.readText()) === ours) await clipboard.writeText('')
    })

  return {
    copySecret: (value) =>
      inOrder(async () => {
        if (timer !== null) clock.clearTimeout(timer)
        await clipboard.writeText(value)
        copied = value
        timer = clock.setTimeout(() => {
          clearIfOurs().catch(() => undefined)
        }, clearAfterSeconds * 1000)
        return clearAfterSeconds
      }),
    copyText: (text) => inOrder(async () => clipboard.writeText(text)),
    clearIfOurs,
  }
}
