// Says what a provider's answer to a verify request means, by the provider's own rules (data), and
// reads what the answer tells about the key. An answer no rule recognises is "unknown", never
// "invalid": Keyward does not call a key dead on a guess.
import { isoDateInRange } from './retryPolicy'
import {
  CONDEMNING_OUTCOMES,
  statusesOf,
  statusMayCondemn,
  type AnswerCondition,
  type AuthTestDefinition,
  type OutcomeRule,
  type TestOutcome,
} from '../providers/index'

export interface ProviderAnswer {
  status: number
  headers: Record<string, string | undefined>
  /** The body as text, cut at the read limit. */
  body: string
  /** True when the body was longer than the read limit and was cut. */
  truncated: boolean
}

export interface KeyFacts {
  permissions?: string[]
  keyId?: string
  expiresAt?: string
  credits?: number
  balance?: number
  plan?: string
}

export interface Classification {
  outcome: TestOutcome
  reason: string
  /** Index of the provider's rule that matched; null when none did and a fallback answered. */
  ruleIndex: number | null
  /** The provider's own words, when its error body carries a message. */
  providerMessage: string | null
  facts: KeyFacts
  /** From Retry-After (seconds or an HTTP date), when the answer carries one. */
  retryAfterSeconds: number | null
}

/** How the read limit (MAX_ANSWER_BYTES in httpsTransport) is said to a person. */
const MAX_READ_TEXT = '256 KiB'

const parseJson = (answer: ProviderAnswer): unknown => {
  if (answer.truncated) return undefined
  try {
    return JSON.parse(answer.body)
  } catch {
    return undefined
  }
}

export const readPath = (json: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, segment) => {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined
    return (value as Record<string, unknown>)[segment]
  }, json)

const matches = (condition: AnswerCondition, answer: ProviderAnswer, json: unknown): boolean => {
  if (!statusesOf(condition.status).includes(answer.status)) return false
  const isJson = json !== undefined
  if (condition.json !== undefined && condition.json !== isJson) return false
  if (condition.jsonEquals && (!isJson || readPath(json, condition.jsonEquals.path) !== condition.jsonEquals.value))
    return false
  if (condition.jsonHas && (!isJson || readPath(json, condition.jsonHas) === undefined)) return false
  if (condition.bodyIncludes) {
    const body = answer.body.toLowerCase()
    if (!condition.bodyIncludes.some((text) => body.includes(text.toLowerCase()))) return false
  }
  return true
}

/**
 * A rule applies when its conditions hold, and a rule that condemns the key only to a client error:
 * the schema refuses any other, and this holds even for a definition that never went through it.
 */
const applies = (rule: OutcomeRule, answer: ProviderAnswer, json: unknown): boolean =>
  (!CONDEMNING_OUTCOMES.includes(rule.outcome) || statusMayCondemn(answer.status)) && matches(rule.when, answer, json)

// The three forms RFC 9110 allows for an HTTP date: IMF-fixdate, and the obsolete RFC 850 and asctime.
const HTTP_DATE = [
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
]

/** Milliseconds since the epoch of an HTTP date, or null when the text is not one. */
export const parseHttpDate = (header: string | undefined): number | null => {
  if (!header) return null
  const trimmed = header.trim()
  if (!HTTP_DATE.some((form) => form.test(trimmed))) return null
  // asctime has no zone; HTTP dates are always UTC.
  const time = Date.parse(trimmed.endsWith('GMT') ? trimmed : `${trimmed} GMT`)
  return Number.isNaN(time) ? null : time
}

/**
 * Retry-After in whole seconds, from either form HTTP allows: a number of seconds or an HTTP date.
 * A date is measured from the answer's own Date header when it has one, so a provider whose clock
 * differs from this machine's still gets the wait it asked for; else from `now`.
 */
export const parseRetryAfter = (header: string | undefined, now: number, answerDate?: string): number | null => {
  if (!header) return null
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = parseHttpDate(trimmed)
  if (date === null) return null
  const reference = parseHttpDate(answerDate) ?? now
  return Math.max(0, Math.ceil((date - reference) / 1000))
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined)
const number = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value)
    ? value
    : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
      ? Number(value)
      : undefined

const readFacts = (test: AuthTestDefinition, json: unknown): KeyFacts => {
  if (json === undefined) return {}
  const { extract } = test
  const facts: KeyFacts = {}
  const permissions = extract.permissions ? readPath(json, extract.permissions) : undefined
  if (Array.isArray(permissions))
    facts.permissions = permissions.filter((entry): entry is string => typeof entry === 'string')
  const keyId = extract.keyId ? text(readPath(json, extract.keyId)) : undefined
  if (keyId) facts.keyId = keyId
  const expiresAt = extract.expiresAt ? text(readPath(json, extract.expiresAt)) : undefined
  const expiresAtDate = expiresAt ? isoDateInRange(Date.parse(expiresAt)) : null
  if (expiresAtDate) facts.expiresAt = expiresAtDate
  const credits = extract.credits ? number(readPath(json, extract.credits)) : undefined
  if (credits !== undefined) facts.credits = credits
  const balance = extract.balance ? number(readPath(json, extract.balance)) : undefined
  if (balance !== undefined) facts.balance = balance
  const plan = extract.plan ? text(readPath(json, extract.plan)) : undefined
  if (plan) facts.plan = plan
  return facts
}

const MESSAGE_LIMIT = 300

const providerMessageOf = (test: AuthTestDefinition, json: unknown): string | null => {
  for (const path of test.extract.message ?? []) {
    const message = text(readPath(json, path))
    if (message) return message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT)}…` : message
  }
  return null
}

const isHtml = (answer: ProviderAnswer): boolean =>
  /html/i.test(answer.headers['content-type'] ?? '') || /^\s*<(!doctype|html)/i.test(answer.body)

const hostOf = (location: string | undefined): string | null => {
  if (!location) return null
  try {
    return new URL(location, 'https://provider.invalid').host.replace(/^provider\.invalid$/, '') || null
  } catch {
    return null
  }
}

/** Why an answer matched no rule, in words that point at the likely cause. */
const unknownReason = (answer: ProviderAnswer, json: unknown): string => {
  const { status } = answer
  if (answer.truncated) {
    return `${status}: the answer was larger than Keyward reads from a verify call (${MAX_READ_TEXT}), so it is not the provider's verify answer; check the base URL, or a proxy in the way.`
  }
  if (status >= 300 && status < 400) {
    const target = hostOf(answer.headers.location)
    return `${status}: the provider redirected${target ? ` to ${target}` : ''}. Keyward does not follow redirects with a key; check the base URL or the verify URL.`
  }
  if (status >= 500) {
    return isHtml(answer)
      ? `${status}: a gateway or the provider failed and sent an HTML error page. Try again later; if it lasts, check the base URL or proxy.`
      : `${status}: the provider had a server error. Try again later.`
  }
  if (isHtml(answer)) {
    return `${status}: the answer was an HTML page, not the provider's API. Check the base URL, or a proxy or captive portal in the way.`
  }
  if (json === undefined) return `${status}: the answer was not JSON, so Keyward cannot tell what it means.`
  if (status === 404) return '404: the verify endpoint was not found. Check the base URL or the verify URL.'
  return `${status}: an answer Keyward does not recognise for this provider. The key may still work; check the provider's status page.`
}

export const classifyAnswer = (test: AuthTestDefinition, answer: ProviderAnswer, now: number): Classification => {
  const json = parseJson(answer)
  const ruleIndex = test.rules.findIndex((candidate) => applies(candidate, answer, json))
  const retryAfterSeconds = parseRetryAfter(answer.headers['retry-after'], now, answer.headers.date)
  if (ruleIndex === -1) {
    // A 429 means the same everywhere, whatever the body: too many requests, not a verdict on the key.
    const outcome: TestOutcome = answer.status === 429 ? 'rate_limited' : 'unknown'
    return {
      outcome,
      ruleIndex: null,
      reason: outcome === 'rate_limited' ? '429: too many requests.' : unknownReason(answer, json),
      providerMessage: providerMessageOf(test, json),
      facts: {},
      retryAfterSeconds,
    }
  }
  const rule = test.rules[ruleIndex]!
  return {
    outcome: rule.outcome,
    ruleIndex,
    reason: rule.reason,
    providerMessage: rule.outcome === 'valid' ? null : providerMessageOf(test, json),
    facts: rule.outcome === 'valid' ? readFacts(test, json) : {},
    retryAfterSeconds,
  }
}
