// The reminder wiring: what a check decides is shown as a desktop notification (when the platform
// has them), a click brings the window forward, and the badge follows the count of keys to act on.
import { afterEach, describe, expect, it } from 'vitest'
import { wireRotationReminders, type NotificationLike } from '../../../main/app/rotationReminders'
import { createVault, type OpenVault } from '../../../main/vault/index'
import { fakeKeys } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

const setUp = async (supported: boolean) => {
  const temp = makeTempDirectory()
  const clock = new ManualClock(Date.parse('2026-11-22T09:00:00Z'))
  const vaultPath = tempVaultPath(temp.directory)
  const vault: OpenVault = await createVault(vaultPath, 'master password', {
    kdfCost: TEST_KDF_COST,
    now: () => new Date(clock.now()),
  })
  cleanups.push(() => {
    vault.close()
    temp.cleanup()
  })
  vault.keys.add({ name: 'Clipia prod', value: fakeKeys.clipiaLive(), expiresAt: '2026-11-20' })
  const shown: { title: string; body: string; clicked: () => void }[] = []
  const badges: number[] = []
  const clicks: string[] = []
  const scheduler = wireRotationReminders({
    clock,
    vaultPath,
    currentVault: () => vault,
    createNotification: (options) => {
      let onClick = () => {}
      const notification: NotificationLike = {
        show: () => shown.push({ ...options, clicked: () => onClick() }),
        on: (_event, listener) => (onClick = listener),
      }
      return notification
    },
    notificationsSupported: () => supported,
    setBadgeCount: (count) => badges.push(count),
    onClick: (notification) => clicks.push(notification.level),
    onError: (error) => {
      throw error
    },
  })
  cleanups.push(() => scheduler.stop())
  return { scheduler, shown, badges, clicks }
}

describe('rotation reminders on the desktop', () => {
  it('shows one notification for an expired key, badges it, and a click reaches the window', async () => {
    const { scheduler, shown, badges, clicks } = await setUp(true)
    scheduler.start()
    expect(shown).toHaveLength(1)
    expect(shown[0]!.title + shown[0]!.body).toMatch(/expired/i)
    expect(badges.at(-1)).toBe(1)
    shown[0]!.clicked()
    expect(clicks).toEqual(['expired'])
    scheduler.checkNow()
    expect(shown).toHaveLength(1)
  })

  it('shows nothing where the platform has no notifications, and still keeps the badge', async () => {
    const { scheduler, shown, badges } = await setUp(false)
    scheduler.start()
    expect(shown).toEqual([])
    expect(badges.at(-1)).toBe(1)
  })
})
