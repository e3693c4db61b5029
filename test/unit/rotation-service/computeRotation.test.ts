// Due dates and states from a key's facts, the policy and the time: every state, every boundary.
import { describe, expect, it } from 'vitest'
import { boundariesAfter, computeRotation, dueInWords } from '../../../main/rotation-service/index'
import { DAY, at, facts, isoAt, policy } from './facts'

describe('due date', () => {
  it('follows the vault default of 90 days when neither key nor provider names a period', () => {
    const status = computeRotation(facts(), policy(), at(0))
    expect(status).toMatchObject({
      dueAt: isoAt(90),
      dueBy: 'period',
      dueReason: '90-day policy',
      periodDays: 90,
      periodSource: 'default',
      state: 'ok',
    })
  })

  it("takes the provider's period over the vault default (Airclou rotates every 90 days)", () => {
    const status = computeRotation(
      facts({ providerName: 'Airclou', providerPeriodDays: 90 }),
      policy({ defaultPeriodDays: 365 }),
      at(0),
    )
    expect(status).toMatchObject({
      dueAt: isoAt(90),
      periodSource: 'provider',
      dueReason: 'Airclou rotates every 90 days',
    })
  })

  it("takes the key's own period over the provider's and the vault's", () => {
    const status = computeRotation(
      facts({ providerName: 'Airclou', providerPeriodDays: 90, keyPeriodDays: 30 }),
      policy(),
      at(0),
    )
    expect(status).toMatchObject({
      dueAt: isoAt(30),
      periodSource: 'key',
      dueReason: 'rotate every 30 days (set on this key)',
    })
  })

  it('gives test keys the gentler test-key period, unless the key sets its own', () => {
    const testKey = facts({ environment: 'test', providerName: 'Airclou', providerPeriodDays: 90 })
    expect(computeRotation(testKey, policy({ testKeyPeriodDays: 180 }), at(0))).toMatchObject({
      dueAt: isoAt(180),
      periodSource: 'test_keys',
      dueReason: '180-day policy for test keys',
    })
    expect(computeRotation({ ...testKey, keyPeriodDays: 14 }, policy({ testKeyPeriodDays: 180 }), at(0)).dueAt).toBe(
      isoAt(14),
    )
    // No test-key policy: test keys follow the provider like live keys.
    expect(computeRotation(testKey, policy({ testKeyPeriodDays: null }), at(0))).toMatchObject({
      dueAt: isoAt(90),
      periodSource: 'provider',
    })
    // Live keys never take the test-key period.
    expect(computeRotation(facts(), policy({ testKeyPeriodDays: 180 }), at(0)).dueAt).toBe(isoAt(90))
  })

  it("is the provider's expiry when it comes before the period, and says so", () => {
    const status = computeRotation(facts({ providerExpiresAt: isoAt(40) }), policy(), at(0))
    expect(status).toMatchObject({
      dueAt: isoAt(40),
      dueBy: 'expiry',
      dueReason: 'expiry from the provider',
      expirySource: 'provider',
      expiresAt: isoAt(40),
    })
  })

  it('is the period when the expiry comes after it; the expiry is still kept', () => {
    const status = computeRotation(facts({ providerExpiresAt: isoAt(400) }), policy(), at(0))
    expect(status).toMatchObject({ dueAt: isoAt(90), dueBy: 'period', expiresAt: isoAt(400) })
  })

  it('takes the earlier of the entered expiry and the provider expiry', () => {
    expect(
      computeRotation(facts({ expiresAt: isoAt(20), providerExpiresAt: isoAt(40) }), policy(), at(0)),
    ).toMatchObject({
      dueAt: isoAt(20),
      dueReason: 'expiry you entered',
      expirySource: 'entered',
    })
    expect(
      computeRotation(facts({ expiresAt: isoAt(50), providerExpiresAt: isoAt(40) }), policy(), at(0)).expirySource,
    ).toBe('provider')
  })

  it('reads a date-only expiry as the start of that day (UTC), and ignores an expiry that is not a date', () => {
    expect(computeRotation(facts({ expiresAt: '2026-01-21' }), policy(), at(0)).dueAt).toBe('2026-01-21T00:00:00.000Z')
    expect(computeRotation(facts({ providerExpiresAt: 'soon' }), policy(), at(0))).toMatchObject({
      dueBy: 'period',
      expiresAt: null,
    })
  })
})

describe('states over time', () => {
  const walk = (days: number[], keyFacts = facts(), rotationPolicy = policy()) =>
    days.map((day) => {
      const status = computeRotation(keyFacts, rotationPolicy, at(day))
      return [day, status.state, status.leadDays, status.notificationLevel]
    })

  it('goes ok → due soon at 30, 7 and 1 days before → overdue on the due date, at the exact millisecond', () => {
    expect(walk([0, 59, 60, 82, 83, 88, 89, 90, 120])).toEqual([
      [0, 'ok', null, 'ok'],
      [59, 'ok', null, 'ok'],
      [60, 'due_soon', 30, 'due_soon:30'],
      [82, 'due_soon', 30, 'due_soon:30'],
      [83, 'due_soon', 7, 'due_soon:7'],
      [88, 'due_soon', 7, 'due_soon:7'],
      [89, 'due_soon', 1, 'due_soon:1'],
      [90, 'overdue', null, 'overdue'],
      [120, 'overdue', null, 'overdue'],
    ])
    expect(computeRotation(facts(), policy(), at(60) - 1).state).toBe('ok')
    expect(computeRotation(facts(), policy(), at(90) - 1).state).toBe('due_soon')
  })

  it('uses the lead times the user configured', () => {
    expect(walk([75, 76, 87, 88], facts(), policy({ leadTimesDays: [14, 2] }))).toEqual([
      [75, 'ok', null, 'ok'],
      [76, 'due_soon', 14, 'due_soon:14'],
      [87, 'due_soon', 14, 'due_soon:14'],
      [88, 'due_soon', 2, 'due_soon:2'],
    ])
  })

  it('goes due soon → expired (not overdue) when the expiry is the due date', () => {
    const expiring = facts({ providerExpiresAt: isoAt(40) })
    expect(walk([9, 10, 33, 39, 40, 41], expiring).map(([day, state]) => [day, state])).toEqual([
      [9, 'ok'],
      [10, 'due_soon'],
      [33, 'due_soon'],
      [39, 'due_soon'],
      [40, 'expired'],
      [41, 'expired'],
    ])
  })

  it('goes overdue then expired when the period ends first and the expiry later', () => {
    const status = (day: number) => computeRotation(facts({ expiresAt: isoAt(100) }), policy(), at(day)).state
    expect([status(95), status(100)]).toEqual(['overdue', 'expired'])
  })

  it('shows an expiry already past as expired, in words', () => {
    const status = computeRotation(facts({ expiresAt: isoAt(-3) }), policy(), at(0))
    expect(status).toMatchObject({
      state: 'expired',
      daysLeft: -3,
      dueInWords: 'expired 3 days ago',
      needsAction: true,
    })
    expect(status.stateReason).toMatch(/Expired on 2025-12-29 \(expiry you entered\)/)
  })

  it('is revoked when the last test said invalid, whatever the dates', () => {
    const status = computeRotation(
      facts({
        lastTest: {
          outcome: 'invalid',
          testedAt: isoAt(5),
          reason: '401: the key was revoked or does not exist. Rotate it.',
        },
      }),
      policy(),
      at(6),
    )
    expect(status).toMatchObject({ state: 'revoked', stateSince: isoAt(5), notificationLevel: 'revoked' })
    expect(status.stateReason).toMatch(/^The provider rejected the key at its last test/)
    // Other outcomes do not make a key revoked.
    expect(
      computeRotation(
        facts({ lastTest: { outcome: 'network_error', testedAt: isoAt(5), reason: 'timeout' } }),
        policy(),
        at(6),
      ).state,
    ).toBe('ok')
  })

  it('is expired when the last test said the key has expired, even without a date', () => {
    const status = computeRotation(
      facts({ lastTest: { outcome: 'expired', testedAt: isoAt(5), reason: '401: the key has expired.' } }),
      policy(),
      at(6),
    )
    expect(status).toMatchObject({ state: 'expired', stateSince: isoAt(5) })
  })

  it('is leaked when the scanner found it, before every other state', () => {
    const status = computeRotation(
      facts({
        leakedAt: isoAt(2),
        expiresAt: isoAt(1),
        lastTest: { outcome: 'invalid', testedAt: isoAt(1), reason: 'x' },
      }),
      policy(),
      at(3),
    )
    expect(status).toMatchObject({ state: 'leaked', stateSince: isoAt(2), needsAction: true })
  })

  it('records when each state began, for notifications', () => {
    expect(computeRotation(facts(), policy(), at(85)).stateSince).toBe(isoAt(83))
    expect(computeRotation(facts(), policy(), at(95)).stateSince).toBe(isoAt(90))
    expect(computeRotation(facts(), policy(), at(10)).stateSince).toBeNull()
  })
})

describe('snooze in the state', () => {
  it('holds back a due-soon or overdue key while it runs, and not after', () => {
    const snoozed = facts({ snoozedUntil: isoAt(95) })
    expect(computeRotation(snoozed, policy(), at(85))).toMatchObject({
      state: 'due_soon',
      snoozedUntil: isoAt(95),
      needsAction: false,
      notificationLevel: 'snoozed',
    })
    expect(computeRotation(snoozed, policy(), at(92))).toMatchObject({
      state: 'overdue',
      needsAction: false,
      notificationLevel: 'snoozed',
    })
    expect(computeRotation(snoozed, policy(), at(95))).toMatchObject({
      state: 'overdue',
      snoozedUntil: null,
      needsAction: true,
      notificationLevel: 'overdue',
    })
  })

  it('never holds back a revoked, leaked or expired key', () => {
    const status = computeRotation(facts({ snoozedUntil: isoAt(95), leakedAt: isoAt(80) }), policy(), at(85))
    expect(status).toMatchObject({ state: 'leaked', snoozedUntil: null, needsAction: true })
  })
})

describe('due in words', () => {
  it('counts whole days: ahead rounded up, behind rounded down', () => {
    expect(computeRotation(facts(), policy(), at(84)).dueInWords).toBe('in 6 days')
    expect(computeRotation(facts(), policy(), at(89, 1)).dueInWords).toBe('in 1 day')
    expect(computeRotation(facts(), policy(), at(90, 5)).dueInWords).toBe('due today')
    expect(computeRotation(facts(), policy(), at(102)).dueInWords).toBe('12 days overdue')
    expect(computeRotation(facts(), policy(), at(91)).dueInWords).toBe('1 day overdue')
    expect(dueInWords(0, true)).toBe('expired today')
    expect(dueInWords(-1, true)).toBe('expired 1 day ago')
  })
})

describe('boundaries', () => {
  it('lists the times the clock alone changes the state: lead times, due date, expiry, snooze end', () => {
    const times = boundariesAfter(facts({ expiresAt: isoAt(100), snoozedUntil: isoAt(70) }), policy(), at(0))
    expect(times).toEqual([at(60), at(70), at(83), at(89), at(90), at(100)])
    expect(boundariesAfter(facts(), policy(), at(85))).toEqual([at(89), at(90)])
    expect(times.every((time, index) => index === 0 || time > times[index - 1]!)).toBe(true)
  })

  it('has the same state between two boundaries as at the first', () => {
    const keyFacts = facts({ providerExpiresAt: isoAt(75), snoozedUntil: isoAt(50) })
    const times = boundariesAfter(keyFacts, policy(), at(0))
    for (const [index, time] of times.entries()) {
      const next = times[index + 1] ?? time + 10 * DAY
      const level = computeRotation(keyFacts, policy(), time).notificationLevel
      expect(computeRotation(keyFacts, policy(), Math.floor((time + next) / 2)).notificationLevel).toBe(level)
      expect(computeRotation(keyFacts, policy(), next - 1).notificationLevel).toBe(level)
    }
  })
})
