// Reminders as the app runs them, on a real vault with a hand-moved clock: a check at start and
// every day, locked or not; one notification per change of state, never repeated; by name while
// unlocked, by count while locked; the file kept beside the vault holds no key name, id or value.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ReminderScheduler,
  RotationService,
  remindersPathFor,
  type RotationNotification,
} from '../../../main/rotation-service/index'
import { fakeKeys } from '../../support/fakeKeys'
import { DAY, createRotationWorld, type RotationWorld } from './rotationKit'

let world: RotationWorld
let locked: boolean
let shown: { day: number; notification: RotationNotification }[]
let badges: number[]
let errors: unknown[]
let scheduler: ReminderScheduler
let start: number

beforeEach(async () => {
  world = await createRotationWorld()
  start = world.clock.now()
  locked = false
  shown = []
  badges = []
  errors = []
  scheduler = new ReminderScheduler({
    clock: world.clock,
    remindersPath: remindersPathFor(world.vaultPath),
    currentVault: () => (locked ? null : world.vault()),
    notifier: {
      show: (notification) => shown.push({ day: Math.round((world.clock.now() - start) / DAY), notification }),
    },
    onBadge: (count) => badges.push(count),
    onError: (error) => errors.push(error),
  })
})
afterEach(() => {
  scheduler.stop()
  world.cleanup()
  expect(errors).toEqual([])
})

const lock = () => {
  world.close()
  locked = true
}
const unlock = async () => {
  await world.reopen()
  locked = false
  scheduler.checkNow()
}
const advanceDays = (days: number) => world.clock.advance(days * DAY)
const titles = () => shown.map(({ day, notification }) => `${day}: ${notification.title}`)
/** The rotation service as the app wires it: each change it makes runs a reminder check at once. */
const serviceTellingScheduler = () =>
  new RotationService({ openVault: () => world.vault(), clock: world.clock, onChanged: () => scheduler.checkNow() })

describe('while unlocked', () => {
  it('checks at start and every day, and tells each change of state once, by name', () => {
    world.vault().keys.add({ name: 'Clodura prod', value: fakeKeys.clodura() })
    scheduler.start()
    expect(world.clock.pendingTimers).toBe(1)
    advanceDays(100)
    expect(titles()).toEqual([
      '60: "Clodura prod" is due for rotation in 30 days',
      '83: "Clodura prod" is due for rotation in 7 days',
      '89: "Clodura prod" is due for rotation in 1 day',
      '90: "Clodura prod" is overdue for rotation',
    ])
    expect(shown[3]!.notification).toMatchObject({
      keyId: expect.any(String),
      level: 'overdue',
      body: 'Due today (90-day policy). Rotate it in Keyward.',
    })
    // One check at start, then at least one a day.
    expect(badges.length).toBeGreaterThanOrEqual(101)
    expect(badges.at(-1)).toBe(1)
    // The next daily check says nothing new.
    scheduler.checkNow()
    expect(shown).toHaveLength(4)
  })

  it('tells a key that turns revoked or leaked once, and one rotated key nothing more', () => {
    const key = world.vault().keys.add({ name: 'Clodura prod', value: fakeKeys.clodura() })
    const service = serviceTellingScheduler()
    scheduler.start()
    advanceDays(1)
    world.vault().tests.record(key.id, {
      testedAt: new Date(world.clock.now()).toISOString(),
      outcome: 'invalid',
      reason: '401: unknown key.',
      providerMessage: null,
      httpStatus: 401,
      latencyMilliseconds: 10,
      attempts: 1,
      nextTestAt: null,
      facts: {},
    })
    scheduler.checkNow()
    service.markLeaked(key.id)
    advanceDays(2)
    expect(titles()).toEqual([
      '1: "Clodura prod" was rejected by its provider',
      '1: "Clodura prod" was found by the scanner',
    ])
    service.startRotation(key.id, fakeKeys.clodura())
    service.promote(key.id, { force: true })
    service.confirmRevoked(key.id)
    advanceDays(30)
    expect(shown).toHaveLength(2)
    expect(badges.at(-1)).toBe(0)
  })

  it('tells again when a snooze ends, not while it runs', () => {
    const key = world.vault().keys.add({ name: 'Clodura prod', value: fakeKeys.clodura() })
    const service = serviceTellingScheduler()
    scheduler.start()
    advanceDays(84)
    expect(shown).toHaveLength(2)
    service.snooze(key.id, { days: 3 })
    expect(badges.at(-1)).toBe(0)
    advanceDays(2)
    expect(shown).toHaveLength(2)
    advanceDays(2)
    expect(titles().slice(2)).toEqual(['87: "Clodura prod" is due for rotation in 3 days'])
  })

  it('groups many changes into one notification, and names no key when the policy says so', () => {
    for (let index = 0; index < 5; index += 1) {
      world.vault().keys.add({ name: `old ${index}`, value: fakeKeys.clodura(), expiresAt: '2025-12-01' })
    }
    scheduler.start()
    expect(shown.map(({ notification }) => notification)).toEqual([
      {
        title: '5 keys need attention',
        body: "5 expired. Open Keyward's Rotation panel.",
        keyId: null,
        level: 'summary',
      },
    ])
    world.service.setPolicy({ nameKeysInNotifications: false })
    world.vault().keys.add({ name: 'Secret project', value: fakeKeys.clodura(), expiresAt: '2025-12-01' })
    scheduler.checkNow()
    expect(shown[1]!.notification).toMatchObject({ title: 'A key has expired', keyId: null })
  })
})

describe('while locked', () => {
  it('reminds by count at the right time, keeps checking daily, and does not repeat after unlocking', async () => {
    const value = fakeKeys.clodura()
    const key = world.vault().keys.add({ name: 'Payments Q3 (Acme)', value })
    // A test key: due after 180 days, so it changes nothing in these 100 days.
    world.vault().keys.add({ name: 'Later key', value: fakeKeys.clodura(), environment: 'test' })
    scheduler.start()
    lock()
    advanceDays(61)
    expect(
      shown.map(({ day, notification }) => [day, notification.title, notification.body, notification.keyId]),
    ).toEqual([[60, '1 key is due for rotation soon', 'Unlock Keyward to see which.', null]])
    expect(badges.at(-1)).toBe(1)

    // What stays outside the vault: dates and counts, no name, id or value of any key.
    const path = remindersPathFor(world.vaultPath)
    const bytes = readFileSync(path)
    for (const secret of [value, key.id, 'Payments', 'Acme', 'Later key', key.maskedValue.slice(-4)]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false)
    }
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const schedule = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
    expect(Object.keys(schedule).sort()).toEqual(['announcedThrough', 'computedAt', 'entries', 'format', 'version'])
    const allowed = new Set(['at', 'counts', 'entering', 'expired', 'overdue', 'due_soon', 'leaked', 'revoked'])
    JSON.stringify(schedule.entries, (name, entry) => {
      if (name !== '' && Number.isNaN(Number(name))) expect(allowed.has(name)).toBe(true)
      return entry
    })

    // Unlocked again: the key already told by count is not told again by name.
    await unlock()
    expect(shown).toHaveLength(1)
    advanceDays(40)
    expect(titles().slice(1)).toEqual([
      '83: "Payments Q3 (Acme)" is due for rotation in 7 days',
      '89: "Payments Q3 (Acme)" is due for rotation in 1 day',
      '90: "Payments Q3 (Acme)" is overdue for rotation',
    ])
  })

  it('tells each change once across locked restarts (the announced mark is kept in the file)', () => {
    world.vault().keys.add({ name: 'Clodura prod', value: fakeKeys.clodura() })
    scheduler.start()
    lock()
    advanceDays(91)
    const lockedTitles = titles()
    expect(lockedTitles).toEqual([
      '60: 1 key is due for rotation soon',
      '83: 1 key is due for rotation soon',
      '89: 1 key is due for rotation soon',
      '90: 1 key is overdue for rotation',
    ])
    // The app restarts while locked: a new scheduler on the same file says nothing new.
    scheduler.stop()
    const restarted = new ReminderScheduler({
      clock: world.clock,
      remindersPath: remindersPathFor(world.vaultPath),
      currentVault: () => null,
      notifier: { show: (notification) => shown.push({ day: -1, notification }) },
    })
    restarted.start()
    advanceDays(5)
    restarted.stop()
    expect(titles()).toEqual(lockedTitles)
  })

  it('tells nothing and fails nothing without a readable schedule', () => {
    lock()
    writeFileSync(remindersPathFor(world.vaultPath), '{ not json')
    expect(scheduler.start()).toMatchObject({ notifications: [], badge: 0 })
    advanceDays(3)
    expect(shown).toEqual([])
  })
})
