// Answers each provider gives to a verify request, with what they must mean: the providers' documented bodies
// where the docs show one, the simulator's where they only name a cause. Every rule of every
// provider must be hit by at least one example (checked in test/unit/providers/definitions.test.ts).
import type { TestOutcome } from '../../../main/providers/index'
import type { KeyFacts, ProviderAnswer } from '../../../main/authtest/index'

export interface AnswerExample {
  says: string
  answer: ProviderAnswer
  outcome: TestOutcome
  /** Words the reason must hold, so the user is told what to do. */
  reasonIncludes?: string
  facts?: KeyFacts
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ProviderAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
  truncated: false,
})

const redirect = (status: number): ProviderAnswer => ({
  status,
  headers: { location: 'https://login.elsewhere.example/sso' },
  body: '',
  truncated: false,
})

export const answerExamples: Record<string, AnswerExample[]> = {
  agentclara: [
    {
      says: "the docs' success body",
      answer: json(200, { success: true, data: [{ id: 'conv_1000' }] }),
      outcome: 'valid',
    },
    {
      says: "the docs' 429 body",
      answer: json(429, { success: false, error: 'Rate limited', status: 429 }, { 'retry-after': '1' }),
      outcome: 'rate_limited',
    },
    {
      says: "the docs' rate-limit body sent with a 200",
      answer: json(200, { success: false, error: 'Rate limited', status: 429 }),
      outcome: 'rate_limited',
    },
    {
      says: 'a failure naming expiry',
      answer: json(401, { success: false, error: 'API key expired' }),
      outcome: 'expired',
      reasonIncludes: 'Create a new key',
    },
    {
      says: 'a failure about the Bearer format',
      answer: json(401, { success: false, error: 'Use Authorization: Bearer <key>' }),
      outcome: 'invalid',
      reasonIncludes: 'Bearer',
    },
    {
      says: "the docs' failure body",
      answer: json(401, { success: false, error: 'Invalid API key' }),
      outcome: 'invalid',
      reasonIncludes: 'Rotate',
    },
    {
      says: 'a failure naming a revoked key',
      answer: json(401, { success: false, error: 'Key revoked' }),
      outcome: 'invalid',
    },
    { says: 'a 403 with JSON', answer: json(403, { success: false, error: 'Forbidden' }), outcome: 'forbidden' },
    { says: 'a 200 whose success is not true', answer: json(200, { success: 'maybe' }), outcome: 'unknown' },
    {
      says: 'a 503 whose body names the Bearer token',
      answer: json(503, { success: false, error: 'could not check the Bearer token right now' }),
      outcome: 'unknown',
      reasonIncludes: 'server error',
    },
    {
      says: 'a 502 whose body says the key expired',
      answer: json(502, { success: false, error: 'API key expired' }),
      outcome: 'unknown',
    },
    { says: 'a redirect', answer: redirect(302), outcome: 'unknown', reasonIncludes: 'redirect' },
  ],
  airclou: [
    {
      says: "the docs' verify body",
      answer: json(200, {
        valid: true,
        key_id: 'key_1234567890',
        permissions: ['read', 'write'],
        expires_at: '2025-12-31T23:59:59Z',
      }),
      outcome: 'valid',
      facts: { keyId: 'key_1234567890', permissions: ['read', 'write'], expiresAt: '2025-12-31T23:59:59.000Z' },
    },
    {
      says: 'an expired key',
      answer: json(401, {
        error: {
          code: 'authentication_failed',
          message: 'API key has expired',
          details: 'The API key expired at 2026-01-01T00:00:00.000Z',
        },
      }),
      outcome: 'expired',
      reasonIncludes: 'expired',
    },
    {
      says: 'a header without the Bearer scheme',
      answer: json(401, {
        error: {
          code: 'authentication_failed',
          message: 'Malformed Authorization header',
          details: 'Use the Bearer scheme: Authorization: Bearer <API key>',
        },
      }),
      outcome: 'invalid',
      reasonIncludes: '401: the Authorization header needs the Bearer prefix',
    },
    {
      says: "the docs' revoked-or-unknown body",
      answer: json(401, {
        error: {
          code: 'authentication_failed',
          message: 'Invalid API key provided',
          details: 'The API key has been revoked or does not exist',
        },
      }),
      outcome: 'invalid',
      reasonIncludes: 'revoked',
    },
    {
      says: 'a 403 for missing permissions',
      answer: json(403, {
        error: { code: 'insufficient_permissions', message: 'API key lacks the required permissions' },
      }),
      outcome: 'forbidden',
    },
    {
      says: 'a 429',
      answer: json(
        429,
        { error: { code: 'rate_limit_exceeded', message: 'Too many requests' } },
        { 'retry-after': '3' },
      ),
      outcome: 'rate_limited',
    },
    { says: 'a 401 of another shape', answer: json(401, { error: 'nope' }), outcome: 'unknown' },
    { says: 'a 200 that says valid: false', answer: json(200, { valid: false }), outcome: 'unknown' },
    {
      says: 'a 503 in the error shape, naming an invalid key',
      answer: json(503, {
        error: { code: 'authentication_failed', message: 'Invalid API key provided', details: 'auth backend down' },
      }),
      outcome: 'unknown',
      reasonIncludes: 'server error',
    },
    { says: 'a redirect', answer: redirect(307), outcome: 'unknown', reasonIncludes: 'redirect' },
  ],
  clipia: [
    {
      says: 'the account answer with a balance',
      answer: json(200, { object: 'account', environment: 'live', balance: 25, currency: 'credits' }),
      outcome: 'valid',
      facts: { balance: 25 },
    },
    {
      says: 'a 401 naming expiry',
      answer: json(401, { error: { code: 'invalid_api_key', message: 'This API key has expired.' } }),
      outcome: 'expired',
    },
    {
      says: "the docs' invalid_api_key",
      answer: json(401, { error: { code: 'invalid_api_key', message: 'Missing, wrong or revoked API key.' } }),
      outcome: 'invalid',
      reasonIncludes: 'clipia_live_',
    },
    {
      says: "the docs' insufficient_scope (a generation only: the read-only verify needs no scope)",
      answer: json(403, {
        error: {
          code: 'insufficient_scope',
          message: 'This key lacks the generate scope.',
          required_scope: 'generate',
        },
      }),
      outcome: 'forbidden',
      reasonIncludes: 'insufficient_scope',
    },
    {
      says: 'a 429',
      answer: json(429, { error: { code: 'rate_limited', message: 'Too many requests' } }),
      outcome: 'rate_limited',
    },
    { says: 'a 200 without a balance', answer: json(200, { object: 'account' }), outcome: 'unknown' },
    { says: 'a 403 of another code', answer: json(403, { error: { code: 'suspended' } }), outcome: 'unknown' },
    {
      says: 'a 500 in the error shape, saying invalid_api_key',
      answer: json(500, { error: { code: 'invalid_api_key', message: 'This API key has expired.' } }),
      outcome: 'unknown',
      reasonIncludes: 'server error',
    },
    { says: 'a redirect', answer: redirect(301), outcome: 'unknown', reasonIncludes: 'redirect' },
  ],
  clodura: [
    {
      says: 'the credits answer',
      answer: json(200, { credits: 1000, plan: 'Starter', daily_used: 1 }),
      outcome: 'valid',
      facts: { credits: 1000, plan: 'Starter' },
    },
    {
      says: 'a 401 naming expiry',
      answer: json(401, { message: 'Invalid API key: this key has expired.' }),
      outcome: 'expired',
    },
    {
      says: 'a 401 for an unknown key',
      answer: json(401, { message: 'Invalid API key.' }),
      outcome: 'invalid',
      reasonIncludes: 'X-API-KEY',
    },
    {
      says: 'a 401 for a missing header',
      answer: json(401, { message: 'Missing API key: set the X-API-KEY header.' }),
      outcome: 'invalid',
    },
    {
      says: 'a 403: the plan does not permit it',
      answer: json(403, { message: 'Your Starter plan does not permit API access.' }),
      outcome: 'forbidden',
      reasonIncludes: 'plan',
    },
    {
      says: "the daily limit's 409",
      answer: json(409, { message: 'Daily limit exceeded.' }),
      outcome: 'quota_exhausted',
      reasonIncludes: 'daily',
    },
    {
      says: 'a 429',
      answer: json(429, { message: 'Rate limit exceeded.' }, { 'retry-after': '1' }),
      outcome: 'rate_limited',
    },
    { says: 'a 200 without credits', answer: json(200, { ok: true }), outcome: 'unknown' },
    {
      says: 'a 503 naming an expired key',
      answer: json(503, { message: 'Invalid API key: this key has expired.' }),
      outcome: 'unknown',
      reasonIncludes: 'server error',
    },
    { says: 'a redirect', answer: redirect(308), outcome: 'unknown', reasonIncludes: 'redirect' },
  ],
  cloro: [
    {
      says: "a 200 JSON answer from the user's verify endpoint",
      answer: json(200, { authenticated: true, plan: 'default', expires_at: null }),
      outcome: 'valid',
      facts: { plan: 'default' },
    },
    {
      says: 'the docs\' "Missing Bearer prefix"',
      answer: json(401, {
        error: 'unauthorized',
        reason: 'missing_bearer_prefix',
        message: 'Missing Bearer prefix: include Bearer before your API key.',
      }),
      outcome: 'invalid',
      reasonIncludes: '401: the Authorization header needs the Bearer prefix',
    },
    {
      says: 'the docs\' "Expired API key"',
      answer: json(401, { error: 'unauthorized', message: 'Expired API key: this key expired.' }),
      outcome: 'expired',
    },
    {
      says: 'the docs\' "Rate limit exceeded" under 401',
      answer: json(
        401,
        { error: 'unauthorized', message: "Rate limit exceeded: you've exceeded your plan's rate limit." },
        { 'retry-after': '4' },
      ),
      outcome: 'rate_limited',
    },
    {
      says: 'the docs\' "Invalid API key"',
      answer: json(401, {
        error: 'unauthorized',
        message: "Invalid API key: check that you're using the correct API key.",
      }),
      outcome: 'invalid',
    },
    { says: 'a 429', answer: json(429, { error: 'too_many_requests' }), outcome: 'rate_limited' },
    {
      says: 'a 200 that is not JSON',
      answer: { status: 200, headers: { 'content-type': 'text/plain' }, body: 'OK', truncated: false },
      outcome: 'unknown',
    },
    {
      says: 'a 503 naming the Bearer prefix',
      answer: json(503, { error: 'unavailable', message: 'Missing Bearer prefix check failed' }),
      outcome: 'unknown',
      reasonIncludes: 'server error',
    },
    { says: 'a redirect', answer: redirect(302), outcome: 'unknown', reasonIncludes: 'redirect' },
  ],
}
