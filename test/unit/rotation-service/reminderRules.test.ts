// What counts as news for a reminder, and the locked schedule of dates and counts.
import { describe, expect, it } from 'vitest'
import {
  buildReminderSchedule,
  isNews,
  notificationsFromCounts,
  describeReminder,
  computeRotation,
} from '../../../main/rotation-service/index'
import { at, facts, isoAt, policy } from './facts'

describe('news', () => {
  it('tells entering a state or a shorter lead time, never ok, snoozed, or a step back', () => {
    expect(isNews('ok', 'due_soon:30')).toBe(true)
    expect(isNews('due_soon:30', 'due_soon:7')).toBe(true)
    expect(isNews('due_soon:7', 'due_soon:1')).toBe(true)
    expect(isNews('due_soon:1', 'overdue')).toBe(true)
    expect(isNews('overdue', 'expired')).toBe(true)
    expect(isNews('snoozed', 'overdue')).toBe(true)
    expect(isNews('overdue', 'revoked')).toBe(true)
    expect(isNews('revoked', 'leaked')).toBe(true)
    expect(isNews('overdue', 'overdue')).toBe(false)
    expect(isNews('due_soon:7', 'due_soon:30')).toBe(false)
    expect(isNews('overdue', 'due_soon:7')).toBe(false)
    expect(isNews('due_soon:7', 'ok')).toBe(false)
    expect(isNews('overdue', 'snoozed')).toBe(false)
  })
})

describe('notification words', () => {
  it('names the key only when allowed', () => {
    const status = computeRotation(facts({ providerName: 'Airclou', providerPeriodDays: 90 }), policy(), at(83))
    expect(describeReminder(status, true)).toEqual({
      title: '"Stripe prod" is due for rotation in 7 days',
      body: 'Airclou rotates every 90 days. Rotate it or snooze the reminder in Keyward.',
      keyId: 'key-1',
      level: 'due_soon:7',
    })
    const anonymous = describeReminder(status, false)
    expect(anonymous.title).toBe('A key is due for rotation in 7 days')
    expect(anonymous.keyId).toBeNull()
  })

  it('says counts per state while locked, grouped into one when there are many', () => {
    expect(notificationsFromCounts({ overdue: 2, due_soon: 1 }).map((notification) => notification.title)).toEqual([
      '2 keys are overdue for rotation',
      '1 key is due for rotation soon',
    ])
    const many = notificationsFromCounts({ overdue: 1, due_soon: 1, expired: 1, revoked: 1 })
    expect(many).toHaveLength(1)
    expect(many[0]).toMatchObject({
      title: '4 keys need attention',
      body: '1 expired, 1 overdue, 1 due soon, 1 rejected. Unlock Keyward to see which.',
    })
  })
})

describe('locked schedule', () => {
  it('holds, from now on, the counts per state at each change and how many enter a state', () => {
    const keys = [
      facts({ keyId: 'a', name: 'alpha' }),
      facts({ keyId: 'b', name: 'beta', lastRotatedAt: isoAt(10) }),
      facts({ keyId: 'c', name: 'gamma', providerExpiresAt: isoAt(70) }),
    ]
    const schedule = buildReminderSchedule(keys, policy(), at(50))
    // gamma is due soon already (its provider expiry is 20 days away); nothing enters a state at the start.
    expect(schedule.entries[0]).toEqual({ at: isoAt(50), counts: { due_soon: 1 }, entering: {} })
    const byDay = Object.fromEntries(
      schedule.entries.slice(1).map((entry) => [Math.round((Date.parse(entry.at) - at(0)) / 86_400_000), entry]),
    )
    expect(byDay[60]).toEqual({ at: isoAt(60), counts: { due_soon: 2 }, entering: { due_soon: 1 } })
    expect(byDay[63]).toMatchObject({ counts: { due_soon: 2 }, entering: { due_soon: 1 } })
    expect(byDay[70]).toMatchObject({ counts: { due_soon: 2, expired: 1 }, entering: { due_soon: 1, expired: 1 } })
    expect(byDay[90]).toMatchObject({ counts: { due_soon: 1, expired: 1, overdue: 1 }, entering: { overdue: 1 } })
    const text = JSON.stringify(schedule)
    for (const word of ['alpha', 'beta', 'gamma', '"a"', '"b"', '"c"']) expect(text).not.toContain(word)
  })
})
