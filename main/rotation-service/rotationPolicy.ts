// Checks what the user sets for rotation (a key's period, the vault's policy) and refuses a value
// that makes no sense with words that say what is allowed.
import { KeywardError } from '../common/errors'
import type { RotationPolicy } from '#contract'

export const MIN_PERIOD_DAYS = 1
/** Ten years: a longer period is not a rotation policy (and 10,000 days is a typo). */
export const MAX_PERIOD_DAYS = 3650
export const MAX_LEAD_TIME_DAYS = 365
export const MAX_LEAD_TIMES = 5
export const MAX_SNOOZE_DAYS_LIMIT = 365

const isWholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value)

export const checkPeriodDays = (days: unknown, what = 'A rotation period'): number => {
  if (!isWholeNumber(days) || days < MIN_PERIOD_DAYS || days > MAX_PERIOD_DAYS) {
    throw new KeywardError(
      'invalid_argument',
      `${what} is a whole number of days from ${MIN_PERIOD_DAYS} to ${MAX_PERIOD_DAYS.toLocaleString('en')} (ten years); ${String(days)} is not.`,
    )
  }
  return days
}

/** The policy with the changes laid over it, checked whole; the lead times come back largest first. */
export const checkPolicy = (current: RotationPolicy, changes: Partial<RotationPolicy>): RotationPolicy => {
  const next: RotationPolicy = {
    ...current,
    ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
  }
  checkPeriodDays(next.defaultPeriodDays, 'The default rotation period')
  if (next.testKeyPeriodDays !== null) checkPeriodDays(next.testKeyPeriodDays, 'The rotation period for test keys')
  const leads = next.leadTimesDays
  if (!Array.isArray(leads) || leads.length === 0 || leads.length > MAX_LEAD_TIMES) {
    throw new KeywardError(
      'invalid_argument',
      `Give 1 to ${MAX_LEAD_TIMES} reminder lead times, in days before the due date (for example 30, 7 and 1).`,
    )
  }
  for (const lead of leads) {
    if (!isWholeNumber(lead) || lead < 1 || lead > MAX_LEAD_TIME_DAYS) {
      throw new KeywardError(
        'invalid_argument',
        `A reminder lead time is a whole number of days from 1 to ${MAX_LEAD_TIME_DAYS}; ${String(lead)} is not.`,
      )
    }
  }
  if (new Set(leads).size !== leads.length) {
    throw new KeywardError('invalid_argument', 'Each reminder lead time may appear once.')
  }
  if (!isWholeNumber(next.maxSnoozeDays) || next.maxSnoozeDays < 1 || next.maxSnoozeDays > MAX_SNOOZE_DAYS_LIMIT) {
    throw new KeywardError(
      'invalid_argument',
      `The longest snooze is a whole number of days from 1 to ${MAX_SNOOZE_DAYS_LIMIT}; ${String(next.maxSnoozeDays)} is not.`,
    )
  }
  if (typeof next.nameKeysInNotifications !== 'boolean') {
    throw new KeywardError('invalid_argument', 'Say whether notifications may name keys: true or false.')
  }
  return { ...next, leadTimesDays: [...leads].sort((a, b) => b - a) }
}
