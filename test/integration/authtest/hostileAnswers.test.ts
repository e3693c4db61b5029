// Providers that misbehave, over real TLS against the simulator: a 5xx that quotes a refusal of the
// key, a Retry-After no one should wait for, and a rate-limit answer without Retry-After from a
// provider that documents its own backoff. None may condemn a key or break the next-test date.
import { describe, expect, it } from 'vitest'
import { CONDEMNING_OUTCOMES } from '../../../main/providers/index'
import { simulatedProviders } from '../../simulator/index'
import { useAuthTestBench } from './authTestKit'

const bench = useAuthTestBench()

describe('a server error that reads like a refusal of the key', () => {
  it.each(simulatedProviders)('%s: unknown, not a verdict on the key, sent once', async (provider) => {
    const key = bench.registered(provider, { behaviour: 'server-error-naming-key' })
    const result = await bench.testKey(key)
    expect(bench.simulator.requests.at(-1)).toMatchObject({ status: 503, reason: 'behaviour:server-error-naming-key' })
    expect(result.httpStatus).toBe(503)
    expect(CONDEMNING_OUTCOMES).not.toContain(result.outcome)
    expect(result.outcome).toBe('unknown')
  })
})

describe('a Retry-After of 99999999999999999999 seconds', () => {
  it('is clamped: rate_limited, saying what the provider asked and a next-test date within a day', async () => {
    const key = bench.registered('clipia', { behaviour: 'retry-after-absurd' })
    const before = bench.clock.now()
    const result = await bench.testKey(key, { maxWaitMilliseconds: 60_000 })
    expect(result).toMatchObject({ outcome: 'rate_limited', httpStatus: 429, attempts: 1 })
    expect(result.reason).toMatch(/The provider asked to wait .+; tested again after \d{4}-\d\d-\d\dT/)
    const next = Date.parse(result.nextTestAt!)
    expect(next).toBeGreaterThan(before)
    expect(next).toBeLessThanOrEqual(before + 24 * 3_600_000 + 60_000)
  })
})

describe("AgentClara's documented backoff (1 s, 2 s, 4 s)", () => {
  it('is the least wait when its 429 names no Retry-After, jitter only on top', async () => {
    const key = bench.registered('agentclara', { behaviour: 'rate-limited-no-retry-after', retryAfterSeconds: 2.5 })
    const result = await bench.testKey(key, { tester: bench.newTester({ random: () => 0 }) })
    expect(result).toMatchObject({ outcome: 'valid', attempts: 3 })
    const [first, second, third] = bench.simulator.requests
    expect(first!.status).toBe(429)
    expect(second!.status).toBe(429)
    expect(third!.status).toBe(200)
    expect(second!.at - first!.at).toBe(1_000)
    expect(third!.at - second!.at).toBe(2_000)
  })
})
