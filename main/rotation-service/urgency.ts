// The Rotation panel's order and counts: groups by state (leaked, rejected, expired, overdue, due
// soon, ok: the contract's table), the most pressing first inside each, snoozed keys after the rest.
import { ROTATION_STATES, type RotationState, type KeyRotationStatus } from './computeRotation'

export type RotationCounts = Record<RotationState, number> & {
  /** Keys not ok and not snoozed: the badge. */
  needsAction: number
  snoozed: number
  total: number
}

const rank = new Map(ROTATION_STATES.map((state, index) => [state, index]))

export const compareByUrgency = (a: KeyRotationStatus, b: KeyRotationStatus): number =>
  rank.get(a.state)! - rank.get(b.state)! ||
  Number(a.snoozedUntil !== null) - Number(b.snoozedUntil !== null) ||
  Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
  a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })

export const sortByUrgency = (statuses: readonly KeyRotationStatus[]): KeyRotationStatus[] =>
  [...statuses].sort(compareByUrgency)

export const countByState = (statuses: readonly KeyRotationStatus[]): RotationCounts => {
  const counts = Object.fromEntries(ROTATION_STATES.map((state) => [state, 0])) as RotationCounts
  counts.needsAction = 0
  counts.snoozed = 0
  counts.total = statuses.length
  for (const status of statuses) {
    counts[status.state] += 1
    if (status.needsAction) counts.needsAction += 1
    if (status.snoozedUntil !== null) counts.snoozed += 1
  }
  return counts
}

/** The number on the badge or the tray: keys that need the user now. */
export const badgeCount = (statuses: readonly KeyRotationStatus[]): number =>
  statuses.filter((status) => status.needsAction).length
