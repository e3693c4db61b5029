// What each provider's answers mean by its rules, and what Keyward says when no rule knows one.
import { describe, expect, it } from 'vitest'
import { classifyAnswer, parseHttpDate, parseRetryAfter, type ProviderAnswer } from '../../../main/authtest/index'
import { findProvider, type AuthTestDefinition } from '../../../main/providers/index'
import { answerExamples } from './answerExamples'

const testOf = (id: string): AuthTestDefinition => findProvider(id)!.authTest!
const NOW = Date.UTC(2026, 10, 22, 9, 0, 0)

const answer = (
  status: number,
  body: string,
  headers: Record<string, string> = {},
  truncated = false,
): ProviderAnswer => ({
  status,
  headers,
  body,
  truncated,
})

describe.each(Object.entries(answerExamples))('%s answers', (provider, examples) => {
  it.each(examples.map((example) => [example.says, example] as const))('%s', (_says, example) => {
    const classification = classifyAnswer(testOf(provider), example.answer, NOW)
    expect(classification.outcome).toBe(example.outcome)
    if (example.reasonIncludes) expect(classification.reason).toContain(example.reasonIncludes)
    if (example.facts) expect(classification.facts).toEqual(example.facts)
    if (example.outcome === 'unknown') expect(classification.ruleIndex).toBeNull()
    expect(classification.reason.length).toBeGreaterThan(10)
  })
})

describe('what a valid answer tells about the key', () => {
  it('reads Airclou permissions, key_id and expires_at (as ISO)', () => {
    const body = JSON.stringify({
      valid: true,
      key_id: 'key_0000000042',
      permissions: ['read'],
      expires_at: '2027-01-31T00:00:00+01:00',
    })
    const { facts } = classifyAnswer(testOf('airclou'), answer(200, body), NOW)
    expect(facts).toEqual({ keyId: 'key_0000000042', permissions: ['read'], expiresAt: '2027-01-30T23:00:00.000Z' })
  })

  it('leaves out an Airclou expires_at of null and permissions that are not strings', () => {
    const body = JSON.stringify({ valid: true, key_id: 'key_1', permissions: ['read', 7, null], expires_at: null })
    expect(classifyAnswer(testOf('airclou'), answer(200, body), NOW).facts).toEqual({
      keyId: 'key_1',
      permissions: ['read'],
    })
  })

  it('leaves out an expiry that is not a date ISO 8601 can write (before 1970 or past year 9999)', () => {
    for (const expires of [
      '+275760-09-13T00:00:00.000Z',
      '+010000-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59Z',
      '-000001-01-01T00:00:00Z',
    ]) {
      const body = JSON.stringify({ valid: true, key_id: 'key_1', permissions: [], expires_at: expires })
      expect(classifyAnswer(testOf('airclou'), answer(200, body), NOW).facts, expires).toEqual({
        keyId: 'key_1',
        permissions: [],
      })
    }
  })

  it('reads Clodura credits and Clipia balance, also when sent as numeric strings', () => {
    expect(classifyAnswer(testOf('clodura'), answer(200, '{"credits":"950"}'), NOW).facts).toEqual({ credits: 950 })
    expect(classifyAnswer(testOf('clipia'), answer(200, '{"balance":0}'), NOW).facts).toEqual({ balance: 0 })
  })

  it("reads no facts from a failure, but quotes the provider's message", () => {
    const classification = classifyAnswer(
      testOf('airclou'),
      answer(401, JSON.stringify({ error: { code: 'authentication_failed', message: 'Invalid API key provided' } })),
      NOW,
    )
    expect(classification.facts).toEqual({})
    expect(classification.providerMessage).toBe('Invalid API key provided')
  })

  it('cuts a long provider message', () => {
    const long = 'x'.repeat(1000)
    const classification = classifyAnswer(testOf('clodura'), answer(401, JSON.stringify({ message: long })), NOW)
    expect(classification.providerMessage).toHaveLength(301)
  })
})

describe('answers no rule knows are unknown, never invalid', () => {
  const airclou = testOf('airclou')

  it('an HTML login page with 200', () => {
    const classification = classifyAnswer(
      airclou,
      answer(200, '<!DOCTYPE html><html><body>Sign in</body></html>', { 'content-type': 'text/html' }),
      NOW,
    )
    expect(classification).toMatchObject({ outcome: 'unknown', ruleIndex: null })
    expect(classification.reason).toMatch(/HTML page.*base URL/)
  })

  it('an HTML 401 is not taken for an invalid key', () => {
    const classification = classifyAnswer(testOf('clodura'), answer(401, '<html><body>Unauthorized</body></html>'), NOW)
    expect(classification.outcome).toBe('unknown')
  })

  it('a 502 gateway page', () => {
    const classification = classifyAnswer(
      airclou,
      answer(502, '<html><center>502 Bad Gateway</center></html>', { 'content-type': 'text/html' }),
      NOW,
    )
    expect(classification.outcome).toBe('unknown')
    expect(classification.reason).toMatch(/^502: a gateway or the provider failed/)
  })

  it('a 500 JSON error', () => {
    const classification = classifyAnswer(airclou, answer(500, '{"error":{"message":"boom"}}'), NOW)
    expect(classification.outcome).toBe('unknown')
    expect(classification.reason).toBe('500: the provider had a server error. Try again later.')
    expect(classification.providerMessage).toBe('boom')
  })

  it('a body that is not JSON', () => {
    const classification = classifyAnswer(testOf('clipia'), answer(200, 'OK'), NOW)
    expect(classification.reason).toBe('200: the answer was not JSON, so Keyward cannot tell what it means.')
  })

  it('a truncated body, even if what was read looks like the valid answer', () => {
    const classification = classifyAnswer(testOf('clipia'), answer(200, '{"balance": 25, "data": "xxxx', {}, true), NOW)
    expect(classification.outcome).toBe('unknown')
    expect(classification.reason).toMatch(/larger than Keyward reads/)
  })

  it('a redirect, which Keyward does not follow with a key', () => {
    const classification = classifyAnswer(
      airclou,
      answer(302, '', { location: 'https://login.elsewhere.example/sso?next=/verify' }),
      NOW,
    )
    expect(classification.outcome).toBe('unknown')
    expect(classification.reason).toBe(
      '302: the provider redirected to login.elsewhere.example. Keyward does not follow redirects with a key; check the base URL or the verify URL.',
    )
    expect(classifyAnswer(airclou, answer(301, ''), NOW).reason).toMatch(
      /^301: the provider redirected\. Keyward does not follow redirects/,
    )
  })

  it('a 404 JSON answer points at the base URL', () => {
    expect(classifyAnswer(testOf('clodura'), answer(404, '{"message":"Not found."}'), NOW).reason).toMatch(
      /^404: the verify endpoint was not found/,
    )
  })

  it('an unknown status with JSON', () => {
    const classification = classifyAnswer(testOf('agentclara'), answer(418, '{"note":"short and stout"}'), NOW)
    expect(classification.outcome).toBe('unknown')
    expect(classification.reason).toMatch(/^418: an answer Keyward does not recognise/)
  })

  it('a 429 of a shape no rule knows is still rate_limited', () => {
    const only200: AuthTestDefinition = { ...airclou, rules: [airclou.rules[0]!] }
    expect(classifyAnswer(only200, answer(429, 'slow down', { 'retry-after': '7' }), NOW)).toMatchObject({
      outcome: 'rate_limited',
      ruleIndex: null,
      retryAfterSeconds: 7,
    })
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120)
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0)
  })

  it('reads an IMF-fixdate, counted from now', () => {
    expect(parseRetryAfter(new Date(NOW + 5_000).toUTCString(), NOW)).toBe(5)
    expect(parseRetryAfter(new Date(NOW + 4_200).toUTCString(), NOW + 200)).toBe(4)
    expect(parseRetryAfter(new Date(NOW - 10_000).toUTCString(), NOW)).toBe(0)
  })

  it("counts a date from the answer's own Date header when there is one (a provider clock ahead of ours)", () => {
    const providerNow = NOW + 3_600_000
    expect(parseRetryAfter(new Date(providerNow + 8_000).toUTCString(), NOW, new Date(providerNow).toUTCString())).toBe(
      8,
    )
  })

  it('reads the obsolete RFC 850 and asctime forms', () => {
    expect(parseRetryAfter('Sunday, 22-Nov-26 09:00:30 GMT', NOW)).toBe(30)
    expect(parseRetryAfter('Sun Nov 22 09:00:30 2026', NOW)).toBe(30)
  })

  it('ignores what is neither', () => {
    for (const text of ['1.5', '-1', 'soon', '2026-11-22', '', ' ', '12abc'])
      expect(parseRetryAfter(text, NOW)).toBeNull()
    expect(parseRetryAfter(undefined, NOW)).toBeNull()
    expect(parseHttpDate('Sun, 22 Nov 2026 09:00:30 GMT')).toBe(NOW + 30_000)
  })

  it('is what classifyAnswer reports', () => {
    const date = new Date(NOW + 2_000).toUTCString()
    expect(
      classifyAnswer(testOf('clodura'), answer(429, '{"message":"x"}', { 'retry-after': date }), NOW).retryAfterSeconds,
    ).toBe(2)
  })
})
