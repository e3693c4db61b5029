// AgentClara, to the letter of its docs: Bearer sk_live_/sk_test_ keys, GET /conversations?limit=1,
// {"success": true, "data": [...]} or {"success": false, "error": "Invalid API key"}, the exact 429 body.
import { describe, expect, it } from 'vitest'
import { agentClaraTierLimits, requestProvider } from '../../simulator/index'
import { randomToken } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { useSimulator } from './simulatorTestKit'

const clock = new ManualClock()
const session = useSimulator({ clock, limits: { agentclara: { standard: { perMinute: 3 } } } })

const liveKey = () => `sk_live_${randomToken(32)}`
const testKey = () => `sk_test_${randomToken(32)}`
const bearer = (key: string) =>
  requestProvider(session.simulator, 'agentclara', { headers: { Authorization: `Bearer ${key}` } })

describe('AgentClara GET /conversations?limit=1', () => {
  it('answers success with one conversation for a live key and for a test key', async () => {
    for (const value of [liveKey(), testKey()]) {
      session.simulator.registerKey('agentclara', { value })
      const response = await bearer(value)
      expect(response.status).toBe(200)
      const body = response.json() as { success: boolean; data: unknown[] }
      expect(body.success).toBe(true)
      expect(body.data).toHaveLength(1)
    }
    expect(session.simulator.requests[0]?.path).toBe('/conversations?limit=1')
  })

  it('answers 401 {"success": false, "error": "Invalid API key"} for every bad key', async () => {
    const revoked = liveKey()
    const expired = liveKey()
    const known = liveKey()
    session.simulator.registerKey('agentclara', { value: revoked, state: 'revoked' })
    session.simulator.registerKey('agentclara', { value: expired, state: 'expired' })
    session.simulator.registerKey('agentclara', { value: known })
    const answers = [
      await requestProvider(session.simulator, 'agentclara'),
      await requestProvider(session.simulator, 'agentclara', { headers: { Authorization: known } }),
      await bearer(liveKey()),
      await bearer(revoked),
      await bearer(expired),
    ]
    for (const answer of answers) {
      expect(answer.status).toBe(401)
      expect(answer.json()).toEqual({ success: false, error: 'Invalid API key' })
    }
    expect(session.simulator.requests.map((request) => request.reason)).toEqual([
      'missing-key',
      'missing-bearer-prefix',
      'unknown-key',
      'revoked-key',
      'expired-key',
    ])
  })

  it('answers 429 with the documented body and a Retry-After once the tier limit is reached', async () => {
    const key = liveKey()
    session.simulator.registerKey('agentclara', { value: key })
    for (let index = 0; index < 3; index += 1) expect((await bearer(key)).status).toBe(200)
    const refused = await bearer(key)
    expect(refused.status).toBe(429)
    expect(refused.json()).toEqual({ success: false, error: 'Rate limited', status: 429 })
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
  })

  it('holds 1,000 a minute for standard keys and 10,000 for enterprise keys by default', () => {
    expect(agentClaraTierLimits).toEqual({ standard: { perMinute: 1000 }, enterprise: { perMinute: 10_000 } })
    expect(session.simulator.limitsFor('agentclara', 'enterprise')).toEqual({ perMinute: 10_000 })
  })

  it('refuses to register a key without the sk_live_ or sk_test_ prefix', () => {
    expect(() => session.simulator.registerKey('agentclara', { value: randomToken(32) })).toThrow(/sk_\(live\|test\)_/)
  })
})
