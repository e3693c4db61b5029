// What rotation keeps inside the vault, as records and as rows: the version statuses and rotation
// stages, the policy (its default, its row), a stored rotation flow, a version's history entry and a
// key's rotation record, each from its row, and the errors a step taken out of turn gets.
import type { KeyRecord, RotationPolicy, TestOutcome, VersionHistoryEntry } from '#contract'
import { KeywardError } from '../../common/errors'
import type { TestToRecord } from './testHistory'

export const VERSION_STATUSES = ['current', 'previous', 'pending', 'retiring', 'revoked'] as const
export type VersionStatus = (typeof VERSION_STATUSES)[number]

/** pending: new value pasted; tested: the new value was tested in place; promoted: it is current, the old one is retiring. */
export const ROTATION_STAGES = ['pending', 'tested', 'promoted'] as const
export type RotationStage = (typeof ROTATION_STAGES)[number]

export const DEFAULT_ROTATION_POLICY: Readonly<RotationPolicy> = Object.freeze({
  defaultPeriodDays: 90,
  testKeyPeriodDays: 180,
  leadTimesDays: [30, 7, 1],
  maxSnoozeDays: 14,
  nameKeysInNotifications: true,
})

/** What the in-place test of a new value said, or why it could not run ('not_testable'). */
export interface RotationTest {
  outcome: TestOutcome | 'not_testable'
  reason: string
  testedAt: string
  /** The whole result, kept to record in the key's test history when the value is promoted. */
  result: TestToRecord | null
}

export interface StoredRotationFlow {
  keyId: string
  stage: RotationStage
  startedAt: string
  pendingVersion: number
  oldVersion: number
  newValueMasked: string
  oldValueMasked: string
  /** The expiry the user entered for the new value, if any. */
  newExpiresAt: string | null
  test: RotationTest | null
  promotedAt: string | null
  /** Promoted without a valid test (a provider Keyward cannot test). */
  forced: boolean
  updatedAt: string
}

/** A key with what rotation keeps on it. */
export interface KeyRotationRecord {
  key: KeyRecord
  rotationPeriodDays: number | null
  snoozedUntil: string | null
  leakedAt: string | null
  flow: StoredRotationFlow | null
}

export interface NotificationLevelRecord {
  level: string
  notifiedAt: string
}

/** Test outcomes that say the new value itself is wrong: even force does not promote it. */
export const REFUSED_OUTCOMES: ReadonlySet<RotationTest['outcome']> = new Set(['invalid', 'expired'])

export interface FlowRow {
  key_id: string
  stage: RotationStage
  started_at: string
  pending_version: number
  old_version: number
  new_expires_at: string | null
  test_result: string | null
  promoted_at: string | null
  forced: number
  updated_at: string
  new_masked: string
  old_masked: string
}

export interface PolicyRow {
  default_period_days: number
  test_key_period_days: number | null
  lead_times_days: string
  max_snooze_days: number
  name_keys_in_notifications: number
}

export const notFound = () =>
  new KeywardError('not_found', 'That key is no longer in the vault. It may have been deleted.')

export const toFlow = (row: FlowRow): StoredRotationFlow => ({
  keyId: row.key_id,
  stage: row.stage,
  startedAt: row.started_at,
  pendingVersion: row.pending_version,
  oldVersion: row.old_version,
  newValueMasked: row.new_masked,
  oldValueMasked: row.old_masked,
  newExpiresAt: row.new_expires_at,
  test: row.test_result ? (JSON.parse(row.test_result) as RotationTest) : null,
  promotedAt: row.promoted_at,
  forced: row.forced === 1,
  updatedAt: row.updated_at,
})

export const FLOW_SELECT = `
  SELECT rotation_flows.*, pending.masked_value AS new_masked, old.masked_value AS old_masked
  FROM rotation_flows
  JOIN key_versions AS pending ON pending.key_id = rotation_flows.key_id AND pending.version = rotation_flows.pending_version
  JOIN key_versions AS old ON old.key_id = rotation_flows.key_id AND old.version = rotation_flows.old_version`

export interface RotationColumns {
  id: string
  rotation_period_days: number | null
  snoozed_until: string | null
  leaked_at: string | null
}

export const flowInProgress = (flow: StoredRotationFlow): KeywardError =>
  new KeywardError(
    'invalid_argument',
    flow.stage === 'promoted'
      ? `This key's last rotation is not finished: its old value (${flow.oldValueMasked}) is still retiring. Confirm it is revoked at the provider before rotating again.`
      : `A rotation of this key is already in progress (new value ${flow.newValueMasked}, pasted ${flow.startedAt.slice(0, 10)}). Resume it, or cancel it to start over.`,
  )

export const wrongStage = (
  flow: StoredRotationFlow,
  action: 'test' | 'promote' | 'confirm' | 'cancel',
): KeywardError => {
  if (flow.stage === 'promoted') {
    const what = action === 'cancel' ? 'cancel it' : action === 'test' ? 'test it again here' : 'make it current again'
    return new KeywardError(
      'invalid_argument',
      `The new value is already current (since ${flow.promotedAt?.slice(0, 10)}), so it is too late to ${what}. What is left: revoke the old value at the provider, then confirm it here.`,
    )
  }
  return new KeywardError(
    'invalid_argument',
    'The new value is not current yet: test it and make it current before confirming the old value is revoked.',
  )
}

/** The vault's rotation policy from its row; the default policy while none was saved. */
export const toPolicy = (row: PolicyRow | undefined): RotationPolicy => {
  if (!row) return { ...DEFAULT_ROTATION_POLICY, leadTimesDays: [...DEFAULT_ROTATION_POLICY.leadTimesDays] }
  return {
    defaultPeriodDays: row.default_period_days,
    testKeyPeriodDays: row.test_key_period_days,
    leadTimesDays: JSON.parse(row.lead_times_days) as number[],
    maxSnoozeDays: row.max_snooze_days,
    nameKeysInNotifications: row.name_keys_in_notifications === 1,
  }
}

/** The policy as the rotation_policy statement's parameters. */
export const policyParameters = (policy: RotationPolicy) => ({
  defaultPeriodDays: policy.defaultPeriodDays,
  testKeyPeriodDays: policy.testKeyPeriodDays,
  leadTimes: JSON.stringify(policy.leadTimesDays),
  maxSnoozeDays: policy.maxSnoozeDays,
  nameKeys: policy.nameKeysInNotifications ? 1 : 0,
})

/** One version of a key as key_versions holds it, for its history. */
export interface VersionRow {
  version: number
  masked_value: string
  reason: string
  status: VersionStatus
  created_at: string
  tested_at: string | null
  test_outcome: string | null
  promoted_at: string | null
  retiring_at: string | null
  revoked_at: string | null
}

export const toVersionHistoryEntry = (row: VersionRow): VersionHistoryEntry => ({
  version: row.version,
  maskedValue: row.masked_value,
  reason: row.reason,
  status: row.status,
  createdAt: row.created_at,
  testedAt: row.tested_at,
  testOutcome: row.test_outcome,
  promotedAt: row.promoted_at,
  retiringAt: row.retiring_at,
  revokedAt: row.revoked_at,
})

/** A key with the rotation columns of its row and its rotation in progress, if any. */
export const withRotation = (
  key: KeyRecord,
  extras: RotationColumns | undefined,
  flow: StoredRotationFlow | null,
): KeyRotationRecord => ({
  key,
  rotationPeriodDays: extras?.rotation_period_days ?? null,
  snoozedUntil: extras?.snoozed_until ?? null,
  leakedAt: extras?.leaked_at ?? null,
  flow,
})
