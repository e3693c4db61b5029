// The contract's rotation types: each key's due date and state, the policy, the four-step rotate flow
// and a key's version history.
import { z } from 'zod'
import { ROTATION_STATES, TEST_OUTCOMES } from '../statusWords'

export const RotationState = z.enum(ROTATION_STATES)
export type RotationState = z.infer<typeof RotationState>

export const RotationStatus = z.object({
  keyId: z.string(),
  name: z.string(),
  state: RotationState,
  /** Why the key is in this state, in words. */
  stateReason: z.string(),
  /** When the key is due: the earlier of its expiry and its last rotation plus its period. */
  dueAt: z.string(),
  dueBy: z.enum(['expiry', 'period']),
  /** Why it is due then: 'expiry from the provider', '90-day policy', 'Airclou rotates every 90 days'. */
  dueReason: z.string(),
  /** Whole days until the due date; negative once past it (−12: 12 days overdue). */
  daysLeft: z.number().int(),
  /** 'in 6 days', 'due today', '12 days overdue', 'expired 3 days ago'; 'rotate now' when leaked or rejected. */
  dueInWords: z.string(),
  expiresAt: z.string().nullable(),
  periodDays: z.number().int(),
  lastRotatedAt: z.string(),
  /** While due soon: the reminder lead time reached (30, 7 or 1 days before). */
  leadDays: z.number().int().nullable(),
  /** Set while a snooze holds back the reminders of a due-soon or overdue key. */
  snoozedUntil: z.string().nullable(),
  /** Not ok and not snoozed: counted on the badge and told in notifications. */
  needsAction: z.boolean(),
  rotationStage: z.string().nullable(),
})
export type RotationStatus = z.infer<typeof RotationStatus>

export const RotationPolicy = z.object({
  /** Days between rotations when neither the key nor its provider names a period. */
  defaultPeriodDays: z.number().int().min(1).max(3650),
  /** Days between rotations for test keys (a gentler policy); null: the same as live keys. */
  testKeyPeriodDays: z.number().int().min(1).max(3650).nullable(),
  /** Days before the due date a reminder is given, largest first (30, 7, 1). */
  leadTimesDays: z.array(z.number().int().min(1).max(365)).min(1).max(5),
  /** Longest a reminder may be snoozed. */
  maxSnoozeDays: z.number().int().min(1).max(90),
  /** Whether a notification shown while the vault is unlocked may say the key's name. */
  nameKeysInNotifications: z.boolean(),
})
export type RotationPolicy = z.infer<typeof RotationPolicy>

export const RotationOverview = z.object({
  generatedAt: z.string(),
  keys: z.array(RotationStatus),
  counts: z.record(z.string(), z.number().int()),
  policy: RotationPolicy,
})
export type RotationOverview = z.infer<typeof RotationOverview>

export const RotationFlow = z.object({
  keyId: z.string(),
  keyName: z.string(),
  stage: z.enum(['pending', 'tested', 'promoted', 'done']),
  startedAt: z.string(),
  newVersion: z.number().int(),
  oldVersion: z.number().int(),
  newValueMasked: z.string(),
  oldValueMasked: z.string(),
  newExpiresAt: z.string().nullable(),
  /** The new value's test in place; not_testable when its provider has no test (then only force makes it current). */
  test: z
    .object({ outcome: z.enum([...TEST_OUTCOMES, 'not_testable']), reason: z.string(), testedAt: z.string() })
    .nullable(),
  canPromote: z.boolean(),
  canForce: z.boolean(),
  promotedAt: z.string().nullable(),
  forced: z.boolean(),
  nextStep: z.enum(['test', 'promote', 'update_services', 'done']),
  nextStepInWords: z.string(),
})
export type RotationFlow = z.infer<typeof RotationFlow>

export const VersionHistoryEntry = z.object({
  version: z.number().int(),
  maskedValue: z.string(),
  reason: z.string(),
  status: z.enum(['current', 'previous', 'pending', 'retiring', 'revoked']),
  createdAt: z.string(),
  testedAt: z.string().nullable(),
  testOutcome: z.string().nullable(),
  promotedAt: z.string().nullable(),
  retiringAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export type VersionHistoryEntry = z.infer<typeof VersionHistoryEntry>
