// What each version status is called and how loud it is (the tones of the contract's status table,
// which names the rotation states). The words beside them ("in 6 days", "90-day policy") are main's.
import type { StatusTone, VersionHistoryEntry } from '#contract'

interface Look {
  label: string
  tone: StatusTone
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
