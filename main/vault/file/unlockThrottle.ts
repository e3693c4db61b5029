// Slows down guessing the master password: after a few wrong ones, each further try must wait
// twice as long as the last, up to a cap. The count lives in a small file beside the header
// (<vault>.unlock-attempts), not in the database, which cannot be read before the vault is unlocked;
// so the wait holds across restarts of the app and across CLI runs. docs/security.md says what it
// protects against and what it cannot.
import { lstatSync, readFileSync, rmSync } from 'node:fs'
import { z } from 'zod'
import type { Clock } from '../../common/clock'
import { secondsIn } from '../../common/countNoun'
import { KeywardError } from '../../common/errors'
import { writePrivateFileAtomically } from '../../common/privateFile'

/** Wrong passwords allowed back to back before any wait. */
export const FREE_UNLOCK_FAILURES = 3
const FIRST_DELAY_MILLISECONDS = 1_000
export const MAX_UNLOCK_DELAY_MILLISECONDS = 5 * 60_000

export const unlockAttemptsPathFor = (vaultPath: string): string => `${vaultPath}.unlock-attempts`

const AttemptsFile = z.object({
  failures: z.number().int().min(0),
  lastFailureAt: z.string(),
})
type AttemptsFile = z.infer<typeof AttemptsFile>

/** How long the next try must wait after this many wrong passwords in a row: 0, 0, 0, 1 s, 2 s, 4 s … 5 min. */
export const unlockDelayAfter = (failures: number): number => {
  if (failures <= FREE_UNLOCK_FAILURES) return 0
  const doublings = failures - FREE_UNLOCK_FAILURES - 1
  // 2^9 s already passes the cap: stop before the number grows without bound.
  return doublings >= 9
    ? MAX_UNLOCK_DELAY_MILLISECONDS
    : Math.min(FIRST_DELAY_MILLISECONDS * 2 ** doublings, MAX_UNLOCK_DELAY_MILLISECONDS)
}

/** What a wrong password's error adds when the next try must wait (said the same for a vault and a backup). */
export const nextTryWait = (nextTryDelay: number): string =>
  nextTryDelay > 0 ? ` After several wrong passwords in a row, the next try must wait ${secondsIn(nextTryDelay)}.` : ''

/** The error for a wrong master password, with the wait the throttle now asks for. */
export const wrongMasterPassword = (nextTryDelay = 0): KeywardError =>
  new KeywardError(
    'wrong_password',
    `Wrong master password. Check Caps Lock and try again.${nextTryWait(nextTryDelay)}`,
  )

export class UnlockThrottle {
  constructor(
    private readonly vaultPath: string,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  get path(): string {
    return unlockAttemptsPathFor(this.vaultPath)
  }

  /** Milliseconds until the next try is allowed (0: now). */
  millisecondsUntilNextTry(): number {
    const record = this.read()
    if (!record) return 0
    const delay = unlockDelayAfter(record.failures)
    if (delay === 0) return 0
    const lastFailure = Date.parse(record.lastFailureAt)
    const now = this.clock.now()
    if (!Number.isFinite(lastFailure) || lastFailure > now) {
      // The clock went back (or the time is unreadable): count the wait from now rather than
      // from a moment that may never come again.
      try {
        this.write({ failures: record.failures, lastFailureAt: new Date(now).toISOString() })
      } catch {
        // Not saved: the next try sees the same record and waits from its own now again.
      }
      return delay
    }
    return Math.max(0, lastFailure + delay - now)
  }

  /** Refuses at once, before any key is derived, while the wait after wrong passwords runs. */
  assertMayTry(): void {
    const wait = this.millisecondsUntilNextTry()
    if (wait > 0) {
      throw new KeywardError(
        'rate_limited',
        `Too many wrong master passwords: wait ${secondsIn(wait)} before trying again. Each further wrong password doubles the wait, up to ${MAX_UNLOCK_DELAY_MILLISECONDS / 60_000} minutes.`,
      )
    }
  }

  /** Counts a wrong password; answers how long the next try must wait (0: none). */
  recordFailure(): number {
    const failures = (this.read()?.failures ?? 0) + 1
    try {
      this.write({ failures, lastFailureAt: new Date(this.clock.now()).toISOString() })
    } catch {
      // A folder Keyward cannot write to: the wrong password is still reported as such. Whoever
      // made it read-only could as well have deleted the count.
    }
    return unlockDelayAfter(failures)
  }

  /** The right password: the count starts again (nothing is written when there was none). */
  recordSuccess(): void {
    if (this.exists()) rmSync(this.path, { force: true })
  }

  private exists(): boolean {
    try {
      lstatSync(this.path)
      return true
    } catch {
      return false
    }
  }

  private read(): AttemptsFile | null {
    let text: string
    try {
      text = readFileSync(this.path, 'utf8')
    } catch {
      return null
    }
    try {
      const parsed = AttemptsFile.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  private write(record: AttemptsFile): void {
    writePrivateFileAtomically(this.path, `${JSON.stringify(record)}\n`, { replace: true })
  }
}
