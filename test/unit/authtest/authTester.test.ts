// One key's test with a scripted provider: the request sent, retries on 429 (Retry-After or the
// documented backoff, jitter on top, at most two; an absurd Retry-After clamped), no retry on 401/403/409, waits within the plan, cancel, and network failures.
import { describe, expect, it, vi } from 'vitest'
import {
  AuthTester,
  NetworkFailure,
  WINDOW_MARGIN_MILLISECONDS as MARGIN,
  type HttpsRequest,
  type KeyUnderTest,
  type ProviderAnswer,
  type Transport,
} from '../../../main/authtest/index'
import { KeywardError } from '../../../main/common/errors'
import { findProvider } from '../../../main/providers/index'
import { ManualClock } from '../../support/manualClock'
import { VirtualClock } from './virtualClock'

type Step = ProviderAnswer | Error | ((request: HttpsRequest) => Promise<ProviderAnswer>)

class ScriptedTransport implements Transport {
  readonly sent: { request: HttpsRequest; at: number }[] = []
  constructor(
    private readonly clock: { now(): number },
    private readonly steps: Step[],
  ) {}
  async send(request: HttpsRequest): Promise<ProviderAnswer> {
    this.sent.push({ request, at: this.clock.now() })
    const step = this.steps.length > 1 ? this.steps.shift()! : this.steps[0]!
    if (step instanceof Error) throw step
    if (typeof step === 'function') return step(request)
    return step
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ProviderAnswer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
  truncated: false,
})
const settings = { baseUrl: null, extraCa: null }
const keyOf = (provider: string, fields: Partial<KeyUnderTest> = {}): KeyUnderTest => ({
  id: `${provider}-1`,
  name: `${provider} key`,
  value: 'the-key-value-0123456789',
  provider,
  plan: null,
  authScheme: null,
  verifyUrl: provider === 'cloro' ? 'https://api.cloro.example/v1/me' : null,
  ...fields,
})
const setup = (steps: Step[], random = () => 0.5) => {
  const clock = new VirtualClock()
  const transport = new ScriptedTransport(clock, steps)
  const tester = new AuthTester({ clock, transport, random })
  const test = (key: KeyUnderTest, maxWaitMilliseconds = 120_000, signal?: AbortSignal) =>
    tester.test(key, findProvider(key.provider!), settings, { maxWaitMilliseconds, signal })
  return { clock, transport, tester, test }
}

const airclouValid = json(200, { valid: true, key_id: 'key_1', permissions: ['read'], expires_at: null })
const airclou429 = (retryAfter: string) =>
  json(429, { error: { code: 'rate_limit_exceeded' } }, { 'retry-after': retryAfter })

describe('AuthTester', () => {
  it('sends the planned request and returns the classified answer with facts and latency', async () => {
    const { transport, test, clock } = setup([airclouValid])
    const result = await test(keyOf('airclou'))
    expect(result).toMatchObject({
      outcome: 'valid',
      reason: 'Airclou accepted the key.',
      httpStatus: 200,
      attempts: 1,
      facts: { keyId: 'key_1', permissions: ['read'] },
      nextTestAt: null,
      testedAt: new Date(clock.now()).toISOString(),
    })
    expect(result.latencyMilliseconds).toBeGreaterThanOrEqual(0)
    expect(transport.sent).toHaveLength(1)
    expect(transport.sent[0]!.request.url.href).toBe('https://app.airclou.com/playbook/api/v1/auth/verify')
    expect(transport.sent[0]!.request.headers.Authorization).toBe('Bearer the-key-value-0123456789')
  })

  it('retries a 429 after Retry-After plus full jitter, and stops at the answer that is not a 429', async () => {
    const { transport, test, clock } = setup([airclou429('2'), airclou429('3'), airclouValid], () => 1)
    const result = await test(keyOf('airclou'))
    expect(result).toMatchObject({ outcome: 'valid', attempts: 3 })
    const gaps = transport.sent.slice(1).map((entry, index) => entry.at - transport.sent[index]!.at)
    // Retry-After, plus random × 500 ms on the first retry and random × 1000 ms on the second.
    expect(gaps).toEqual([2_000 + 500, 3_000 + 1_000])
    expect(clock.waits).toEqual([2_500, 4_000])
  })

  it('draws the jitter from the injected random source (0 → exactly Retry-After)', async () => {
    const { transport, test } = setup([airclou429('1'), airclouValid], () => 0)
    await test(keyOf('airclou'))
    expect(transport.sent[1]!.at - transport.sent[0]!.at).toBe(1_000)
  })

  it('honours Retry-After given as an HTTP date', async () => {
    const clock = new VirtualClock()
    const date = new Date(clock.now() + 4_000).toUTCString()
    const transport = new ScriptedTransport(clock, [airclou429(date), airclouValid])
    const tester = new AuthTester({ clock, transport, random: () => 0 })
    await tester.test(keyOf('airclou'), findProvider('airclou'), settings, { maxWaitMilliseconds: 60_000 })
    expect(transport.sent[1]!.at - transport.sent[0]!.at).toBe(4_000)
  })

  it('retries with jitter alone when a 429 carries no Retry-After', async () => {
    const { transport, test } = setup([json(429, { error: { code: 'rate_limit_exceeded' } }), airclouValid], () => 0.25)
    await test(keyOf('airclou'))
    expect(transport.sent[1]!.at - transport.sent[0]!.at).toBe(125)
  })

  it('gives up after two retries and says when the next test is possible', async () => {
    const { transport, test, clock } = setup([airclou429('2')], () => 0)
    const result = await test(keyOf('airclou'))
    expect(transport.sent).toHaveLength(3)
    expect(result).toMatchObject({ outcome: 'rate_limited', attempts: 3, httpStatus: 429 })
    expect(result.reason).toBe('429: too many requests. Next test possible in 2 s.')
    expect(Date.parse(result.nextTestAt!)).toBe(clock.now() + 2_000)
  })

  it('does not wait for a Retry-After longer than the caller allows', async () => {
    const { transport, test, clock } = setup([airclou429('3600')])
    const result = await test(keyOf('airclou'), 5_000)
    expect(transport.sent).toHaveLength(1)
    expect(result.outcome).toBe('rate_limited')
    expect(result.reason).toMatch(/Next test possible in 61 min\.$/)
    expect(Date.parse(result.nextTestAt!)).toBeGreaterThanOrEqual(clock.now() + 3_600_000)
  })

  describe("the provider's documented backoff (AgentClara: 1 s, 2 s, 4 s)", () => {
    const agentclara429 = json(429, { success: false, error: 'Rate limited', status: 429 })
    const agentclara429In200 = json(200, { success: false, error: 'Rate limited', status: 429 })
    const agentclaraValid = json(200, { success: true, data: [] })

    it.each([
      ['a 429 without Retry-After', agentclara429],
      ['the 429 body sent with HTTP 200', agentclara429In200],
    ])('waits at least 1 s, then 2 s, with jitter on top: %s', async (_says, limited) => {
      for (const [draw, expected] of [
        [0, [1_000, 2_000]],
        [1, [1_500, 3_000]],
      ] as const) {
        const { transport, test } = setup([limited, limited, agentclaraValid], () => draw)
        expect(await test(keyOf('agentclara'))).toMatchObject({ outcome: 'valid', attempts: 3 })
        const gaps = transport.sent.slice(1).map((entry, index) => entry.at - transport.sent[index]!.at)
        expect(gaps).toEqual(expected)
      }
    })

    it('keeps the documented wait when Retry-After asks for less, and Retry-After when it asks for more', async () => {
      const { transport, test } = setup(
        [
          json(429, { status: 429 }, { 'retry-after': '0' }),
          json(429, { status: 429 }, { 'retry-after': '5' }),
          agentclaraValid,
        ],
        () => 0,
      )
      await test(keyOf('agentclara'))
      const gaps = transport.sent.slice(1).map((entry, index) => entry.at - transport.sent[index]!.at)
      expect(gaps).toEqual([1_000, 5_000])
    })
  })

  describe('a Retry-After past a day', () => {
    it.each(['99999999999999999999', '9'.repeat(400), String(86_400 * 365)])(
      'is clamped at 24 h, and the outcome says so: %s',
      async (retryAfter) => {
        const { transport, test, clock } = setup([airclou429(retryAfter)], () => 0)
        const result = await test(keyOf('airclou'))
        expect(transport.sent).toHaveLength(1)
        const nextTestAt = clock.now() + 86_400_000
        expect(result).toMatchObject({
          outcome: 'rate_limited',
          attempts: 1,
          nextTestAt: new Date(nextTestAt).toISOString(),
        })
        expect(result.reason).toMatch(
          /^429: too many requests\. The provider asked to wait (more than 100 years|365 days); tested again after 2026-11-23T09:00:00\.000Z\.$/,
        )
      },
    )

    it('as an HTTP date years ahead', async () => {
      const { test, clock } = setup([airclou429('Fri, 31 Dec 9999 23:59:59 GMT')], () => 0)
      const result = await test(keyOf('airclou'))
      expect(Date.parse(result.nextTestAt!)).toBe(clock.now() + 86_400_000)
      expect(result.reason).toMatch(/The provider asked to wait more than 100 years; tested again after /)
    })
  })

  it.each([
    [
      '401',
      'airclou',
      json(401, { error: { code: 'authentication_failed', message: 'Invalid API key provided' } }),
      'invalid',
    ],
    ['403', 'airclou', json(403, { error: { code: 'insufficient_permissions' } }), 'forbidden'],
    ['409', 'clodura', json(409, { message: 'Daily limit exceeded.' }), 'quota_exhausted'],
    [
      "Cloro's rate-limit 401",
      'cloro',
      json(401, { message: 'Rate limit exceeded' }, { 'retry-after': '4' }),
      'rate_limited',
    ],
  ] as const)('never retries a %s', async (_status, provider, answer, outcome) => {
    const { transport, test } = setup([answer])
    const result = await test(keyOf(provider))
    expect(transport.sent).toHaveLength(1)
    expect(result).toMatchObject({ outcome, attempts: 1 })
  })

  it('holds the next test of a key rate-limited with a 401 until its Retry-After has passed', async () => {
    const { tester, clock } = setup([json(401, { message: 'Rate limit exceeded' }, { 'retry-after': '4' })], () => 0)
    const result = await tester.test(keyOf('cloro'), findProvider('cloro'), settings, { maxWaitMilliseconds: 0 })
    expect(result.reason).toBe("401: Cloro says the plan's rate limit was exceeded. Next test possible in 4 s.")
    expect(tester.nextSlot(keyOf('cloro'), findProvider('cloro'), settings)).toBe(clock.now() + 4_000)
  })

  it("waits for the plan's window, and refuses when the wait is longer than allowed", async () => {
    const { transport, test, clock } = setup([json(200, { credits: 5 })])
    const starter = keyOf('clodura', { plan: 'starter' })
    await test(starter)
    await test(starter)
    expect(transport.sent[1]!.at - transport.sent[0]!.at).toBe(1_000 + MARGIN)
    const error = await test(starter, 500).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(KeywardError)
    expect(error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(
        /^Held back to stay within Clodura's limits for this key: the next test is possible in 2 s\.$/,
      ),
    })
    expect(transport.sent).toHaveLength(2)
    expect(clock.now()).toBe(transport.sent[1]!.at)
  })

  it('runs two tests of one key one after the other, each within the limits', async () => {
    const { transport, test } = setup([json(200, { credits: 5 })])
    const starter = keyOf('clodura', { plan: 'starter' })
    await Promise.all([test(starter), test(starter), test(starter)])
    const times = transport.sent.map((entry) => entry.at)
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1_000)
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1_000)
  })

  it('turns a network failure into network_error with its words', async () => {
    const { test } = setup([new NetworkFailure('timeout', 'No answer from app.airclou.com within 10 s.')])
    expect(await test(keyOf('airclou'))).toMatchObject({
      outcome: 'network_error',
      reason: 'No answer from app.airclou.com within 10 s.',
      httpStatus: null,
      attempts: 1,
    })
  })

  it('throws not_testable before sending anything for a key it cannot test', async () => {
    const { transport, test } = setup([airclouValid])
    await expect(test(keyOf('airclou', { value: '' }))).rejects.toMatchObject({ code: 'not_testable' })
    expect(transport.sent).toHaveLength(0)
  })

  it('stops a wait when canceled, and sends nothing more', async () => {
    const clock = new ManualClock()
    const transport = new ScriptedTransport(clock, [airclou429('30')])
    const tester = new AuthTester({ clock, transport, random: () => 0 })
    const controller = new AbortController()
    const reason = new Error('canceled by the user')
    const pending = tester.test(keyOf('airclou'), findProvider('airclou'), settings, {
      maxWaitMilliseconds: 60_000,
      signal: controller.signal,
    })
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1))
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
    clock.advance(60_000)
    expect(transport.sent).toHaveLength(1)
    expect(clock.pendingTimers).toBe(0)
  })

  it('stops a test queued behind another test of the same key when canceled', async () => {
    const clock = new ManualClock()
    const transport = new ScriptedTransport(clock, [json(200, { credits: 1 })])
    const tester = new AuthTester({ clock, transport })
    const starter = keyOf('clodura', { plan: 'starter' })
    await tester.test(starter, findProvider('clodura'), settings, { maxWaitMilliseconds: 0 })
    const first = tester.test(starter, findProvider('clodura'), settings, { maxWaitMilliseconds: 5_000 })
    const controller = new AbortController()
    const second = tester.test(starter, findProvider('clodura'), settings, {
      maxWaitMilliseconds: 5_000,
      signal: controller.signal,
    })
    controller.abort(new Error('stop'))
    await expect(second).rejects.toThrow('stop')
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1))
    clock.advance(2_000)
    await expect(first).resolves.toMatchObject({ outcome: 'valid' })
    expect(transport.sent).toHaveLength(2)
  })

  it('passes the signal to the transport', async () => {
    const { transport, tester } = setup([airclouValid])
    const controller = new AbortController()
    await tester.test(keyOf('airclou'), findProvider('airclou'), settings, {
      maxWaitMilliseconds: 0,
      signal: controller.signal,
    })
    expect(transport.sent[0]!.request.signal).toBe(controller.signal)
  })
})
