// The limiter behind every 429 and 409: sliding windows per key, refusals that do not count, the UTC
// day, the floor a benchmark compares its time with, and exact counts under concurrent requests.
import https from 'node:https'
import { describe, expect, it } from 'vitest'
import {
  cloduraPlanLimits,
  rateLimitFloorMilliseconds,
  requestProvider,
  simulatedProviders,
} from '../../simulator/index'
import { KeyRateWindows } from '../../simulator/rateLimits'
import { fakeKeys } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { authHeadersFor, newKeyFor } from './providerKeys'
import { useSimulator } from './simulatorTestKit'

const start = Date.UTC(2026, 10, 22, 9, 0, 0)

describe('KeyRateWindows', () => {
  it('slides: a slot frees exactly a window after the request that took it', () => {
    const windows = new KeyRateWindows({ perMinute: 2 }, start)
    expect(windows.admit(start).admitted).toBe(true)
    expect(windows.admit(start + 30_000).admitted).toBe(true)
    expect(windows.admit(start + 59_999)).toEqual({ admitted: false, window: 'minute', limit: 2, retryAfterSeconds: 1 })
    expect(windows.admit(start + 60_000).admitted).toBe(true)
    expect(windows.admit(start + 60_001)).toMatchObject({ admitted: false, retryAfterSeconds: 30 })
  })

  it('does not count refused requests, so hammering never lengthens the wait', () => {
    const windows = new KeyRateWindows({ perSecond: 1 }, start)
    windows.admit(start)
    for (let offset = 1; offset < 1000; offset += 50) expect(windows.admit(start + offset).admitted).toBe(false)
    expect(windows.admit(start + 1000).admitted).toBe(true)
  })

  it('counts the day in UTC and starts again at midnight', () => {
    const windows = new KeyRateWindows(cloduraPlanLimits.Lifetime, start, 299)
    expect(windows.admit(start).admitted).toBe(true)
    const midnight = Date.UTC(2026, 10, 23)
    expect(windows.admit(start + 5000)).toEqual({
      admitted: false,
      window: 'day',
      limit: 300,
      retryAfterSeconds: (midnight - start - 5000) / 1000,
    })
    expect(windows.admit(midnight).admitted).toBe(true)
    expect(windows.requestsToday).toBe(1)
  })

  it('holds AgentClara standard keys to 1,000 a minute', () => {
    const windows = new KeyRateWindows({ perMinute: 1000 }, start)
    for (let index = 0; index < 1000; index += 1) expect(windows.admit(start + index).admitted).toBe(true)
    expect(windows.admit(start + 1000)).toMatchObject({ admitted: false, window: 'minute' })
  })
})

describe('rateLimitFloorMilliseconds', () => {
  it('is the time of the last request when each goes as soon as every window allows', () => {
    expect(rateLimitFloorMilliseconds(cloduraPlanLimits.Starter, 1)).toBe(0)
    expect(rateLimitFloorMilliseconds(cloduraPlanLimits.Starter, 10)).toBe(9000)
    expect(rateLimitFloorMilliseconds(cloduraPlanLimits.Starter, 11)).toBe(60_000)
    expect(rateLimitFloorMilliseconds(cloduraPlanLimits.MAX, 101)).toBe(60_000)
    expect(rateLimitFloorMilliseconds({ perSecond: 3, perMinute: 5 }, 9)).toBe(61_000)
    expect(rateLimitFloorMilliseconds(cloduraPlanLimits.Lifetime, 301)).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('the simulator under concurrent requests', () => {
  const clock = new ManualClock(start)
  const session = useSimulator({ clock })

  it('admits exactly what each plan allows and refuses the rest, per key', async () => {
    const { simulator } = session
    const starter = fakeKeys.clodura()
    const max = fakeKeys.clodura()
    simulator.registerKey('clodura', { value: starter, plan: 'Starter' })
    simulator.registerKey('clodura', { value: max, plan: 'MAX' })
    await Promise.all(
      [starter, max].flatMap((key) =>
        Array.from({ length: 20 }, () => requestProvider(simulator, 'clodura', { headers: { 'X-API-KEY': key } })),
      ),
    )
    expect(simulator.statusCounts().clodura).toEqual({ '200': 11, '429': 29 })
    const admittedPerKey = new Map<string, number>()
    for (const request of simulator.requests.filter((entry) => entry.status === 200)) {
      const id = request.credential.fingerprint!.sha256
      admittedPerKey.set(id, (admittedPerKey.get(id) ?? 0) + 1)
    }
    expect([...admittedPerKey.values()].sort((a, b) => a - b)).toEqual([1, 10])
  })

  it('answers 200 keys across the five providers at once, each exactly once', async () => {
    const { simulator } = session
    const keys = Array.from({ length: 200 }, (_, index) => {
      const provider = simulatedProviders[index % simulatedProviders.length]!
      const value = newKeyFor[provider]()
      simulator.registerKey(provider, { value })
      return { provider, value }
    })
    // Reused connections, as a real client's agent would: fresh TLS handshakes cost ~8 ms each here.
    const agent = new https.Agent({ keepAlive: true, maxSockets: 10 })
    const answers = await Promise.all(
      keys.map(({ provider, value }) =>
        requestProvider(simulator, provider, { headers: authHeadersFor(provider, value), agent }),
      ),
    ).finally(() => agent.destroy())
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(simulator.requests).toHaveLength(200)
    for (const provider of simulatedProviders) expect(simulator.statusCounts()[provider]).toEqual({ '200': 40 })
  })
})
