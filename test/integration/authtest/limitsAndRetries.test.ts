// Limits and retries against the simulator's real windows: Clodura's plan table kept with zero 429s,
// the daily 409, Retry-After in both forms, at most two retries with full jitter, and no retry of a
// 401, 403 or 409 (counted in the simulator's log).
import { describe, expect, it } from 'vitest'
import { AuthTester, HttpsTransport, runTests, type HttpsRequest, type Transport } from '../../../main/authtest/index'
import { findProvider } from '../../../main/providers/index'
import {
  cloduraPlanLimits,
  fingerprintSecret,
  rateLimitFloorMilliseconds,
  requestProvider,
  startProviderSimulator,
  type CloduraPlan,
} from '../../simulator/index'
import { VirtualClock } from '../../unit/authtest/virtualClock'
import { useAuthTestBench } from './authTestKit'

// Airclou publishes no limits; here the simulator holds its keys to 1 request a second so a key
// shared with another app keeps being refused.
const bench = useAuthTestBench({ limits: { airclou: { default: { perSecond: 1, perMinute: 100 } } } })

const planIds: Record<CloduraPlan, string> = {
  MAX: 'max',
  PayG: 'payg',
  Professional: 'professional',
  Enterprise: 'enterprise',
  'Prospect Pro': 'prospect-pro',
  Prospect: 'prospect',
  Starter: 'starter',
  Lifetime: 'lifetime',
  Basic: 'basic',
  'Default / Free Forever': 'free',
}

const countIn = (times: number[], span: number): number =>
  Math.max(...times.map((start) => times.filter((time) => time >= start && time < start + span).length))

describe("Clodura's plan limits", () => {
  it('are kept for every plan of the table, past the per-minute window, with zero 429s', async () => {
    const tester = bench.newTester()
    const keys = (Object.keys(cloduraPlanLimits) as CloduraPlan[]).map((plan) => ({
      plan,
      key: bench.registered('clodura', { plan }, { plan: planIds[plan] }),
      rounds: cloduraPlanLimits[plan].perMinute + 2,
    }))
    // One plan at a time: the virtual clock jumps to the next timer, so keys waiting in parallel
    // would move each other's time. (The benchmark runs them all at once, on the real clock.)
    let total = 0
    for (const { key, rounds } of keys) {
      const items = Array.from({ length: rounds }, () => ({
        key,
        provider: findProvider('clodura'),
        settings: bench.settingsFor('clodura'),
      }))
      const summary = await runTests(tester, items, { concurrency: 10 })
      expect(summary.progress.counts.valid).toBe(rounds)
      total += rounds
    }
    expect(bench.simulator.statusCounts().clodura).toEqual({ '200': total })
    for (const { plan, key, rounds } of keys) {
      const times = bench.simulator.requests
        .filter((record) => record.credential.fingerprint?.sha256 === fingerprintOf(key.value))
        .map((record) => record.at)
      const limits = cloduraPlanLimits[plan]
      expect(times, plan).toHaveLength(rounds)
      expect(countIn(times, 1_000), plan).toBeLessThanOrEqual(limits.perSecond)
      expect(countIn(times, 60_000), plan).toBeLessThanOrEqual(limits.perMinute)
      // Close to what the limits allow at best: the margin per request, no idle minute.
      const span = times.at(-1)! - times[0]!
      expect(span, plan).toBeGreaterThanOrEqual(rateLimitFloorMilliseconds(limits, rounds))
      expect(span, plan).toBeLessThan(rateLimitFloorMilliseconds(limits, rounds) + 1_000)
    }
  })

  it('the daily limit: the 409 is quota_exhausted, sent once; a day used up in the history is never sent', async () => {
    const key = bench.registered('clodura', { plan: 'Starter', dailyUsed: 599 }, { plan: 'starter' })
    const tester = bench.newTester()
    expect((await bench.testKey(key, { tester })).outcome).toBe('valid')
    const exhausted = await bench.testKey(key, { tester })
    expect(exhausted).toMatchObject({ outcome: 'quota_exhausted', httpStatus: 409, attempts: 1, nextTestAt: null })
    expect(bench.simulator.requests.map((record) => record.status)).toEqual([200, 409])

    // After a restart, the vault's history seeds the windows: 300 requests today on Free.
    const free = bench.registered('clodura', {}, { plan: 'free' })
    const restarted = bench.newTester()
    restarted.windows.seed(
      free.id,
      Array.from({ length: 300 }, (_, index) => bench.clock.now() - 7_200_000 + index * 1_100),
    )
    await expect(bench.testKey(free, { tester: restarted, maxWaitMilliseconds: 60_000 })).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(
        /^Held back to stay within Clodura's limits for this key: the next test is possible in \d+ h\.$/,
      ),
    })
    expect(bench.simulator.requests).toHaveLength(2)
  })
})

describe('Retry-After', () => {
  it('in seconds: waits what it says plus full jitter, then succeeds', async () => {
    const key = bench.registered('clipia', { behaviour: 'retry-after-seconds', retryAfterSeconds: 2 })
    const result = await bench.testKey(key, { tester: bench.newTester({ random: () => 1 }) })
    expect(result).toMatchObject({ outcome: 'valid', attempts: 2, facts: { balance: 25 } })
    const [first, second] = bench.simulator.requests
    expect(first!.status).toBe(429)
    expect(first!.reason).toBe('behaviour:retry-after-seconds')
    expect(second!.at - first!.at).toBe(2_000 + 500)
  })

  it("as an HTTP date: waits until that date (counted from the answer's Date), then succeeds", async () => {
    const key = bench.registered('agentclara', { behaviour: 'retry-after-date', retryAfterSeconds: 3 })
    const result = await bench.testKey(key, { tester: bench.newTester({ random: () => 0 }) })
    expect(result).toMatchObject({ outcome: 'valid', attempts: 2 })
    const [first, second] = bench.simulator.requests
    expect(first!.status).toBe(429)
    expect(second!.status).toBe(200)
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(3_000)
    expect(second!.at - first!.at).toBeLessThanOrEqual(4_000)
  })

  it('is retried at most twice, with full jitter drawn from the injected random source', async () => {
    // Another app uses the same key just before each of Keyward's attempts, so each one is refused.
    const key = bench.registered('airclou')
    const inner = bench.transport
    const sharedKey: Transport = {
      async send(request: HttpsRequest) {
        await requestProvider(bench.simulator, 'airclou', {
          headers: { Authorization: `Bearer ${key.value}`, 'User-Agent': 'other-app' },
          ca: bench.simulator.caCertificatePem,
        })
        return inner.send(request)
      },
    }
    const draws = [0.2, 0.8]
    const tester = new AuthTester({ clock: bench.clock, transport: sharedKey, random: () => draws.shift() ?? 0 })
    const result = await tester.test(key, findProvider('airclou'), bench.settingsFor('airclou'), {
      maxWaitMilliseconds: 60_000,
    })
    expect(result).toMatchObject({ outcome: 'rate_limited', attempts: 3, httpStatus: 429 })
    expect(result.reason).toMatch(/^429: too many requests\. Next test possible in \d+ s\.$/)
    const ours = bench.simulator.requests.filter((record) => record.headers['user-agent']?.startsWith('Keyward'))
    expect(ours.map((record) => record.status)).toEqual([429, 429, 429])
    expect(ours[1]!.at - ours[0]!.at).toBe(1_000 + 0.2 * 500)
    expect(ours[2]!.at - ours[1]!.at).toBe(1_000 + 0.8 * 1_000)
  })
})

describe('answers never retried', () => {
  it.each([
    ['401 (unknown key)', () => bench.keyFor('clipia'), 'invalid', 401],
    ['403 (plan forbids)', () => bench.registered('clodura', { apiAccess: false }), 'forbidden', 403],
    ['409 (daily limit)', () => bench.registered('clodura', { dailyUsed: 300 }), 'quota_exhausted', 409],
    [
      "401 (Cloro's rate limit, with Retry-After)",
      () => bench.registered('cloro', { behaviour: 'retry-after-seconds', retryAfterSeconds: 5 }),
      'rate_limited',
      401,
    ],
  ] as const)('%s: one request, one answer', async (_case, makeKey, outcome, status) => {
    const result = await bench.testKey(makeKey())
    expect(result).toMatchObject({ outcome, httpStatus: status, attempts: 1 })
    expect(bench.simulator.requests).toHaveLength(1)
  })

  it("Cloro's rate-limit 401 says when to test again, and the next test waits for it", async () => {
    const key = bench.registered('cloro', { behaviour: 'retry-after-seconds', retryAfterSeconds: 5 })
    const tester = bench.newTester({ random: () => 0 })
    const result = await bench.testKey(key, { tester })
    expect(result.reason).toBe("401: Cloro says the plan's rate limit was exceeded. Next test possible in 5 s.")
    expect(Date.parse(result.nextTestAt!)).toBe(bench.clock.now() + 5_000)
    expect((await bench.testKey(key, { tester })).outcome).toBe('valid')
    const [first, second] = bench.simulator.requests
    expect(second!.at - first!.at).toBe(5_000)
  })
})

describe('a Cloro that answers 429 instead of 401', () => {
  it('is retried like any 429', async () => {
    const clock = new VirtualClock()
    const simulator = await startProviderSimulator({ clock, cloroRateLimitStatus: 429 })
    const transport = new HttpsTransport()
    try {
      const value = 'c'.repeat(48)
      simulator.registerKey('cloro', { value, behaviour: 'retry-after-seconds', retryAfterSeconds: 1 })
      const tester = new AuthTester({ clock, transport, random: () => 0 })
      const key = {
        id: 'c',
        name: 'cloro',
        value,
        provider: 'cloro',
        plan: null,
        authScheme: null,
        verifyUrl: 'https://api.cloro.dev/v1/me',
      }
      const result = await tester.test(
        key,
        findProvider('cloro'),
        { baseUrl: simulator.baseUrls.cloro, extraCa: simulator.caCertificatePem },
        { maxWaitMilliseconds: 10_000 },
      )
      expect(result).toMatchObject({ outcome: 'valid', attempts: 2 })
      expect(simulator.requests.map((record) => record.status)).toEqual([429, 200])
    } finally {
      transport.close()
      await simulator.close()
    }
  })
})

const fingerprintOf = (value: string): string => fingerprintSecret(value).sha256
