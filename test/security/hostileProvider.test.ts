// A provider (or anything in its place: a gateway, a proxy, a captive portal) that misbehaves must
// never condemn a key: no 5xx, 3xx, success or out-of-range status is ever read as invalid, forbidden
// or expired, by any built-in definition or by a custom one, whatever the body says.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyAnswer, type ProviderAnswer } from '../../main/authtest/index'
import {
  CONDEMNING_OUTCOMES,
  parseCustomProvider,
  providerCatalog,
  type AuthTestDefinition,
} from '../../main/providers/index'
import airclouJson from '../../main/providers/definitions/airclou.json'

const NOW = Date.UTC(2026, 11, 7, 9, 0, 0)
const testable = providerCatalog.filter((provider) => provider.authTest !== null)

/** Words every provider's condemning rules look for, so the bodies drawn reach those rules. */
const VERDICT_WORDS = [
  'Bearer',
  'expired',
  'Invalid API key',
  'revoked',
  'authentication_failed',
  'invalid_api_key',
  'insufficient_scope',
  'Rate limit exceeded',
]

const verdictText = fc
  .array(fc.constantFrom(...VERDICT_WORDS, 'could not check the', 'token right now', ' ', ':'), { maxLength: 6 })
  .map((parts) => parts.join(' '))

/** Bodies shaped like each provider's own failure answers, and free text. */
const hostileBody: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  verdictText,
  fc
    .record({ success: fc.constantFrom(false, true), error: verdictText, status: fc.constantFrom(401, 403, 429) })
    .map((body) => JSON.stringify(body)),
  fc
    .record({
      error: fc.record({ code: fc.constantFrom(...VERDICT_WORDS), message: verdictText, details: verdictText }),
    })
    .map((body) => JSON.stringify(body)),
  fc
    .record({ message: verdictText, error: verdictText, valid: fc.boolean(), credits: fc.nat(), balance: fc.nat() })
    .map((body) => JSON.stringify(body)),
  verdictText.map((text) => `<html><body>${text}</body></html>`),
)

/** Every status that is not a client error: 1xx, 2xx, 3xx, 5xx, and values outside HTTP's classes. */
const notAClientError = fc.oneof(
  fc.integer({ min: 100, max: 399 }),
  fc.integer({ min: 500, max: 599 }),
  fc.integer({ min: 0, max: 99 }),
  fc.integer({ min: 600, max: 9_999 }),
)

const answerOf = (status: number, body: string, contentType = 'application/json'): ProviderAnswer => ({
  status,
  headers: { 'content-type': contentType },
  body,
  truncated: false,
})

describe('a server failure never condemns a key', () => {
  it("AgentClara's 503 naming the Bearer token is unknown, a server error, not the wrong-header verdict", () => {
    const agentclara = testable.find((provider) => provider.id === 'agentclara')!.authTest!
    const classification = classifyAnswer(
      agentclara,
      answerOf(503, JSON.stringify({ success: false, error: 'could not check the Bearer token right now' })),
      NOW,
    )
    expect(classification.outcome).toBe('unknown')
    expect(classification.reason).toBe('503: the provider had a server error. Try again later.')
    const expiredToo = classifyAnswer(
      agentclara,
      answerOf(500, JSON.stringify({ success: false, error: 'token store expired, Invalid API key cache' })),
      NOW,
    )
    expect(expiredToo.outcome).toBe('unknown')
  })

  it.each(testable.map((provider) => [provider.id, provider.authTest!] as const))(
    '%s: no 1xx, 2xx, 3xx, 5xx or out-of-range status yields invalid, forbidden or expired, whatever the body',
    (_id, test) => {
      fc.assert(
        fc.property(
          notAClientError,
          hostileBody,
          fc.constantFrom('application/json', 'text/html', 'text/plain'),
          (status, body, contentType) => {
            const { outcome } = classifyAnswer(test, answerOf(status, body, contentType), NOW)
            expect(CONDEMNING_OUTCOMES).not.toContain(outcome)
          },
        ),
        { numRuns: 600 },
      )
    },
  )

  it('a definition that never went through the schema still cannot condemn a key on a 5xx or 3xx', () => {
    // As if a stored definition were written around the schema: the classifier holds the line too.
    const unguarded: AuthTestDefinition = {
      ...testable[0]!.authTest!,
      rules: [
        {
          when: { status: [200, 302, 401, 503], bodyIncludes: ['bearer'] },
          outcome: 'invalid',
          reason: 'Wrong header.',
        },
        { when: { status: [503] as number[] }, outcome: 'expired', reason: 'Expired.' },
      ],
    }
    for (const status of [200, 302, 503]) {
      expect(classifyAnswer(unguarded, answerOf(status, '{"error":"bearer"}'), NOW).outcome, String(status)).toBe(
        'unknown',
      )
    }
    expect(classifyAnswer(unguarded, answerOf(401, '{"error":"bearer"}'), NOW).outcome).toBe('invalid')
  })
})

describe('the schema refuses a rule that could condemn a key on a server failure', () => {
  const customWith = (rule: unknown): string =>
    JSON.stringify({ ...airclouJson, id: 'acme', name: 'Acme', authTest: { ...airclouJson.authTest, rules: [rule] } })

  it('a rule that reads the body and names no status', () => {
    expect(() =>
      parseCustomProvider(
        customWith({ when: { bodyIncludes: ['bearer'] }, outcome: 'invalid', reason: 'Wrong header.' }),
      ),
    ).toThrow(/authTest\.rules\.0\.when\.status: every rule names the statuses it applies to/)
  })

  it('a verdict on the key under a 5xx, a 3xx or a 200', () => {
    for (const status of [503, [401, 302], 200]) {
      expect(
        () => parseCustomProvider(customWith({ when: { status, json: true }, outcome: 'expired', reason: 'Expired.' })),
        JSON.stringify(status),
      ).toThrow(/an "expired" rule may name only 4xx statuses/)
    }
  })

  it("a status outside HTTP's range", () => {
    expect(() => parseCustomProvider(customWith({ when: { status: 700 }, outcome: 'valid', reason: 'Fine.' }))).toThrow(
      /authTest\.rules\.0\.when\.status/,
    )
  })

  it('accepts a guarded rule (so the refusals above are about the guard)', () => {
    expect(
      parseCustomProvider(
        customWith({
          when: { status: [401, 403], bodyIncludes: ['bearer'] },
          outcome: 'invalid',
          reason: 'Wrong header.',
        }),
      ).id,
    ).toBe('acme')
  })
})
