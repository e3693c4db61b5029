// When a key is due for rotation and what state it is in, from its facts, the vault's policy and
// the time: pure, so every state and boundary is tested with plain dates.
import {
  ROTATION_STATES,
  type Environment,
  type RotationPolicy,
  type RotationState,
  type RotationStatus,
  type TestOutcome,
} from '#contract'
import { countNoun } from '../common/countNoun'
import type { RotationStage } from '../vault/index'

export const DAY_MILLISECONDS = 86_400_000

export { ROTATION_STATES, type RotationState }

/** The states that fail `keyward due` (due soon only warns). */
export const FAILING_STATES: ReadonlySet<RotationState> = new Set(['overdue', 'expired', 'revoked', 'leaked'])

/** Everything about a key that decides its due date and state. */
export interface RotationFacts {
  keyId: string
  name: string
  environment: Environment
  providerName: string | null
  /** The provider's advised period (Airclou: 90), null when it names none. */
  providerPeriodDays: number | null
  /** The period set on this key, null when none. */
  keyPeriodDays: number | null
  lastRotatedAt: string
  /** The expiry the user entered. */
  expiresAt: string | null
  /** The expiry the provider's last valid verify answer gave. */
  providerExpiresAt: string | null
  lastTest: { outcome: TestOutcome; testedAt: string; reason: string } | null
  leakedAt: string | null
  snoozedUntil: string | null
  rotationStage: RotationStage | null
}

export type PeriodSource = 'key' | 'test_keys' | 'provider' | 'default'
export type ExpirySource = 'entered' | 'provider'

/**
 * A key's rotation as main knows it: the wire's RotationStatus (preload/contract, where each field is
 * described) and where its dates come from, when it entered its state and what a notification is about.
 */
export interface KeyRotationStatus extends RotationStatus {
  expirySource: ExpirySource | null
  periodSource: PeriodSource
  /** When the key entered its state (or its lead time); null for ok. */
  stateSince: string | null
  rotationStage: RotationStage | null
  /** What a notification is about: 'ok', 'snoozed', 'due_soon:7', 'overdue', 'expired', 'revoked', 'leaked'. */
  notificationLevel: string
}

const parseTime = (text: string | null | undefined): number | null => {
  if (!text) return null
  const time = Date.parse(text)
  return Number.isFinite(time) ? time : null
}

const iso = (time: number): string => new Date(time).toISOString()

/** Whole days from now to a time: rounded up ahead of it, down behind it, so 'in 1 day' is never past due. */
export const wholeDaysUntil = (time: number, now: number): number => {
  const difference = time - now
  return difference > 0 ? Math.ceil(difference / DAY_MILLISECONDS) : -Math.floor(-difference / DAY_MILLISECONDS)
}

export const dueInWords = (daysLeft: number, expired: boolean): string => {
  if (daysLeft > 0) return `in ${countNoun(daysLeft, 'day')}`
  if (daysLeft === 0) return expired ? 'expired today' : 'due today'
  return expired ? `expired ${countNoun(-daysLeft, 'day')} ago` : `${countNoun(-daysLeft, 'day')} overdue`
}

const periodOf = (
  facts: RotationFacts,
  policy: RotationPolicy,
): { days: number; source: PeriodSource; words: string } => {
  if (facts.keyPeriodDays !== null) {
    return {
      days: facts.keyPeriodDays,
      source: 'key',
      words: `rotate every ${countNoun(facts.keyPeriodDays, 'day')} (set on this key)`,
    }
  }
  if (facts.environment === 'test' && policy.testKeyPeriodDays !== null) {
    return {
      days: policy.testKeyPeriodDays,
      source: 'test_keys',
      words: `${policy.testKeyPeriodDays}-day policy for test keys`,
    }
  }
  if (facts.providerPeriodDays !== null) {
    return {
      days: facts.providerPeriodDays,
      source: 'provider',
      words: `${facts.providerName ?? 'The provider'} rotates every ${countNoun(facts.providerPeriodDays, 'day')}`,
    }
  }
  return { days: policy.defaultPeriodDays, source: 'default', words: `${policy.defaultPeriodDays}-day policy` }
}

const expiryOf = (facts: RotationFacts): { at: number; source: ExpirySource; words: string } | null => {
  const entered = parseTime(facts.expiresAt)
  const fromProvider = parseTime(facts.providerExpiresAt)
  if (fromProvider !== null && (entered === null || fromProvider <= entered)) {
    return { at: fromProvider, source: 'provider', words: 'expiry from the provider' }
  }
  if (entered !== null) return { at: entered, source: 'entered', words: 'expiry you entered' }
  return null
}

const day = (time: number): string => iso(time).slice(0, 10)

/** The key's due date and state at `now` (milliseconds). */
export const computeRotation = (facts: RotationFacts, policy: RotationPolicy, now: number): KeyRotationStatus => {
  const period = periodOf(facts, policy)
  const expiry = expiryOf(facts)
  const lastRotated = parseTime(facts.lastRotatedAt) ?? now
  const periodDueAt = lastRotated + period.days * DAY_MILLISECONDS
  const byExpiry = expiry !== null && expiry.at <= periodDueAt
  const dueAt = byExpiry ? expiry.at : periodDueAt
  const leadTimes = [...policy.leadTimesDays].sort((a, b) => a - b)
  const longestLead = leadTimes.at(-1) ?? 0

  let state: RotationState
  let stateReason: string
  let stateSince: number | null
  let leadDays: number | null = null
  const leakedAt = parseTime(facts.leakedAt)
  const lastTest = facts.lastTest
  if (leakedAt !== null) {
    state = 'leaked'
    stateReason = `The scanner found this key's value on ${day(leakedAt)}: rotate it.`
    stateSince = leakedAt
  } else if (lastTest?.outcome === 'invalid') {
    state = 'revoked'
    stateReason = `The provider rejected the key at its last test (${day(parseTime(lastTest.testedAt) ?? now)}): ${lastTest.reason}`
    stateSince = parseTime(lastTest.testedAt)
  } else if (expiry !== null && expiry.at <= now) {
    state = 'expired'
    stateReason = `Expired on ${day(expiry.at)} (${expiry.words}).`
    stateSince = expiry.at
  } else if (lastTest?.outcome === 'expired') {
    state = 'expired'
    stateReason = `The last test (${day(parseTime(lastTest.testedAt) ?? now)}) said the key has expired: ${lastTest.reason}`
    stateSince = parseTime(lastTest.testedAt)
  } else if (periodDueAt <= now) {
    state = 'overdue'
    stateReason = `Due on ${day(periodDueAt)} (${period.words}).`
    stateSince = periodDueAt
  } else if (dueAt - now <= longestLead * DAY_MILLISECONDS) {
    state = 'due_soon'
    leadDays = leadTimes.find((lead) => dueAt - now <= lead * DAY_MILLISECONDS) ?? longestLead
    stateReason = `Due on ${day(dueAt)} (${byExpiry ? expiry!.words : period.words}).`
    stateSince = dueAt - leadDays * DAY_MILLISECONDS
  } else {
    state = 'ok'
    stateReason = `Due on ${day(dueAt)} (${byExpiry ? expiry!.words : period.words}).`
    stateSince = null
  }

  const snoozedUntil = parseTime(facts.snoozedUntil)
  const snoozed = snoozedUntil !== null && snoozedUntil > now && (state === 'due_soon' || state === 'overdue')
  const daysLeft = wholeDaysUntil(dueAt, now)
  return {
    keyId: facts.keyId,
    name: facts.name,
    state,
    stateReason,
    dueAt: iso(dueAt),
    dueBy: byExpiry ? 'expiry' : 'period',
    dueReason: byExpiry ? expiry!.words : period.words,
    daysLeft,
    // A leaked or rejected key is due now, whatever its date says ("in 80 days" beside Leaked misleads).
    dueInWords:
      state === 'leaked' || state === 'revoked' ? 'rotate now' : dueInWords(daysLeft, state === 'expired' && byExpiry),
    expiresAt: expiry ? iso(expiry.at) : null,
    expirySource: expiry?.source ?? null,
    periodDays: period.days,
    periodSource: period.source,
    lastRotatedAt: iso(lastRotated),
    leadDays,
    stateSince: stateSince === null ? null : iso(stateSince),
    snoozedUntil: snoozed ? iso(snoozedUntil) : null,
    needsAction: state !== 'ok' && !snoozed,
    rotationStage: facts.rotationStage,
    notificationLevel:
      state === 'ok' ? 'ok' : snoozed ? 'snoozed' : state === 'due_soon' ? `due_soon:${leadDays}` : state,
  }
}

/**
 * The times after `now` at which this key's state, lead time or snooze may change by the clock alone
 * (nothing else changes while the vault is locked): for the reminders kept outside the vault.
 */
export const boundariesAfter = (facts: RotationFacts, policy: RotationPolicy, now: number): number[] => {
  const status = computeRotation(facts, policy, now)
  const dueAt = Date.parse(status.dueAt)
  const periodDueAt = (parseTime(facts.lastRotatedAt) ?? now) + status.periodDays * DAY_MILLISECONDS
  const candidates = [
    ...policy.leadTimesDays.map((lead) => dueAt - lead * DAY_MILLISECONDS),
    dueAt,
    periodDueAt,
    parseTime(status.expiresAt),
    parseTime(facts.snoozedUntil),
  ]
  return [...new Set(candidates.filter((time): time is number => time !== null && time > now))].sort((a, b) => a - b)
}
