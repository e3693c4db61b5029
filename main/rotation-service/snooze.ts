// Snoozing a reminder: only for a key due soon or overdue (a dead or leaked key is never hidden),
// for at most the policy's longest snooze, and never past the key's hard expiry.
import { KeywardError } from '../common/errors'
import type { RotationPolicy } from '#contract'
import { DAY_MILLISECONDS, type KeyRotationStatus } from './computeRotation'

export type SnoozeRequest = { days: number } | { until: string }

export interface SnoozePlan {
  snoozedUntil: string
  /** Set when the time asked for was cut: by the longest snooze, or by the key's expiry. */
  cappedBy: 'max_snooze' | 'expiry' | null
  /** What happened, in words, to show the user. */
  message: string
}

const day = (time: number): string => new Date(time).toISOString().slice(0, 10)

export const planSnooze = (
  status: KeyRotationStatus,
  request: SnoozeRequest,
  policy: RotationPolicy,
  now: number,
): SnoozePlan => {
  switch (status.state) {
    case 'ok':
      throw new KeywardError(
        'invalid_argument',
        `"${status.name}" is not due until ${day(Date.parse(status.dueAt))}: there is no reminder to snooze.`,
      )
    case 'expired':
      throw new KeywardError(
        'invalid_argument',
        `"${status.name}" has expired, so it cannot be snoozed: rotate it, or enter its new expiry if it was extended.`,
      )
    case 'revoked':
      throw new KeywardError(
        'invalid_argument',
        `The provider rejected "${status.name}" at its last test, so it cannot be snoozed: rotate it, or test it again if that answer was a mistake.`,
      )
    case 'leaked':
      throw new KeywardError(
        'invalid_argument',
        `"${status.name}" was found by the scanner: a leaked key cannot be snoozed. Rotate it now.`,
      )
    case 'due_soon':
    case 'overdue':
      break // a reminder to snooze
  }
  let wanted: number
  if ('days' in request) {
    if (!Number.isInteger(request.days) || request.days < 1) {
      throw new KeywardError(
        'invalid_argument',
        `Snooze for a whole number of days, at least 1 (at most ${policy.maxSnoozeDays}).`,
      )
    }
    wanted = now + request.days * DAY_MILLISECONDS
  } else {
    wanted = Date.parse(request.until)
    if (!Number.isFinite(wanted))
      throw new KeywardError('invalid_argument', `"${request.until}" is not a date. Use YYYY-MM-DD.`)
    if (wanted <= now) throw new KeywardError('invalid_argument', 'Snooze until a time in the future.')
  }
  let until = wanted
  let cappedBy: SnoozePlan['cappedBy'] = null
  const longest = now + policy.maxSnoozeDays * DAY_MILLISECONDS
  if (until > longest) {
    until = longest
    cappedBy = 'max_snooze'
  }
  const expiresAt = status.expiresAt === null ? null : Date.parse(status.expiresAt)
  if (expiresAt !== null && until > expiresAt) {
    until = expiresAt
    cappedBy = 'expiry'
  }
  const message =
    cappedBy === 'expiry'
      ? `Snoozed until ${day(until)}, when the key expires: a snooze never runs past a key's expiry.`
      : cappedBy === 'max_snooze'
        ? `Snoozed until ${day(until)}: the longest snooze is ${policy.maxSnoozeDays} days.`
        : `Snoozed until ${day(until)}.`
  return { snoozedUntil: new Date(until).toISOString(), cappedBy, message }
}
