// Cloro, to the letter of its docs: Bearer, and a 401 for each listed cause — missing Bearer prefix,
// invalid key, expired key, rate limit exceeded. Its verify endpoint is the one the user configures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestProvider, startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { useSimulator } from './simulatorTestKit'

const clock = new ManualClock()
const session = useSimulator({ clock, limits: { cloro: { default: { perSecond: 2 } } } })

const registered = (
  spec: Omit<Parameters<ProviderSimulator['registerKey']>[1], 'value'> = {},
  simulator = session.simulator,
) => {
  const value = fakeKeys.cloro()
  simulator.registerKey('cloro', { value, ...spec })
  return value
}
const bearer = (key: string, simulator = session.simulator) =>
  requestProvider(simulator, 'cloro', { headers: { Authorization: `Bearer ${key}` } })
const reasonOf = (body: unknown) => (body as { reason: string }).reason

describe('Cloro on the verify endpoint the user set', () => {
  it('answers 200 for a valid key on GET /v1/me by default', async () => {
    const response = await bearer(registered({ expiresAt: '2027-06-30T00:00:00Z' }))
    expect(session.simulator.verifyUrls.cloro).toMatch(/\/v1\/me$/)
    expect(response.status).toBe(200)
    expect(response.json()).toMatchObject({ authenticated: true, expires_at: '2027-06-30T00:00:00Z' })
  })

  it('accepts the scheme name in any case, as HTTP auth schemes are', async () => {
    const key = registered()
    const response = await requestProvider(session.simulator, 'cloro', { headers: { Authorization: `bearer ${key}` } })
    expect(response.status).toBe(200)
  })

  it('answers 401 "Missing Bearer prefix" for a bare key or another scheme', async () => {
    const key = registered()
    for (const authorization of [key, `Token ${key}`, `Basic ${key}`]) {
      const response = await requestProvider(session.simulator, 'cloro', { headers: { Authorization: authorization } })
      expect(response.status).toBe(401)
      expect(response.json()).toMatchObject({
        reason: 'missing_bearer_prefix',
        message: expect.stringContaining('Missing Bearer prefix'),
      })
    }
  })

  it('answers 401 invalid_api_key for a Bearer scheme with no key after it', async () => {
    const response = await requestProvider(session.simulator, 'cloro', { headers: { Authorization: 'Bearer' } })
    expect(response.status).toBe(401)
    expect(reasonOf(response.json())).toBe('invalid_api_key')
  })

  it('answers 401 for no Authorization header, an unknown key and a revoked key', async () => {
    const missing = await requestProvider(session.simulator, 'cloro')
    const unknown = await bearer(fakeKeys.cloro())
    const revoked = await bearer(registered({ state: 'revoked' }))
    expect([missing.status, unknown.status, revoked.status]).toEqual([401, 401, 401])
    expect([reasonOf(missing.json()), reasonOf(unknown.json()), reasonOf(revoked.json())]).toEqual([
      'missing_api_key',
      'invalid_api_key',
      'invalid_api_key',
    ])
  })

  it('answers 401 "Expired API key" for an expired key and for one whose expiry the clock has passed', async () => {
    const byState = await bearer(registered({ state: 'expired' }))
    const byDate = await bearer(registered({ expiresAt: new Date(clock.now() - 1000).toISOString() }))
    for (const response of [byState, byDate]) {
      expect(response.status).toBe(401)
      expect(response.json()).toMatchObject({
        reason: 'expired_api_key',
        message: expect.stringContaining('Expired API key'),
      })
    }
  })

  it('answers 401 "Rate limit exceeded" with Retry-After past the plan limit, as the docs list it under 401', async () => {
    const key = registered()
    expect((await bearer(key)).status).toBe(200)
    expect((await bearer(key)).status).toBe(200)
    const refused = await bearer(key)
    expect(refused.status).toBe(401)
    expect(reasonOf(refused.json())).toBe('rate_limit_exceeded')
    expect(refused.headers['retry-after']).toBe('1')
  })

  it('answers 404 on a path other than the configured verify endpoint', async () => {
    const response = await requestProvider(session.simulator, 'cloro', {
      path: '/v1/other',
      headers: { Authorization: `Bearer ${registered()}` },
    })
    expect(response.status).toBe(404)
  })
})

describe('Cloro configured otherwise', () => {
  let simulator: ProviderSimulator
  beforeAll(async () => {
    simulator = await startProviderSimulator({
      cloroVerifyPath: '/api/account/whoami',
      cloroRateLimitStatus: 429,
      limits: { cloro: { default: { perSecond: 1 } } },
    })
  })
  afterAll(async () => {
    await simulator.close()
  })

  it('serves the verify path a user chose and can refuse over-limit requests with 429 instead', async () => {
    const key = registered({}, simulator)
    expect(simulator.verifyUrls.cloro).toMatch(/\/api\/account\/whoami$/)
    expect((await bearer(key, simulator)).status).toBe(200)
    const refused = await bearer(key, simulator)
    expect(refused.status).toBe(429)
    expect(reasonOf(refused.json())).toBe('rate_limit_exceeded')
  })
})
