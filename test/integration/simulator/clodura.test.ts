// Clodura, to the letter of its docs: X-API-KEY, 401/403 {"message"}, 429 past the per-second or
// per-minute limit of the key's plan, 409 once the day's limit is spent, and GET /api/v1/credits.
import { describe, expect, it } from 'vitest'
import { cloduraPlanLimits, requestProvider, type SimulatorRequestOptions } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { useSimulator } from './simulatorTestKit'

const clock = new ManualClock()
const session = useSimulator({ clock })

const withKey = (key: string, options: SimulatorRequestOptions = {}) =>
  requestProvider(session.simulator, 'clodura', { ...options, headers: { 'X-API-KEY': key, ...options.headers } })

const registered = (spec: Omit<Parameters<typeof session.simulator.registerKey>[1], 'value'> = {}): string => {
  const value = fakeKeys.clodura()
  session.simulator.registerKey('clodura', { value, ...spec })
  return value
}

describe('Clodura GET /api/v1/credits', () => {
  it('answers 200 with the remaining credits and the plan for a valid key', async () => {
    const response = await withKey(registered({ plan: 'Professional', credits: 4200 }))
    expect(response.status).toBe(200)
    expect(response.json()).toMatchObject({ credits: 4200, plan: 'Professional' })
    expect(session.simulator.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/credits', reason: 'valid' })
  })

  it('answers 401 with a message when X-API-KEY is missing', async () => {
    const response = await requestProvider(session.simulator, 'clodura')
    expect(response.status).toBe(401)
    expect(response.json()).toEqual({ message: expect.stringContaining('X-API-KEY') })
  })

  it('answers 401 when the key is sent as a Bearer token instead of in X-API-KEY', async () => {
    const key = registered()
    const response = await requestProvider(session.simulator, 'clodura', {
      headers: { Authorization: `Bearer ${key}` },
    })
    expect(response.status).toBe(401)
    expect(session.simulator.requests[0]?.reason).toBe('missing-key')
  })

  it('answers 401 for a malformed value, an unknown key, a revoked key and an expired key', async () => {
    const answers = [
      await withKey('two words'),
      await withKey(fakeKeys.clodura()),
      await withKey(registered({ state: 'revoked' })),
      await withKey(registered({ state: 'expired' })),
    ]
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401])
    for (const answer of answers) expect(answer.json()).toEqual({ message: expect.any(String) })
    expect(session.simulator.requests.map((request) => request.reason)).toEqual([
      'malformed-key',
      'unknown-key',
      'revoked-key',
      'expired-key',
    ])
  })

  it('answers 403 with a message when the key is valid but its plan does not permit the API', async () => {
    const response = await withKey(registered({ plan: 'Starter', apiAccess: false }))
    expect(response.status).toBe(403)
    expect(response.json()).toEqual({ message: expect.stringMatching(/Starter plan does not permit/) })
  })
})

describe('Clodura rate limits by plan', () => {
  it('holds the table of the docs, plan for plan', () => {
    expect(Object.keys(cloduraPlanLimits)).toHaveLength(10)
    expect(cloduraPlanLimits.MAX).toEqual({ perSecond: 10, perMinute: 100, perDay: 2000 })
    expect(cloduraPlanLimits['Prospect Pro']).toEqual({ perSecond: 10, perMinute: 100, perDay: 2000 })
    expect(cloduraPlanLimits.Starter).toEqual({ perSecond: 1, perMinute: 10, perDay: 600 })
    expect(cloduraPlanLimits.Lifetime).toEqual({ perSecond: 1, perMinute: 10, perDay: 300 })
    expect(cloduraPlanLimits.Basic).toEqual({ perSecond: 1, perMinute: 10, perDay: 600 })
    expect(cloduraPlanLimits['Default / Free Forever']).toEqual({ perSecond: 1, perMinute: 10, perDay: 300 })
    expect(session.simulator.limitsFor('clodura')).toEqual(cloduraPlanLimits['Default / Free Forever'])
  })

  it('answers 429 with Retry-After on the second request within a second on Starter, and 200 a second later', async () => {
    const key = registered({ plan: 'Starter' })
    expect((await withKey(key)).status).toBe(200)
    const refused = await withKey(key)
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toBe('1')
    expect(refused.json()).toEqual({ message: expect.stringContaining('1 request per second') })
    clock.advance(1000)
    expect((await withKey(key)).status).toBe(200)
  })

  it('allows ten at once on MAX and refuses the eleventh', async () => {
    const key = registered({ plan: 'MAX' })
    const answers = await Promise.all(Array.from({ length: 11 }, () => withKey(key)))
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10)
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(1)
  })

  it('answers 429 on the eleventh request within a minute on Starter, with the wait until a slot frees', async () => {
    const key = registered({ plan: 'Starter' })
    for (let index = 0; index < 10; index += 1) {
      expect((await withKey(key)).status).toBe(200)
      clock.advance(1000)
    }
    const refused = await withKey(key) // 10 s after the first of the ten
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toBe('50')
    expect(refused.json()).toEqual({ message: expect.stringContaining('10 requests per minute') })
    expect(session.simulator.requests.at(-1)?.reason).toBe('rate-limited:minute')
    clock.advance(50_000)
    expect((await withKey(key)).status).toBe(200)
  })

  it('answers 409 Conflict, not 429, once the daily limit is spent, until the next UTC day', async () => {
    const key = registered({ plan: 'Starter', dailyUsed: 599 })
    expect((await withKey(key)).status).toBe(200)
    clock.advance(2000)
    const exhausted = await withKey(key)
    expect(exhausted.status).toBe(409)
    expect(exhausted.json()).toEqual({ message: expect.stringContaining('600 requests per day') })
    expect(session.simulator.requests.at(-1)?.reason).toBe('daily-limit')
    const untilMidnight = 86_400_000 - (clock.now() % 86_400_000)
    clock.advance(untilMidnight)
    expect((await withKey(key)).status).toBe(200)
  })

  it('answers 409 at once for a Lifetime key that used its 300 requests today', async () => {
    const response = await withKey(registered({ plan: 'Lifetime', dailyUsed: 300 }))
    expect(response.status).toBe(409)
    expect(session.simulator.statusCounts().clodura).toEqual({ '409': 1 })
  })

  it('refuses to register a plan its table does not have', () => {
    expect(() => session.simulator.registerKey('clodura', { value: fakeKeys.clodura(), plan: 'Gold' })).toThrow(
      /unknown plan "Gold"/,
    )
  })
})
