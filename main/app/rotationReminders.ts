// Desktop reminders for keys due for rotation: the scheduler (main/rotation-service) decides what to tell and
// when; this module shows it with Electron's Notification and keeps the dock/taskbar badge count.
// Electron's parts come in through small interfaces so a test checks the wiring with fakes.
import type { Clock } from '../common/clock'
import { remindersPathFor, ReminderScheduler, type RotationNotification } from '../rotation-service/index'
import type { OpenVault } from '../vault/index'

export interface NotificationLike {
  show(): void
  on(event: 'click', listener: () => void): unknown
}

export interface ReminderWiring {
  clock: Clock
  vaultPath: string
  /** The unlocked vault, or null: read without counting as user activity. */
  currentVault: () => OpenVault | null
  createNotification: (options: { title: string; body: string; silent: boolean }) => NotificationLike
  /** Whether the platform can show notifications at all. */
  notificationsSupported: () => boolean
  setBadgeCount: (count: number) => void
  /** A click on a reminder: bring the window forward (and open the key, when one is named). */
  onClick: (notification: RotationNotification) => void
  onError: (error: unknown) => void
}

export const wireRotationReminders = (wiring: ReminderWiring): ReminderScheduler => {
  const scheduler = new ReminderScheduler({
    clock: wiring.clock,
    remindersPath: remindersPathFor(wiring.vaultPath),
    currentVault: wiring.currentVault,
    onBadge: wiring.setBadgeCount,
    onError: wiring.onError,
    notifier: {
      show: (notification) => {
        if (!wiring.notificationsSupported()) return
        const shown = wiring.createNotification({ title: notification.title, body: notification.body, silent: false })
        shown.on('click', () => wiring.onClick(notification))
        shown.show()
      },
    },
  })
  return scheduler
}
