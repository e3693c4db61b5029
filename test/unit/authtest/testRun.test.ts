// "Test all": many keys at once, each within its own limits, the most constrained first, a cap on
// requests in flight, progress as it goes, and a cancel that stops sending at once.
import { describe, expect, it } from 'vitest'
import {
  AuthTester,
  leastTimeFor,
  runTests,
  type HttpsRequest,
  type KeyUnderTest,
  type ProviderAnswer,
  type TestRunItem,
  type TestRunProgress,
  type Transport,
} from '../../../main/authtest/index'
import { findProvider } from '../../../main/providers/index'
import { VirtualClock } from './virtualClock'

const settings = { baseUrl: null, extraCa: null }
const json = (status: number, body: unknown): ProviderAnswer => ({
  status,
  headers: {},
  body: JSON.stringify(body),
  truncated: false,
})

/** Answers every provider's valid body after a short real delay, and counts requests in flight. */
class FakeProviders implements Transport {
  readonly sent: { host: string; key: string; at: number }[] = []
  inFlight = 0
  maxInFlight = 0
  constructor(private readonly clock: VirtualClock) {}
  async send(request: HttpsRequest): Promise<ProviderAnswer> {
    const key = request.headers['X-API-KEY'] ?? request.headers.Authorization!.replace(/^Bearer /, '')
    this.sent.push({ host: request.url.hostname, key, at: this.clock.now() })
    this.inFlight += 1
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    await new Promise((resolve) => setTimeout(resolve, 2))
    this.inFlight -= 1
    if (request.url.hostname === 'api.clodura.ai') return json(200, { credits: 10 })
    if (request.url.hostname === 'app.airclou.com') return json(200, { valid: true })
    return json(200, { success: true, data: [] })
  }
}

const keyOf = (id: string, provider: string | null, fields: Partial<KeyUnderTest> = {}): KeyUnderTest => ({
  id,
  name: id,
  value: `value-of-${id}`,
  provider,
  plan: null,
  authScheme: null,
  verifyUrl: null,
  ...fields,
})
const itemOf = (key: KeyUnderTest): TestRunItem => ({
  key,
  provider: key.provider ? findProvider(key.provider) : undefined,
  settings,
})
const setup = () => {
  const clock = new VirtualClock()
  const transport = new FakeProviders(clock)
  return { clock, transport, tester: new AuthTester({ clock, transport }) }
}

describe('leastTimeFor', () => {
  it('is the time the last of n tests can go under the limits', () => {
    expect(leastTimeFor({}, 5)).toBe(0)
    expect(leastTimeFor({ perSecond: 1, perMinute: 10 }, 5)).toBe(4_000)
    expect(leastTimeFor({ perSecond: 1, perMinute: 10 }, 11)).toBe(60_000)
    expect(leastTimeFor({ perSecond: 10 }, 25)).toBe(2_000)
    expect(leastTimeFor({ perSecond: 1 }, 1)).toBe(0)
  })
})

describe('runTests', () => {
  it("tests every key and answers in the items' order, with outcome counts", async () => {
    const { tester } = setup()
    const items = [itemOf(keyOf('a', 'airclou')), itemOf(keyOf('b', 'clodura')), itemOf(keyOf('c', 'agentclara'))]
    const summary = await runTests(tester, items)
    expect(summary.canceled).toBe(false)
    expect(summary.entries.map((entry) => entry.status === 'tested' && entry.result.outcome)).toEqual([
      'valid',
      'valid',
      'valid',
    ])
    expect(summary.progress).toMatchObject({ total: 3, done: 3, notTested: 0, inFlight: 0, waitingUntil: null })
    expect(summary.progress.counts.valid).toBe(3)
  })

  it('settles keys it cannot test at once, with the reason, and tests the rest', async () => {
    const { tester, transport } = setup()
    const items = [
      itemOf(keyOf('none', null)),
      itemOf(keyOf('acme', 'acme')),
      itemOf(keyOf('empty', 'airclou', { value: '' })),
      itemOf(keyOf('ok', 'airclou')),
    ]
    const summary = await runTests(tester, items)
    expect(summary.entries.slice(0, 3).map((entry) => entry.status === 'not_tested' && entry.error.code)).toEqual([
      'not_testable',
      'not_testable',
      'not_testable',
    ])
    expect(summary.entries[3]).toMatchObject({ status: 'tested', result: { outcome: 'valid' } })
    expect(summary.progress).toMatchObject({ done: 4, notTested: 3 })
    expect(transport.sent).toHaveLength(1)
  })

  it("runs a key's rounds in order within its plan, and starts the most constrained key first", async () => {
    const { tester, transport } = setup()
    const starter = keyOf('starter', 'clodura', { plan: 'starter' })
    const free = keyOf('agent', 'agentclara')
    const items = [free, free, free, starter, starter, starter].map(itemOf)
    const summary = await runTests(tester, items, { concurrency: 1 })
    expect(summary.progress.counts.valid).toBe(6)
    expect(transport.sent[0]!.key).toBe('value-of-starter')
    const starterTimes = transport.sent.filter((entry) => entry.key === 'value-of-starter').map((entry) => entry.at)
    expect(starterTimes[1]! - starterTimes[0]!).toBeGreaterThanOrEqual(1_000)
    expect(starterTimes[2]! - starterTimes[1]!).toBeGreaterThanOrEqual(1_000)
    // The unconstrained key's tests went while the Starter key waited for its window.
    const agentTimes = transport.sent.filter((entry) => entry.key === 'value-of-agent').map((entry) => entry.at)
    expect(agentTimes.every((time) => time < starterTimes[1]!)).toBe(true)
  })

  it('keeps at most `concurrency` requests in flight, and one per key', async () => {
    const { tester, transport } = setup()
    const keys = Array.from({ length: 30 }, (_, index) => keyOf(`k${index}`, 'airclou'))
    await runTests(tester, [...keys, ...keys].map(itemOf), { concurrency: 4 })
    expect(transport.sent).toHaveLength(60)
    expect(transport.maxInFlight).toBe(4)
  })

  it('reports progress, and when it waits for limits, until when', async () => {
    const { tester } = setup()
    const starter = keyOf('starter', 'clodura', { plan: 'starter' })
    const reports: TestRunProgress[] = []
    await runTests(tester, [starter, starter].map(itemOf), { onProgress: (progress) => reports.push(progress) })
    expect(reports[0]).toMatchObject({ total: 2, done: 0 })
    expect(reports.some((progress) => progress.waitingUntil !== null)).toBe(true)
    expect(reports.at(-1)).toMatchObject({ done: 2, waitingUntil: null })
    const dones = reports.map((progress) => progress.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
  })

  it('gives up on a key held back past the longest wait (a used-up day), and says until when', async () => {
    const { tester, clock, transport } = setup()
    const free = keyOf('free', 'clodura', { plan: 'free' })
    tester.windows.seed(
      'free',
      Array.from({ length: 300 }, (_, index) => clock.now() - 3_600_000 + index),
    )
    const summary = await runTests(tester, [free, free, keyOf('ok', 'airclou')].map(itemOf), {
      maxWaitMilliseconds: 60_000,
    })
    expect(summary.entries[0]).toMatchObject({
      status: 'not_tested',
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(
          /^Held back to stay within Clodura's limits for this key: the next test is possible at 2026-11-23T08:00:00\.025Z\.$/,
        ),
      },
    })
    expect(summary.entries[1]!.status).toBe('not_tested')
    expect(transport.sent.map((entry) => entry.key)).toEqual(['value-of-ok'])
  })

  it('hands each entry over as soon as it is known', async () => {
    const { tester } = setup()
    const seen: number[] = []
    await runTests(tester, [keyOf('a', 'airclou'), keyOf('b', null)].map(itemOf), {
      onEntry: (index) => seen.push(index),
    })
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1])
  })

  it('stops when canceled: no new request, the rest marked canceled', async () => {
    const { tester, transport } = setup()
    const starter = keyOf('starter', 'clodura', { plan: 'starter' })
    const controller = new AbortController()
    const items = Array.from({ length: 5 }, () => itemOf(starter))
    const summary = await runTests(tester, items, {
      signal: controller.signal,
      onEntry: (index) => {
        if (index === 1) controller.abort(new Error('canceled'))
      },
    })
    expect(summary.canceled).toBe(true)
    expect(summary.entries.map((entry) => entry.status)).toEqual([
      'tested',
      'tested',
      'canceled',
      'canceled',
      'canceled',
    ])
    expect(transport.sent).toHaveLength(2)
    expect(summary.progress.done).toBe(2)
  })
})
