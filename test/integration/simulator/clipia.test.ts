// Clipia, to the letter of its docs: Bearer, Key and X-Api-Key equally; 401 invalid_api_key; GET
// /v1/account (no scope) for the balance; 403 insufficient_scope on a generation without generate.
import { describe, expect, it } from 'vitest'
import { requestProvider } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { useSimulator } from './simulatorTestKit'

const clock = new ManualClock()
const session = useSimulator({ clock, limits: { clipia: { default: { perSecond: 2 } } } })

const registered = (
  spec: Omit<Parameters<typeof session.simulator.registerKey>[1], 'value'> = {},
  value = fakeKeys.clipiaLive(),
) => {
  session.simulator.registerKey('clipia', { value, ...spec })
  return value
}
const withHeaders = (headers: Record<string, string>, options: Parameters<typeof requestProvider>[2] = {}) =>
  requestProvider(session.simulator, 'clipia', { ...options, headers })
const codeOf = (body: unknown) => (body as { error: { code: string } }).error.code

describe('Clipia GET /v1/account', () => {
  it('answers the balance the same way for Bearer, Key and X-Api-Key', async () => {
    const key = registered({ balance: 12.5 })
    const answers = []
    const schemes: Record<string, string>[] = [
      { Authorization: `Bearer ${key}` },
      { Authorization: `Key ${key}` },
      { 'X-Api-Key': key },
    ]
    for (const headers of schemes) {
      answers.push(await withHeaders(headers))
      clock.advance(1000) // this file holds Clipia keys to two requests a second
    }
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      expect(answer.json()).toEqual({ object: 'account', environment: 'live', balance: 12.5, currency: 'credits' })
    }
    expect(session.simulator.requests.map((request) => request.credential.scheme)).toEqual([
      'bearer',
      'key',
      'x-api-key',
    ])
  })

  it('tells a test key by its prefix', async () => {
    const key = registered({}, fakeKeys.clipiaTest())
    expect((await withHeaders({ 'X-Api-Key': key })).json()).toMatchObject({ environment: 'test' })
  })

  it('needs no scope', async () => {
    const key = registered({ scopes: [] })
    expect((await withHeaders({ Authorization: `Bearer ${key}` })).status).toBe(200)
  })

  it('answers 401 invalid_api_key for a missing, unknown, revoked or prefix-less key', async () => {
    const known = registered()
    const revoked = registered({ state: 'revoked' })
    const answers = [
      await withHeaders({}),
      await withHeaders({ Authorization: `Bearer ${fakeKeys.clipiaLive()}` }),
      await withHeaders({ 'X-Api-Key': revoked }),
      await withHeaders({ Authorization: known }),
      await withHeaders({ Authorization: `Basic ${known}` }),
    ]
    for (const answer of answers) {
      expect(answer.status).toBe(401)
      expect(codeOf(answer.json())).toBe('invalid_api_key')
    }
  })

  it('answers 429 with Retry-After past the limit', async () => {
    const key = registered()
    await withHeaders({ 'X-Api-Key': key })
    await withHeaders({ 'X-Api-Key': key })
    const refused = await withHeaders({ 'X-Api-Key': key })
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toBe('1')
    expect(codeOf(refused.json())).toBe('rate_limited')
  })
})

describe('Clipia generations, which spend credits', () => {
  it('answers 403 insufficient_scope to a key without generate, and records the attempt as spending', async () => {
    const key = registered({ scopes: ['read'], balance: 10 })
    const response = await withHeaders(
      { Authorization: `Bearer ${key}` },
      { method: 'POST', path: '/v1/models/clipia/video-fast', body: '{}' },
    )
    expect(response.status).toBe(403)
    expect(response.json()).toMatchObject({ error: { code: 'insufficient_scope', required_scope: 'generate' } })
    expect(session.simulator.requests[0]).toMatchObject({ sideEffect: 'spend', bodyBytes: 2 })
  })

  it('charges a live key and not a test key', async () => {
    const live = registered({ balance: 10 })
    const sandbox = registered({ balance: 10 }, fakeKeys.clipiaTest())
    await withHeaders({ 'X-Api-Key': live }, { method: 'POST', path: '/v1/models/video-fast' })
    clock.advance(1000)
    await withHeaders({ 'X-Api-Key': sandbox }, { method: 'POST', path: '/v1/models/video-fast' })
    clock.advance(1000)
    expect((await withHeaders({ 'X-Api-Key': live })).json()).toMatchObject({ balance: 9 })
    expect((await withHeaders({ 'X-Api-Key': sandbox })).json()).toMatchObject({ balance: 10 })
  })

  it('leaves a record a test can check to prove a client only verified and never spent', async () => {
    const key = registered()
    await withHeaders({ Authorization: `Bearer ${key}` })
    expect(session.simulator.requests.filter((request) => request.sideEffect !== null)).toEqual([])
  })
})
