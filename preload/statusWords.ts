// What each auth-test outcome and each rotation state is called, how loud it is, and the order they
// are listed in (worst first): one table for the command line and the window alike. The contract
// re-exports it, so the renderer, which may import only the contract, reads the same words as
// `keyward test` and `keyward due`. The sentence beside a word is main's reason; this only names it.

/** Every outcome an auth test can have (the wire's ids; the words below are what people read). */
export const TEST_OUTCOMES = [
  'valid',
  'invalid',
  'forbidden',
  'rate_limited',
  'quota_exhausted',
  'expired',
  'network_error',
  'unknown',
] as const
export type TestOutcomeId = (typeof TEST_OUTCOMES)[number]

/** A key a run or a rotation could not test (no provider, no verify URL…): a run's skipped keys. */
export type OutcomeOrUntested = TestOutcomeId | 'not_tested'

/** good: green; bad: red; warn: amber; wait: grey-blue (try again later, nothing to fix yet); none: grey. */
export type StatusTone = 'good' | 'bad' | 'warn' | 'wait' | 'none'

interface StatusWord {
  /** Capitalised, as a badge shows it; lines of the command line and counts use it in lower case. */
  word: string
  tone: StatusTone
}

/**
 * `invalid` reads "Rejected" everywhere: the provider refused the key, and its reason (missing,
 * mistyped, revoked, deleted) is shown beneath the word. "Invalid" suggested a typo, "Revoked" a cause
 * the answer rarely names (docs/auth-tests.md, "One word for a rejected key").
 */
export const OUTCOME_WORDS: Record<OutcomeOrUntested, StatusWord> = {
  valid: { word: 'Valid', tone: 'good' },
  invalid: { word: 'Rejected', tone: 'bad' },
  expired: { word: 'Expired', tone: 'bad' },
  forbidden: { word: 'Forbidden', tone: 'warn' },
  quota_exhausted: { word: 'Quota used up', tone: 'warn' },
  rate_limited: { word: 'Rate limited', tone: 'wait' },
  network_error: { word: 'Network error', tone: 'wait' },
  unknown: { word: 'Unclear answer', tone: 'wait' },
  not_tested: { word: 'Not tested', tone: 'none' },
}

/** Worst first: what needs work, then what to try again later, then what was not tested, then valid. */
export const OUTCOME_ORDER: readonly OutcomeOrUntested[] = [
  'invalid',
  'expired',
  'forbidden',
  'quota_exhausted',
  'rate_limited',
  'network_error',
  'unknown',
  'not_tested',
  'valid',
]

/** "rejected", "quota used up", "not tested": an outcome inside a sentence or a table cell. */
export const outcomeWord = (outcome: OutcomeOrUntested): string => OUTCOME_WORDS[outcome].word.toLowerCase()

/** Outcomes that mean the key itself needs attention (not a passing hiccup): counted as failing. */
const FAILING_OUTCOMES: ReadonlySet<OutcomeOrUntested> = new Set<OutcomeOrUntested>([
  'invalid',
  'expired',
  'forbidden',
  'quota_exhausted',
])

export const isFailingOutcome = (outcome: OutcomeOrUntested | null | undefined): boolean =>
  outcome ? FAILING_OUTCOMES.has(outcome) : false

/** An outcome's place in OUTCOME_ORDER: lower is worse. */
export const outcomeRank = (outcome: OutcomeOrUntested): number => OUTCOME_ORDER.indexOf(outcome)

/** The worst of some outcomes (null for none): what a run's summary is coloured by. */
export const worstOutcome = (outcomes: Iterable<OutcomeOrUntested>): OutcomeOrUntested | null => {
  let worst: OutcomeOrUntested | null = null
  for (const outcome of outcomes) if (worst === null || outcomeRank(outcome) < outcomeRank(worst)) worst = outcome
  return worst
}

/**
 * Rotation states, most urgent first (the Rotation panel's groups, `keyward due`'s order): a key
 * found leaked or rejected by its provider needs rotating now, whatever its due date says.
 */
export const ROTATION_STATES = ['leaked', 'revoked', 'expired', 'overdue', 'due_soon', 'ok'] as const
export type RotationStateId = (typeof ROTATION_STATES)[number]

/** `revoked` is the state of a key whose last test the provider rejected: it reads as the outcome does. */
export const ROTATION_STATE_WORDS: Record<RotationStateId, StatusWord> = {
  leaked: { word: 'Leaked', tone: 'bad' },
  revoked: { word: OUTCOME_WORDS.invalid.word, tone: 'bad' },
  expired: { word: 'Expired', tone: 'bad' },
  overdue: { word: 'Overdue', tone: 'bad' },
  due_soon: { word: 'Due soon', tone: 'warn' },
  ok: { word: 'OK', tone: 'good' },
}

/** "leaked", "rejected", "due soon", "ok": a rotation state inside a sentence or a table cell. */
export const rotationStateWord = (state: RotationStateId): string => ROTATION_STATE_WORDS[state].word.toLowerCase()
