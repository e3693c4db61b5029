// The answers a client must survive: silence, a dropped connection, HTML, 10 MiB, shapes and statuses
// no rule knows, and a rate-limit refusal carrying Retry-After as seconds or as an HTTP date.
import { describe, expect, it, vi } from 'vitest'
import {
  requestProvider,
  simulatedProviders,
  startProviderSimulator,
  SimulatorRequestError,
  type KeyBehaviour,
  type ProviderId,
} from '../../simulator/index'
import { ManualClock } from '../../support/manualClock'
import { authHeadersFor, newKeyFor } from './providerKeys'
import { useSimulator } from './simulatorTestKit'

const clock = new ManualClock()
const session = useSimulator({ clock })

const keyWith = (provider: ProviderId, behaviour: KeyBehaviour, retryAfterSeconds?: number): string => {
  const value = newKeyFor[provider]()
  session.simulator.registerKey(provider, { value, behaviour, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) })
  return value
}
const call = (provider: ProviderId, key: string, options: Parameters<typeof requestProvider>[2] = {}) =>
  requestProvider(session.simulator, provider, { ...options, headers: authHeadersFor(provider, key) })
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as SimulatorRequestError,
  )

const rateLimitStatus: Record<ProviderId, number> = {
  clodura: 429,
  cloro: 401,
  agentclara: 429,
  airclou: 429,
  clipia: 429,
}
const httpDate =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/

describe('a provider that never answers', () => {
  it('accepts the request and sends nothing, so the client timeout fires, and keeps serving others', async () => {
    const started = Date.now()
    const failure = await failureOf(call('airclou', keyWith('airclou', 'timeout'), { timeoutMs: 250 }))
    expect(failure?.code).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(2000)
    expect(session.simulator.requests[0]).toMatchObject({ status: null, reason: 'behaviour:timeout' })
    expect((await requestProvider(session.simulator, 'airclou')).status).toBe(401)
  })

  it('lets close() end a request it is holding open, promptly', async () => {
    const own = await startProviderSimulator()
    const key = newKeyFor.clipia()
    own.registerKey('clipia', { value: key, behaviour: 'timeout' })
    const pending = failureOf(
      requestProvider(own, 'clipia', { headers: authHeadersFor('clipia', key), timeoutMs: 10_000 }),
    )
    await vi.waitFor(() => expect(own.requests).toHaveLength(1), { timeout: 5000 })
    const started = Date.now()
    await own.close()
    expect((await pending)?.code).toBe('network')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('drops the connection after reading the request when asked to', async () => {
    const failure = await failureOf(call('clodura', keyWith('clodura', 'connection-reset')))
    expect(failure?.code).toBe('network')
    expect(session.simulator.requests[0]).toMatchObject({ status: null, reason: 'behaviour:connection-reset' })
  })
})

describe('a provider that answers HTML', () => {
  it('sends a 200 login page as text/html', async () => {
    const response = await call('clipia', keyWith('clipia', 'html'))
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    expect(response.text).toMatch(/^<!DOCTYPE html>/)
    expect(() => response.json()).toThrow()
  })

  it('sends a 502 gateway page as text/html', async () => {
    const response = await call('agentclara', keyWith('agentclara', 'html-502'))
    expect(response.status).toBe(502)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    expect(response.text).toContain('502 Bad Gateway')
  })
})

describe('a provider that answers 10 MiB', () => {
  it('declares and sends 10 MiB of valid JSON', async () => {
    const response = await call('cloro', keyWith('cloro', 'huge-body'), { maxBodyBytes: 11 * 1024 * 1024 })
    expect(response.headers['content-length']).toBe(String(10 * 1024 * 1024))
    expect(Buffer.byteLength(response.text)).toBe(10 * 1024 * 1024)
    expect(response.json()).toEqual({ data: expect.any(String) })
  })

  it('streams it without Content-Length in the chunked form, and a capped reader stops early', async () => {
    const key = keyWith('clodura', 'huge-body-chunked')
    const failure = await failureOf(call('clodura', key, { maxBodyBytes: 1024 * 1024 }))
    expect(failure?.code).toBe('body-too-large')
    const response = await call('clodura', key, { maxBodyBytes: 11 * 1024 * 1024 })
    expect(response.headers['content-length']).toBeUndefined()
    expect(response.headers['transfer-encoding']).toBe('chunked')
    expect(response.text.length).toBe(10 * 1024 * 1024)
  })
})

describe('answers no rule knows', () => {
  it('sends 200 JSON of an undocumented shape', async () => {
    const response = await call('airclou', keyWith('airclou', 'unknown-shape'))
    expect(response.status).toBe(200)
    const body = response.json() as Record<string, unknown>
    expect(body).not.toHaveProperty('valid')
    expect(body).toEqual({ outcome: 'pending_review', ticket: 'T-4821', items: null })
  })

  it('sends a status no provider documents', async () => {
    const response = await call('clipia', keyWith('clipia', 'unknown-status'))
    expect(response.status).toBe(418)
  })
})

describe('Retry-After', () => {
  it.each(simulatedProviders)(
    '%s: as seconds, in its own rate-limit answer, then the normal answer once waited',
    async (provider) => {
      const key = keyWith(provider, 'retry-after-seconds', 3)
      const refused = await call(provider, key)
      expect(refused.status).toBe(rateLimitStatus[provider])
      expect(refused.headers['retry-after']).toBe('3')
      clock.advance(1000)
      expect((await call(provider, key)).headers['retry-after']).toBe('2')
      clock.advance(2000)
      expect((await call(provider, key)).status).toBe(200)
    },
  )

  it.each(simulatedProviders)('%s: as an HTTP date, on the same clock as the Date header', async (provider) => {
    const key = keyWith(provider, 'retry-after-date', 3)
    const refused = await call(provider, key)
    expect(refused.status).toBe(rateLimitStatus[provider])
    const retryAfter = String(refused.headers['retry-after'])
    expect(retryAfter).toMatch(httpDate)
    const wait = Date.parse(retryAfter) - Date.parse(String(refused.headers.date))
    expect(wait).toBeGreaterThanOrEqual(3000)
    expect(wait).toBeLessThan(4000)
    clock.advance(wait - 1)
    expect((await call(provider, key)).status).toBe(rateLimitStatus[provider])
    clock.advance(1)
    expect((await call(provider, key)).status).toBe(200)
  })
})
