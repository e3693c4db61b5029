// The Rotation panel's service: each key's due date and state, snoozes, periods and policy, and the
// rotate flow (paste the new value → test it in place → make it current, the old one retiring →
// confirm the old one revoked). Every step is stored as it happens, so a restart resumes where it was.
import {
  IsoDate,
  SecretValue,
  type RotationFlow,
  type RotationOverview,
  type RotationPolicy,
  type VersionHistoryEntry,
} from '#contract'
import type { Clock } from '../common/clock'
import { KeywardError, isKeywardError } from '../common/errors'
import { recordQuietly, rotationChangeEntry } from '../key-test-service/index'
import { knownProviders } from '../providers/index'
import type { KeyRotationRecord, OpenVault, StoredRotationFlow, RotationTest, TestToRecord } from '../vault/index'
import { computeRotation, type RotationFacts, type KeyRotationStatus } from './computeRotation'
import { checkPeriodDays, checkPolicy } from './rotationPolicy'
import { planSnooze, type SnoozePlan, type SnoozeRequest } from './snooze'
import { countByState, sortByUrgency, type RotationCounts } from './urgency'

/**
 * Tests a value in place of the key's current one, with the key's provider, plan, header scheme and
 * verify URL, and answers what the provider said (it records nothing). Throws KeywardError
 * `not_testable` when the key's provider cannot be tested; other errors (rate_limited, vault_locked)
 * leave the rotation where it was.
 */
export type TestValue = (keyId: string, value: string) => Promise<TestToRecord>

export interface RotationServiceOptions {
  /** The unlocked vault (the session answers a clear error while locked). */
  openVault: () => OpenVault
  clock: Clock
  /** The seam to the auth tests; without it every new value is 'not_testable' and needs force. */
  testValue?: TestValue
  /** Called after every change that may move a key's state (to refresh reminders and the badge). */
  onChanged?: () => void
}

/** The wire's RotationOverview with main's richer key statuses and counts typed by state. */
export interface VaultRotationOverview extends Omit<RotationOverview, 'keys' | 'counts'> {
  keys: KeyRotationStatus[]
  counts: RotationCounts
}

export type RotationFlowStep = RotationFlow['nextStep']

const REFUSED = new Set<RotationTest['outcome']>(['invalid', 'expired'])

const nextStepOf = (flow: StoredRotationFlow): { step: RotationFlowStep; words: string } => {
  if (flow.stage === 'promoted') {
    return {
      step: 'update_services',
      words:
        'The new value is current. Update the services that use this key (the old value stays copyable), then revoke the old value at the provider and confirm it here.',
    }
  }
  const test = flow.test
  if (!test) return { step: 'test', words: 'Test the new value in place before making it current.' }
  if (test.outcome === 'valid') return { step: 'promote', words: 'The new value works. Make it current.' }
  if (REFUSED.has(test.outcome))
    return { step: 'test', words: `The provider refused the new value: ${test.reason} Cancel and paste the right one.` }
  return {
    step: 'test',
    words:
      test.outcome === 'not_testable'
        ? `Keyward cannot test this key (${test.reason}). Make it current anyway once you have checked it yourself.`
        : `The test was inconclusive (${test.outcome}): ${test.reason} Test again, or make it current anyway.`,
  }
}

export const describeFlow = (flow: StoredRotationFlow, keyName: string): RotationFlow => {
  const next = nextStepOf(flow)
  const test = flow.test
  const notYetCurrent = flow.stage !== 'promoted'
  return {
    keyId: flow.keyId,
    keyName,
    stage: flow.stage,
    startedAt: flow.startedAt,
    newVersion: flow.pendingVersion,
    oldVersion: flow.oldVersion,
    newValueMasked: flow.newValueMasked,
    oldValueMasked: flow.oldValueMasked,
    newExpiresAt: flow.newExpiresAt,
    test: test && { outcome: test.outcome, reason: test.reason, testedAt: test.testedAt },
    canPromote: notYetCurrent && test?.outcome === 'valid',
    canForce: notYetCurrent && test?.outcome !== 'valid' && !(test && REFUSED.has(test.outcome)),
    promotedAt: flow.promotedAt,
    forced: flow.forced,
    nextStep: next.step,
    nextStepInWords: next.words,
  }
}

/** The facts computeRotation needs, from what the vault keeps on a key and the providers it knows. */
export const rotationFactsOf = (
  record: KeyRotationRecord,
  providers: ReadonlyMap<string, { name: string; rotationPeriodDays: number | null }>,
): RotationFacts => {
  const { key } = record
  const provider = key.provider === null ? undefined : providers.get(key.provider)
  return {
    keyId: key.id,
    name: key.name,
    environment: key.environment,
    providerName: provider?.name ?? key.provider,
    providerPeriodDays: provider?.rotationPeriodDays ?? null,
    keyPeriodDays: record.rotationPeriodDays,
    lastRotatedAt: key.lastRotatedAt,
    expiresAt: key.expiresAt,
    providerExpiresAt: key.providerFacts?.expiresAt ?? null,
    lastTest: key.lastTest && {
      outcome: key.lastTest.outcome,
      testedAt: key.lastTest.testedAt,
      reason: key.lastTest.reason,
    },
    leakedAt: record.leakedAt,
    snoozedUntil: record.snoozedUntil,
    rotationStage: record.flow?.stage ?? null,
  }
}

export const providerPeriods = (vault: OpenVault): Map<string, { name: string; rotationPeriodDays: number | null }> =>
  new Map(
    knownProviders(vault.providers.customDefinitions().map((entry) => entry.definition)).map(({ definition }) => [
      definition.id,
      { name: definition.name, rotationPeriodDays: definition.rotationPeriodDays },
    ]),
  )

/** Every key's facts in one read (the reminders and the calendar use them too). */
export const allRotationFacts = (vault: OpenVault): RotationFacts[] => {
  const providers = providerPeriods(vault)
  return vault.rotation.list().map((record) => rotationFactsOf(record, providers))
}

/** Removes the blanks a paste brings (a trailing newline); no API key starts or ends with one. */
const pastedValue = (value: string): string => {
  const trimmed = typeof value === 'string' ? value.trim() : value
  const parsed = SecretValue.safeParse(trimmed)
  if (!parsed.success)
    throw new KeywardError('invalid_argument', `${parsed.error.issues[0]?.message ?? 'The new value is not valid'}.`)
  return parsed.data
}

export class RotationService {
  constructor(private readonly options: RotationServiceOptions) {}

  private now(): Date {
    return new Date(this.options.clock.now())
  }

  private vault(): OpenVault {
    return this.options.openVault()
  }

  private changed(): void {
    this.options.onChanged?.()
  }

  policy(): RotationPolicy {
    return this.vault().rotation.policy()
  }

  setPolicy(changes: Partial<RotationPolicy>): RotationPolicy {
    const vault = this.vault()
    const policy = vault.rotation.setPolicy(checkPolicy(vault.rotation.policy(), changes))
    this.changed()
    return policy
  }

  /** Every key by urgency, with counts per state, for the Rotation panel (and `keyward due`). */
  overview(): VaultRotationOverview {
    const vault = this.vault()
    const now = this.options.clock.now()
    const policy = vault.rotation.policy()
    const keys = sortByUrgency(allRotationFacts(vault).map((facts) => computeRotation(facts, policy, now)))
    return { generatedAt: new Date(now).toISOString(), keys, counts: countByState(keys), policy }
  }

  status(keyId: string): KeyRotationStatus {
    const vault = this.vault()
    return computeRotation(
      rotationFactsOf(vault.rotation.get(keyId), providerPeriods(vault)),
      vault.rotation.policy(),
      this.options.clock.now(),
    )
  }

  /** Sets the key's own period (1 to 3650 days), or null to follow its provider's or the vault's. */
  setPeriod(keyId: string, days: number | null): KeyRotationStatus {
    if (days !== null) checkPeriodDays(days)
    const vault = this.vault()
    vault.rotation.setPeriod(keyId, days)
    this.changed()
    const status = this.status(keyId)
    recordQuietly(vault, rotationChangeEntry.periodSet(status, days))
    return status
  }

  /** Snoozes the key's reminders (capped; never past its expiry); null ends a snooze. */
  snooze(keyId: string, request: SnoozeRequest | null): { status: KeyRotationStatus; plan: SnoozePlan | null } {
    const vault = this.vault()
    const plan =
      request === null
        ? null
        : planSnooze(this.status(keyId), request, vault.rotation.policy(), this.options.clock.now())
    vault.rotation.setSnoozedUntil(keyId, plan?.snoozedUntil ?? null)
    this.changed()
    const status = this.status(keyId)
    recordQuietly(vault, rotationChangeEntry.snoozed(status))
    return { status, plan }
  }

  /** The scanner found the key's value (for the scanner's service to call). */
  markLeaked(keyId: string, at: Date = this.now()): KeyRotationStatus {
    this.vault().rotation.markLeaked(keyId, at)
    this.changed()
    return this.status(keyId)
  }

  /** The user dismissed a finding as a false positive. */
  clearLeaked(keyId: string): KeyRotationStatus {
    this.vault().rotation.clearLeaked(keyId)
    this.changed()
    return this.status(keyId)
  }

  /** The rotation in progress for this key, to resume it (after a restart too), or null. */
  flow(keyId: string): RotationFlow | null {
    const vault = this.vault()
    const key = vault.keys.get(keyId)
    const flow = vault.rotation.flow(keyId)
    return flow && describeFlow(flow, key.name)
  }

  /** Every rotation in progress, oldest first: what to resume. */
  flows(): RotationFlow[] {
    return this.vault()
      .rotation.list()
      .filter((record) => record.flow !== null)
      .map((record) => describeFlow(record.flow!, record.key.name))
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
  }

  /**
   * Step 1: keeps the pasted new value as the key's pending version. Refuses the value the key
   * already has, an earlier value of it, another key's value, and an expiry already past.
   */
  startRotation(keyId: string, newValue: string, options: { expiresAt?: string | null } = {}): RotationFlow {
    const vault = this.vault()
    const value = pastedValue(newValue)
    const expiresAt = options.expiresAt ?? null
    if (expiresAt !== null) {
      if (!IsoDate.safeParse(expiresAt).success)
        throw new KeywardError('invalid_argument', `"${expiresAt}" is not a date. Use YYYY-MM-DD.`)
      if (Date.parse(expiresAt) <= this.options.clock.now()) {
        throw new KeywardError(
          'invalid_argument',
          `The expiry ${expiresAt} is already past: a new value must not be expired. Check the date the provider shows.`,
        )
      }
    }
    const flow = vault.rotation.startFlow(keyId, value, { newExpiresAt: expiresAt, at: this.now() })
    this.changed()
    return describeFlow(flow, vault.keys.get(keyId).name)
  }

  /** Step 2: tests the new value in place; testing again replaces the answer. */
  async testNewValue(keyId: string): Promise<RotationFlow> {
    const value = this.vault().rotation.revealPendingValue(keyId)
    let test: RotationTest
    try {
      if (!this.options.testValue) throw new KeywardError('not_testable', 'no auth test is available here')
      const result = await this.options.testValue(keyId, value)
      test = { outcome: result.outcome, reason: result.reason, testedAt: result.testedAt, result }
    } catch (error) {
      if (!isKeywardError(error) || error.code !== 'not_testable') throw error
      test = { outcome: 'not_testable', reason: error.message, testedAt: this.now().toISOString(), result: null }
    }
    // The vault may have locked, or the rotation been canceled and started again, while the test ran.
    const vault = this.vault()
    const current = vault.rotation.flow(keyId)
    if (!current || current.stage === 'promoted' || vault.rotation.revealPendingValue(keyId) !== value) {
      throw new KeywardError(
        'invalid_argument',
        'The rotation changed while its test ran. Open it again and test the value it holds now.',
      )
    }
    const flow = vault.rotation.recordFlowTest(keyId, test, this.now())
    this.changed()
    return describeFlow(flow, vault.keys.get(keyId).name)
  }

  /** Step 3: the new value becomes current, the old one retiring (force: for a value Keyward cannot test). */
  promote(keyId: string, options: { force?: boolean } = {}): RotationFlow {
    const vault = this.vault()
    const flow = vault.rotation.promote(keyId, { force: options.force === true, at: this.now() })
    this.changed()
    return describeFlow(flow, vault.keys.get(keyId).name)
  }

  /** Step 4: the user revoked the old value at the provider; the rotation is done. */
  confirmRevoked(keyId: string): RotationFlow {
    const vault = this.vault()
    const flow = vault.rotation.confirmRevoked(keyId, this.now())
    this.changed()
    return {
      ...describeFlow(flow, vault.keys.get(keyId).name),
      stage: 'done',
      nextStep: 'done',
      nextStepInWords: 'Rotation finished: the old value is revoked.',
    }
  }

  /** Drops a rotation before its new value was made current; the key stays as it was. */
  cancelRotation(keyId: string): void {
    this.vault().rotation.cancelFlow(keyId)
    this.changed()
  }

  /** The old value while it is retiring, to copy into a service not yet moved. */
  revealRetiringValue(keyId: string): string {
    return this.vault().rotation.revealRetiringValue(keyId)
  }

  /** Every value of the key with its status and the date of each step. */
  history(keyId: string): VersionHistoryEntry[] {
    return this.vault().rotation.history(keyId)
  }
}
