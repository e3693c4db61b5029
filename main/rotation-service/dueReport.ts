// What `keyward due` prints (and --json writes): every key by urgency with its due date in words,
// counts per state, and the exit code: 1 when any key is overdue, expired, revoked or leaked.
import type { Environment } from '#contract'
import type { OpenVault } from '../vault/index'
import { computeRotation, FAILING_STATES, type RotationState, type KeyRotationStatus } from './computeRotation'
import { allRotationFacts } from './rotationService'
import { countByState, sortByUrgency, type RotationCounts } from './urgency'

export interface DueReportEntry {
  id: string
  name: string
  provider: string | null
  environment: Environment
  state: RotationState
  dueAt: string
  /** 'in 6 days', '12 days overdue'. */
  due: string
  /** '90-day policy', 'expiry from the provider'. */
  reason: string
  snoozedUntil: string | null
  /** A rotation in progress: 'pending', 'tested' or 'promoted' (old value retiring). */
  rotation: string | null
}

export interface DueReport {
  generatedAt: string
  counts: RotationCounts
  /** Keys that fail the check (snoozed keys do not: the user has seen them). */
  failing: number
  exitCode: 0 | 1
  keys: DueReportEntry[]
}

/** Whether this key fails `keyward due`. */
export const failsDueCheck = (status: KeyRotationStatus): boolean =>
  FAILING_STATES.has(status.state) && status.snoozedUntil === null

export const dueReport = (vault: OpenVault, now: number): DueReport => {
  const policy = vault.rotation.policy()
  const facts = allRotationFacts(vault)
  const records = new Map(vault.rotation.list().map((record) => [record.key.id, record.key]))
  const statuses = sortByUrgency(facts.map((keyFacts) => computeRotation(keyFacts, policy, now)))
  const failing = statuses.filter(failsDueCheck).length
  return {
    generatedAt: new Date(now).toISOString(),
    counts: countByState(statuses),
    failing,
    exitCode: failing > 0 ? 1 : 0,
    keys: statuses.map((status) => {
      const key = records.get(status.keyId)!
      return {
        id: status.keyId,
        name: status.name,
        provider: key.provider,
        environment: key.environment,
        state: status.state,
        dueAt: status.dueAt,
        due: status.dueInWords,
        reason: status.dueReason,
        snoozedUntil: status.snoozedUntil,
        rotation: status.rotationStage,
      }
    }),
  }
}
