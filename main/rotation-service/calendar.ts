// The opt-in calendar export: an iCalendar file (RFC 5545) with one all-day event per key on its
// due date, with an alarm at each reminder lead time. The user asked for it, so an event may name
// the key; it never holds a value. Written 0600.
import type { OpenVault } from '../vault/index'
import { writePrivateFileAtomically } from '../common/privateFile'
import { countNoun } from '../common/countNoun'
import { DAY_MILLISECONDS, computeRotation, type KeyRotationStatus } from './computeRotation'
import { allRotationFacts } from './rotationService'
import { sortByUrgency } from './urgency'

export interface CalendarOptions {
  now: number
  /** Days before the due date to alarm at (the policy's lead times); none: no alarms. */
  leadTimesDays?: readonly number[]
  /** The calendar day of a time, YYYY-MM-DD; defaults to the local day of this machine. */
  dayOf?: (time: number) => string
}

const localDay = (time: number): string => {
  const date = new Date(time)
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}

/** TEXT values: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export const escapeText = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    // oxlint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\n/g, '\\n')

/** Folds a content line at 75 octets (CRLF and one space), never inside a UTF-8 character. */
export const foldLine = (line: string): string => {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8')
    const limit = parts.length === 0 ? 75 : 74
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += character
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

const compactDay = (day: string): string => day.replaceAll('-', '')
const utcStamp = (time: number): string =>
  new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

const STATE_WORDS: Record<KeyRotationStatus['state'], string> = {
  expired: 'expired',
  overdue: 'overdue',
  due_soon: 'due soon',
  leaked: 'found by the scanner',
  revoked: 'rejected by its provider (last test)',
  ok: 'ok',
}

export const buildCalendar = (statuses: readonly KeyRotationStatus[], options: CalendarOptions): string => {
  const dayOf = options.dayOf ?? localDay
  const stamp = utcStamp(options.now)
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Keyward//Rotation reminders//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Keyward key rotation',
  ]
  for (const status of statuses) {
    const due = Date.parse(status.dueAt)
    const day = dayOf(due)
    // The day after, by the calendar (the event spans the whole due day).
    const nextDay = new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MILLISECONDS).toISOString().slice(0, 10)
    lines.push(
      'BEGIN:VEVENT',
      `UID:${status.keyId}@rotation.keyward`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDay(day)}`,
      `DTEND;VALUE=DATE:${compactDay(nextDay)}`,
      `SUMMARY:${escapeText(`Rotate ${status.name}`)}`,
      `DESCRIPTION:${escapeText(`${status.name} is due for rotation on ${day} (${status.dueReason}).\nNow: ${STATE_WORDS[status.state]}.\nRotate it in Keyward's Rotation panel.`)}`,
      'CATEGORIES:Keyward',
      'TRANSP:TRANSPARENT',
    )
    for (const lead of options.leadTimesDays ?? []) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `TRIGGER:-P${lead}D`,
        `DESCRIPTION:${escapeText(`Rotate ${status.name} in ${countNoun(lead, 'day')}`)}`,
        'END:VALARM',
      )
    }
    lines.push('END:VEVENT')
  }
  lines.push('END:VCALENDAR')
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}

/** Writes every key's due date to an .ics file (mode 0600); answers how many events it holds. */
export const exportCalendar = (
  vault: OpenVault,
  path: string,
  now: number,
  options: Pick<CalendarOptions, 'dayOf'> = {},
): { path: string; count: number } => {
  const policy = vault.rotation.policy()
  const statuses = sortByUrgency(allRotationFacts(vault).map((facts) => computeRotation(facts, policy, now)))
  writePrivateFileAtomically(
    path,
    buildCalendar(statuses, { now, leadTimesDays: policy.leadTimesDays, dayOf: options.dayOf }),
    { replace: true },
  )
  return { path, count: statuses.length }
}
