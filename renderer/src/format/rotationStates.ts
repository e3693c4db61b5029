// What each rotation state and each version status is called and how loud it is (the tones of the
// test outcomes). The words beside them ("in 6 days", "90-day policy") are main's.
import type { RotationState, VersionHistoryEntry } from '../../../preload/contract'
import type { OutcomeTone } from './testOutcomes'

interface Look {
  label: string
  tone: OutcomeTone | 'none'
}

export const STATE_LOOKS: Record<RotationState, Look> = {
  expired: { label: 'Expired', tone: 'bad' },
  overdue: { label: 'Overdue', tone: 'bad' },
  due_soon: { label: 'Due soon', tone: 'warn' },
  leaked: { label: 'Leaked', tone: 'bad' },
  revoked: { label: 'Revoked', tone: 'bad' },
  ok: { label: 'OK', tone: 'good' },
}

export const VERSION_STATUS_LOOKS: Record<VersionHistoryEntry['status'], Look> = {
  current: { label: 'Current', tone: 'good' },
  pending: { label: 'Pending', tone: 'wait' },
  retiring: { label: 'Retiring', tone: 'warn' },
  revoked: { label: 'Revoked', tone: 'none' },
  previous: { label: 'Previous', tone: 'none' },
}

/** The date that says most about a version in its status: revoked when, retiring since, current since. */
export const versionStatusDate = (entry: VersionHistoryEntry): string => {
  switch (entry.status) {
    case 'revoked':
      return entry.revokedAt ?? entry.createdAt
    case 'retiring':
      return entry.retiringAt ?? entry.createdAt
    case 'current':
      return entry.promotedAt ?? entry.createdAt
    default:
      return entry.createdAt
  }
}

/** The steps of the rotate flow, in order, as the stepper names them. */
export const ROTATION_STEPS = ['New value', 'Test', 'Make current', 'Update services', 'Revoke old'] as const
