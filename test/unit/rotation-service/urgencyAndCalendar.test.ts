// The Rotation panel's order and counts, and the .ics export's structure, line endings and escaping.
import { describe, expect, it } from 'vitest'
import {
  badgeCount,
  buildCalendar,
  computeRotation,
  countByState,
  escapeText,
  foldLine,
  sortByUrgency,
} from '../../../main/rotation-service/index'
import { at, facts, isoAt, policy } from './facts'

const now = at(100)
const statuses = [
  computeRotation(facts({ keyId: 'ok', name: 'fine' }), policy(), at(20)),
  computeRotation(facts({ keyId: 'soon-later', name: 'soon later', lastRotatedAt: isoAt(20) }), policy(), now),
  computeRotation(
    facts({
      keyId: 'revoked',
      name: 'dead',
      lastTest: { outcome: 'invalid', testedAt: isoAt(99), reason: 'x' },
      lastRotatedAt: isoAt(99),
    }),
    policy(),
    now,
  ),
  computeRotation(facts({ keyId: 'overdue-a', name: 'b overdue' }), policy(), now),
  computeRotation(
    facts({ keyId: 'overdue-snoozed', name: 'a overdue', lastRotatedAt: isoAt(-10), snoozedUntil: isoAt(105) }),
    policy(),
    now,
  ),
  computeRotation(
    facts({ keyId: 'leaked', name: 'leaky', leakedAt: isoAt(98), lastRotatedAt: isoAt(99) }),
    policy(),
    now,
  ),
  computeRotation(
    facts({ keyId: 'expired', name: 'gone', expiresAt: isoAt(99), lastRotatedAt: isoAt(99) }),
    policy(),
    now,
  ),
  computeRotation(facts({ keyId: 'soon-first', name: 'soon first', lastRotatedAt: isoAt(15) }), policy(), now),
]

describe('urgency', () => {
  it('groups leaked, rejected, expired, overdue, due soon, ok; most pressing first; snoozed last in its group', () => {
    expect(sortByUrgency(statuses).map((status) => status.keyId)).toEqual([
      'leaked',
      'revoked',
      'expired',
      'overdue-a',
      'overdue-snoozed',
      'soon-first',
      'soon-later',
      'ok',
    ])
  })

  it('counts keys per state, those needing action and those snoozed', () => {
    expect(countByState(statuses)).toEqual({
      expired: 1,
      overdue: 2,
      due_soon: 2,
      leaked: 1,
      revoked: 1,
      ok: 1,
      needsAction: 6,
      snoozed: 1,
      total: 8,
    })
    expect(badgeCount(statuses)).toBe(6)
  })
})

describe('calendar export', () => {
  const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10)

  it('writes one all-day VEVENT per key on its due date, CRLF line ends, valid structure', () => {
    const text = buildCalendar(sortByUrgency(statuses), { now, leadTimesDays: [7, 1], dayOf: utcDay })
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const lines = text.split('\r\n').slice(0, -1)
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines.at(-1)).toBe('END:VCALENDAR')
    expect(lines).toContain('VERSION:2.0')
    expect(lines.some((line) => line.startsWith('PRODID:'))).toBe(true)
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(statuses.length)
    expect(lines.filter((line) => line === 'END:VEVENT')).toHaveLength(statuses.length)
    expect(lines.filter((line) => line === 'BEGIN:VALARM')).toHaveLength(statuses.length * 2)
    // Nesting: every BEGIN has its END in order.
    const stack: string[] = []
    for (const line of lines) {
      if (line.startsWith('BEGIN:')) stack.push(line.slice(6))
      if (line.startsWith('END:')) expect(stack.pop()).toBe(line.slice(4))
    }
    expect(stack).toEqual([])
    // The 'ok' key (rotated at day 0) is due on day 90: 2026-04-01, ending the next day.
    const okEvent = text.slice(text.indexOf('UID:ok@rotation.keyward'))
    expect(okEvent).toMatch(/DTSTART;VALUE=DATE:20260401\r\nDTEND;VALUE=DATE:20260402\r\n/)
    expect(text).toContain('DTSTAMP:20260411T090000Z')
    expect(text).toContain('TRIGGER:-P7D')
    expect(text).toContain('SUMMARY:Rotate fine')
  })

  it('escapes commas, semicolons, backslashes and line breaks, and folds long lines at 75 octets', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf')
    const named = computeRotation(
      facts({ name: 'Prod, EU; \\ "billing" key with a long name that goes on — ünïcödé ✓ and on and on' }),
      policy(),
      now,
    )
    const text = buildCalendar([named], { now, dayOf: utcDay })
    const physical = text.split('\r\n')
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
    const unfolded = text.replace(/\r\n /g, '')
    expect(unfolded).toContain(
      'SUMMARY:Rotate Prod\\, EU\\; \\\\ "billing" key with a long name that goes on — ünïcödé ✓ and on and on',
    )
    // Folding never splits a UTF-8 character.
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text)
    expect(
      foldLine('x'.repeat(160))
        .split('\r\n ')
        .map((part) => part.length),
    ).toEqual([75, 74, 11])
  })
})
