// Snooze rules (only due soon or overdue, capped, never past expiry) and the policy's bounds.
import { describe, expect, it } from 'vitest'
import { checkPeriodDays, checkPolicy, computeRotation, planSnooze } from '../../../main/rotation-service/index'
import { at, facts, isoAt, policy } from './facts'

describe('snooze', () => {
  const dueSoon = computeRotation(facts(), policy(), at(85))

  it('snoozes a due-soon key for the days asked', () => {
    expect(planSnooze(dueSoon, { days: 3 }, policy(), at(85))).toEqual({
      snoozedUntil: isoAt(88),
      cappedBy: null,
      message: 'Snoozed until 2026-03-30.',
    })
  })

  it('caps a snooze at the longest the policy allows, and says so', () => {
    const overdue = computeRotation(facts(), policy(), at(100))
    const plan = planSnooze(overdue, { days: 60 }, policy({ maxSnoozeDays: 14 }), at(100))
    expect(plan).toMatchObject({ snoozedUntil: isoAt(114), cappedBy: 'max_snooze' })
    expect(plan.message).toMatch(/longest snooze is 14 days/)
    expect(planSnooze(overdue, { until: isoAt(200) }, policy({ maxSnoozeDays: 7 }), at(100)).snoozedUntil).toBe(
      isoAt(107),
    )
  })

  it('never snoozes past the key’s hard expiry', () => {
    const expiring = computeRotation(facts({ providerExpiresAt: isoAt(40) }), policy(), at(35))
    const plan = planSnooze(expiring, { days: 10 }, policy(), at(35))
    expect(plan).toMatchObject({ snoozedUntil: isoAt(40), cappedBy: 'expiry' })
    expect(plan.message).toMatch(/never runs past a key's expiry/)
    // Overdue by period with an expiry ahead: the expiry still caps it.
    const overdue = computeRotation(facts({ expiresAt: isoAt(95) }), policy(), at(91))
    expect(planSnooze(overdue, { days: 14 }, policy(), at(91)).snoozedUntil).toBe(isoAt(95))
  })

  it('refuses an expired, revoked or leaked key, and an ok one, with what to do instead', () => {
    const cases: [ReturnType<typeof computeRotation>, RegExp][] = [
      [
        computeRotation(facts({ expiresAt: isoAt(1) }), policy(), at(2)),
        /has expired, so it cannot be snoozed: rotate it/,
      ],
      [
        computeRotation(facts({ lastTest: { outcome: 'invalid', testedAt: isoAt(1), reason: 'x' } }), policy(), at(2)),
        /provider rejected "Stripe prod" at its last test/,
      ],
      [computeRotation(facts({ leakedAt: isoAt(1) }), policy(), at(2)), /leaked key cannot be snoozed/],
      [computeRotation(facts(), policy(), at(2)), /not due until 2026-04-01: there is no reminder to snooze/],
    ]
    for (const [status, message] of cases)
      expect(() => planSnooze(status, { days: 1 }, policy(), at(2))).toThrow(message)
  })

  it('refuses nonsense lengths', () => {
    expect(() => planSnooze(dueSoon, { days: 0 }, policy(), at(85))).toThrow(/at least 1/)
    expect(() => planSnooze(dueSoon, { days: 1.5 }, policy(), at(85))).toThrow(/whole number/)
    expect(() => planSnooze(dueSoon, { until: isoAt(80) }, policy(), at(85))).toThrow(/in the future/)
    expect(() => planSnooze(dueSoon, { until: 'next week' }, policy(), at(85))).toThrow(/not a date/)
  })
})

describe('policy bounds', () => {
  it('refuses a period of 0 or 10,000 days, and fractions, with the range in words', () => {
    expect(() => checkPeriodDays(0)).toThrow(
      'A rotation period is a whole number of days from 1 to 3,650 (ten years); 0 is not.',
    )
    expect(() => checkPeriodDays(10_000)).toThrow(/from 1 to 3,650 .* 10000 is not/)
    expect(() => checkPeriodDays(30.5)).toThrow(/whole number/)
    expect(() => checkPeriodDays(Number.NaN)).toThrow(/whole number/)
    expect(checkPeriodDays(1)).toBe(1)
    expect(checkPeriodDays(3650)).toBe(3650)
  })

  it('checks the whole policy and sorts the lead times largest first', () => {
    expect(checkPolicy(policy(), { leadTimesDays: [1, 14, 7] }).leadTimesDays).toEqual([14, 7, 1])
    expect(() => checkPolicy(policy(), { defaultPeriodDays: 0 })).toThrow(/default rotation period/)
    expect(() => checkPolicy(policy(), { testKeyPeriodDays: 10_000 })).toThrow(/period for test keys/)
    expect(checkPolicy(policy(), { testKeyPeriodDays: null }).testKeyPeriodDays).toBeNull()
    expect(() => checkPolicy(policy(), { leadTimesDays: [] })).toThrow(/1 to 5 reminder lead times/)
    expect(() => checkPolicy(policy(), { leadTimesDays: [7, 7] })).toThrow(/once/)
    expect(() => checkPolicy(policy(), { leadTimesDays: [0] })).toThrow(/lead time is a whole number/)
    expect(() => checkPolicy(policy(), { maxSnoozeDays: 0 })).toThrow(/longest snooze/)
  })
})
