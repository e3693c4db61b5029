// Runs the reminder checks while the app runs, locked or not: one at start, then every 24 hours
// (sooner when the schedule says a key changes state before then), and whenever the app asks
// (after an unlock, a test, an edit, a rotation step). It shows what a check returns through the
// injected notifier and reports the badge count.
import type { Clock } from '../common/clock'
import type { OpenVault } from '../vault/index'
import { DAY_MILLISECONDS } from './computeRotation'
import {
  checkRemindersLocked,
  checkRemindersUnlocked,
  type ReminderCheck,
  type RotationNotification,
} from './reminders'
import { nextEntryAfter, readReminderSchedule } from './remindersFile'

export interface Notifier {
  show(notification: RotationNotification): void
}

export interface ReminderSchedulerOptions {
  clock: Clock
  notifier: Notifier
  /** <vault>.reminders.json (remindersPathFor). */
  remindersPath: string
  /**
   * The unlocked vault, or null while locked. It must not count as user activity (the idle
   * auto-lock must not be held off by a background check).
   */
  currentVault: () => OpenVault | null
  /** The number of keys needing action, after every check. */
  onBadge?: (count: number) => void
  /** A check that failed (a damaged vault, an unwritable folder): logged by the caller, never thrown. */
  onError?: (error: unknown) => void
  checkIntervalMilliseconds?: number
}

/** Never sooner than this after a check, whatever the schedule says. */
const MIN_DELAY_MILLISECONDS = 60_000

export class ReminderScheduler {
  private timer: unknown = null
  private running = false

  constructor(private readonly options: ReminderSchedulerOptions) {}

  /** Checks now and keeps checking until stop(). */
  start(): ReminderCheck | null {
    this.running = true
    return this.checkNow()
  }

  stop(): void {
    this.running = false
    this.clearTimer()
  }

  /** Runs one check now (and reschedules the next): unlocked by name, locked by count. */
  checkNow(): ReminderCheck | null {
    const { clock, notifier, remindersPath } = this.options
    const now = clock.now()
    let check: ReminderCheck | null = null
    try {
      const vault = this.options.currentVault()
      check = vault ? checkRemindersUnlocked(vault, remindersPath, now) : checkRemindersLocked(remindersPath, now)
      for (const notification of check.notifications) notifier.show(notification)
      this.options.onBadge?.(check.badge)
      if (check.scheduleError) this.options.onError?.(new Error(check.scheduleError))
    } catch (error) {
      this.options.onError?.(error)
    }
    if (this.running) this.scheduleNext(now)
    return check
  }

  private scheduleNext(now: number): void {
    this.clearTimer()
    const interval = this.options.checkIntervalMilliseconds ?? DAY_MILLISECONDS
    const schedule = readReminderSchedule(this.options.remindersPath)
    const nextChange = schedule ? nextEntryAfter(schedule, now) : null
    const delay = Math.max(
      MIN_DELAY_MILLISECONDS,
      Math.min(interval, nextChange === null ? interval : nextChange - now),
    )
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null
      this.checkNow()
    }, delay)
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer)
    this.timer = null
  }
}
