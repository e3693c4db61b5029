// Airclou, to the letter of its docs: Bearer ac_live_/ac_test_ keys, GET /playbook/api/v1/auth/verify
// with valid, key_id, permissions and expires_at; the documented 401 object for revoked or unknown
// keys; expired keys; 403 for missing permissions; plain HTTP rejected.
import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { requestProvider } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { useSimulator } from './simulatorTestKit'

const clock = new ManualClock()
const session = useSimulator({ clock, limits: { airclou: { default: { perSecond: 2 } } } })

const registered = (
  spec: Omit<Parameters<typeof session.simulator.registerKey>[1], 'value'> = {},
  value = fakeKeys.airclouLive(),
) => {
  session.simulator.registerKey('airclou', { value, ...spec })
  return value
}
const bearer = (key: string, options: Parameters<typeof requestProvider>[2] = {}) =>
  requestProvider(session.simulator, 'airclou', { ...options, headers: { Authorization: `Bearer ${key}` } })

const documentedFailure = {
  error: {
    code: 'authentication_failed',
    message: 'Invalid API key provided',
    details: 'The API key has been revoked or does not exist',
  },
}

describe('Airclou GET /playbook/api/v1/auth/verify', () => {
  it('answers valid with key_id, permissions and expires_at', async () => {
    const key = registered({
      keyId: 'key_1234567890',
      permissions: ['read', 'write'],
      expiresAt: '2027-12-31T23:59:59Z',
    })
    const response = await bearer(key)
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({
      valid: true,
      key_id: 'key_1234567890',
      permissions: ['read', 'write'],
      expires_at: '2027-12-31T23:59:59Z',
    })
  })

  it('gives a test key, a stable key_id and no expiry when the spec sets none', async () => {
    const key = registered({ permissions: ['read'] }, fakeKeys.airclouTest())
    const first = (await bearer(key)).json()
    clock.advance(1000)
    const second = (await bearer(key)).json()
    expect(first).toEqual({
      valid: true,
      key_id: expect.stringMatching(/^key_\d{10}$/),
      permissions: ['read'],
      expires_at: null,
    })
    expect(second).toEqual(first)
  })

  it('answers 401 with the documented error object for a revoked key and an unknown key', async () => {
    const revoked = await bearer(registered({ state: 'revoked' }))
    const unknown = await bearer(fakeKeys.airclouLive())
    for (const response of [revoked, unknown]) {
      expect(response.status).toBe(401)
      expect(response.json()).toEqual(documentedFailure)
    }
  })

  it('answers 401 "API key has expired" for an expired key and one whose expires_at has passed', async () => {
    const byState = await bearer(registered({ state: 'expired', expiresAt: '2026-01-31T00:00:00Z' }))
    const byDate = await bearer(registered({ expiresAt: new Date(clock.now()).toISOString() }))
    for (const response of [byState, byDate]) {
      expect(response.status).toBe(401)
      expect(response.json()).toMatchObject({
        error: { code: 'authentication_failed', message: 'API key has expired' },
      })
    }
    expect((byState.json() as { error: { details: string } }).error.details).toContain('2026-01-31T00:00:00Z')
  })

  it('answers 401 for a missing header and for a key without the Bearer prefix', async () => {
    const key = registered()
    const missing = await requestProvider(session.simulator, 'airclou')
    const bare = await requestProvider(session.simulator, 'airclou', { headers: { Authorization: key } })
    expect([missing.status, bare.status]).toEqual([401, 401])
    expect(missing.json()).toMatchObject({ error: { code: 'authentication_failed', message: 'Missing API key' } })
    expect(bare.json()).toMatchObject({
      error: { code: 'authentication_failed', message: 'Malformed Authorization header' },
    })
  })

  it('answers 403 insufficient_permissions to a valid key that holds no permission', async () => {
    const response = await bearer(registered({ permissions: [] }))
    expect(response.status).toBe(403)
    expect(response.json()).toMatchObject({ error: { code: 'insufficient_permissions' } })
  })

  it('answers 403 when a route needs a permission the key lacks, and records writes as side effects', async () => {
    const readOnly = registered({ permissions: ['read'] })
    const writeOnly = registered({ permissions: ['write'] })
    expect((await bearer(readOnly, { path: '/playbook/api/v1/users' })).status).toBe(200)
    expect((await bearer(writeOnly, { path: '/playbook/api/v1/users' })).status).toBe(403)
    expect((await bearer(readOnly, { method: 'POST', path: '/playbook/api/v1/users' })).status).toBe(403)
    expect(session.simulator.requests.map((request) => request.sideEffect)).toEqual([null, null, 'write'])
  })

  it('answers 429 with Retry-After past the limit', async () => {
    const key = registered()
    await bearer(key)
    await bearer(key)
    const refused = await bearer(key)
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toBe('1')
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } })
  })

  it('rejects plain HTTP and records that it came', async () => {
    const key = registered()
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${session.simulator.plainHttpBaseUrls.airclou}/playbook/api/v1/auth/verify`,
        { headers: { Authorization: `Bearer ${key}` } },
        (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        },
      )
      request.on('error', reject)
      request.end()
    })
    expect(status).toBe(403)
    expect(session.simulator.requests).toMatchObject([{ protocol: 'http', reason: 'plain-http', provider: 'airclou' }])
  })

  it('refuses to register a key without the ac_live_ or ac_test_ prefix', () => {
    expect(() => session.simulator.registerKey('airclou', { value: fakeKeys.clipiaLive() })).toThrow(
      /ac_\(live\|test\)_/,
    )
  })
})
