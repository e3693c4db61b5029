// Every outcome of every provider, from the simulator over real TLS: what each answer means, what it
// tells about the key, the reason a user reads, and that the key went only to its provider's host.
import { afterEach, describe, expect, it } from 'vitest'
import { classifyAnswer } from '../../../main/authtest/index'
import { findProvider } from '../../../main/providers/index'
import { fingerprintSecret, type ProviderId } from '../../simulator/index'
import { useAuthTestBench } from './authTestKit'

const bench = useAuthTestBench()

// After every test: nothing went over plain HTTP, to another host, or to a route that spends or writes.
afterEach(() => {
  const { requests, handshakeFailures } = bench.simulator
  expect(handshakeFailures).toEqual([])
  for (const record of requests) {
    expect(record.protocol).toBe('https')
    expect(record.hostMatches).toBe(true)
    expect(record.method).toBe('GET')
    expect(record.sideEffect).toBeNull()
    if (record.credential.registeredFor !== null) expect(record.credential.registeredFor).toBe(record.provider)
  }
})

const lastRecord = () => bench.simulator.requests.at(-1)!

describe('Clodura', () => {
  it('valid: reads the credits (and the plan it reports)', async () => {
    const key = bench.registered('clodura', { plan: 'Starter', credits: 742 }, { plan: 'starter' })
    const result = await bench.testKey(key)
    expect(result).toMatchObject({
      outcome: 'valid',
      httpStatus: 200,
      attempts: 1,
      facts: { credits: 742, plan: 'Starter' },
    })
    expect(result.latencyMilliseconds).toBeGreaterThanOrEqual(0)
    expect(lastRecord()).toMatchObject({
      path: '/api/v1/credits',
      credential: { scheme: 'x-api-key', fingerprint: fingerprintSecret(key.value) },
    })
  })

  it('invalid: an unknown key and a revoked one', async () => {
    const unknown = await bench.testKey(bench.keyFor('clodura'))
    expect(unknown).toMatchObject({ outcome: 'invalid', httpStatus: 401, providerMessage: 'Invalid API key.' })
    expect(unknown.reason).toMatch(/X-API-KEY/)
    expect(await bench.testKey(bench.registered('clodura', { state: 'revoked' }))).toMatchObject({ outcome: 'invalid' })
  })

  it('invalid: a malformed key (a space in it) is sent as it is and refused by Clodura', async () => {
    const result = await bench.testKey(bench.keyFor('clodura', { value: 'abc def-123' }))
    expect(result).toMatchObject({ outcome: 'invalid', providerMessage: 'Malformed API key in the X-API-KEY header.' })
  })

  it('expired, when Clodura says so', async () => {
    expect(await bench.testKey(bench.registered('clodura', { state: 'expired' }))).toMatchObject({
      outcome: 'expired',
      httpStatus: 401,
    })
  })

  it('forbidden: the plan does not permit the API', async () => {
    const result = await bench.testKey(
      bench.registered('clodura', { plan: 'Basic', apiAccess: false }, { plan: 'basic' }),
    )
    expect(result).toMatchObject({ outcome: 'forbidden', httpStatus: 403 })
    expect(result.providerMessage).toMatch(/Basic plan does not permit API access/)
  })

  it('quota_exhausted: the daily 409, not retried', async () => {
    const key = bench.registered('clodura', { plan: 'Lifetime', dailyUsed: 300 }, { plan: 'lifetime' })
    const result = await bench.testKey(key)
    expect(result).toMatchObject({ outcome: 'quota_exhausted', httpStatus: 409, attempts: 1 })
    expect(result.reason).toMatch(/daily request limit is used up/)
    expect(bench.simulator.requests).toHaveLength(1)
  })
})

describe('Airclou', () => {
  it('valid: reads permissions, key_id and expires_at', async () => {
    const expiresAt = new Date(bench.clock.now() + 30 * 86_400_000).toISOString()
    const key = bench.registered('airclou', { permissions: ['read', 'admin'], keyId: 'key_0123456789', expiresAt })
    expect(await bench.testKey(key)).toMatchObject({
      outcome: 'valid',
      facts: { permissions: ['read', 'admin'], keyId: 'key_0123456789', expiresAt },
    })
  })

  it('valid: a key without expiry has no expiresAt fact', async () => {
    const result = await bench.testKey(bench.registered('airclou'))
    expect(result.facts).toEqual({ permissions: ['read', 'write'], keyId: expect.stringMatching(/^key_\d{10}$/) })
  })

  it('expired: by state, and by an expires_at that has passed', async () => {
    expect(await bench.testKey(bench.registered('airclou', { state: 'expired' }))).toMatchObject({
      outcome: 'expired',
      httpStatus: 401,
      providerMessage: 'API key has expired',
    })
    const past = new Date(bench.clock.now() - 1000).toISOString()
    expect((await bench.testKey(bench.registered('airclou', { expiresAt: past }))).outcome).toBe('expired')
  })

  it("invalid: a revoked key, with the docs' message quoted", async () => {
    const result = await bench.testKey(bench.registered('airclou', { state: 'revoked' }))
    expect(result).toMatchObject({
      outcome: 'invalid',
      reason: '401: the key was revoked or does not exist. Rotate it.',
      providerMessage: 'Invalid API key provided',
    })
  })

  it('forbidden: a key without any permission', async () => {
    expect(await bench.testKey(bench.registered('airclou', { permissions: [] }))).toMatchObject({
      outcome: 'forbidden',
      httpStatus: 403,
    })
  })

  it('invalid with the reason to act on: a Bearer header without its prefix (a scheme misconfigured in a custom definition)', async () => {
    const airclou = structuredClone(findProvider('airclou')!)
    const misconfigured = {
      ...airclou,
      id: 'airclou-custom',
      name: 'Airclou (custom)',
      authTest: {
        ...airclou.authTest!,
        schemes: [{ id: 'raw', label: 'Authorization: <key>', header: 'Authorization', template: '{key}' }],
        defaultScheme: 'raw',
      },
    }
    const key = bench.registered('airclou', {}, { provider: 'airclou-custom' })
    const result = await bench
      .newTester()
      .test(key, misconfigured, bench.settingsFor('airclou'), { maxWaitMilliseconds: 0 })
    expect(result).toMatchObject({
      outcome: 'invalid',
      reason: '401: the Authorization header needs the Bearer prefix.',
    })
    expect(lastRecord()).toMatchObject({
      reason: 'missing-bearer-prefix',
      credential: { scheme: 'authorization-without-scheme' },
    })
  })
})

describe('Clipia', () => {
  it.each(['bearer', 'key', 'x-api-key'])('valid with the %s scheme, reading the balance', async (scheme) => {
    const key = bench.registered('clipia', { balance: 17 }, { authScheme: scheme })
    expect(await bench.testKey(key)).toMatchObject({ outcome: 'valid', facts: { balance: 17 } })
    expect(lastRecord()).toMatchObject({ path: '/v1/account', credential: { scheme } })
  })

  it('valid for a test key too, and nothing is ever spent', async () => {
    const key = bench.registered('clipia', {}, { value: `clipia_test_${'a'.repeat(32)}` })
    expect((await bench.testKey(key)).outcome).toBe('valid')
    expect(
      bench.simulator.requests.every((record) => record.sideEffect === null && record.path === '/v1/account'),
    ).toBe(true)
  })

  it('invalid: unknown, revoked, and a key of a scheme Clipia does not read (a Bearer template without its prefix)', async () => {
    expect(await bench.testKey(bench.keyFor('clipia'))).toMatchObject({ outcome: 'invalid', httpStatus: 401 })
    expect((await bench.testKey(bench.registered('clipia', { state: 'revoked' }))).outcome).toBe('invalid')
    const clipia = structuredClone(findProvider('clipia')!)
    const misconfigured = {
      ...clipia,
      id: 'clipia-custom',
      authTest: {
        ...clipia.authTest!,
        schemes: [{ id: 'raw', label: 'raw', header: 'Authorization', template: '{key}' }],
        defaultScheme: 'raw',
      },
    }
    const key = bench.registered('clipia', {}, { provider: 'clipia-custom' })
    const result = await bench
      .newTester()
      .test(key, misconfigured, bench.settingsFor('clipia'), { maxWaitMilliseconds: 0 })
    expect(result.outcome).toBe('invalid')
    expect(result.reason).toMatch(/invalid_api_key/)
  })

  it('forbidden insufficient_scope cannot come from the read-only verify (GET /v1/account needs no scope): a scope-less key is valid', async () => {
    const key = bench.registered('clipia', { scopes: [] })
    expect((await bench.testKey(key)).outcome).toBe('valid')
    // The rule is there for the answer the docs give a generation; it is tested on that answer in
    // test/unit/authtest (answerExamples), never by sending a generation.
    const rule = findProvider('clipia')!.authTest!.rules.find((candidate) => candidate.outcome === 'forbidden')!
    expect(rule.when.jsonEquals).toEqual({ path: 'error.code', value: 'insufficient_scope' })
  })
})

describe('AgentClara', () => {
  it('valid, for a live and a test key', async () => {
    expect(await bench.testKey(bench.registered('agentclara'))).toMatchObject({ outcome: 'valid', httpStatus: 200 })
    expect(
      (await bench.testKey(bench.registered('agentclara', {}, { value: `sk_test_${'b'.repeat(32)}` }))).outcome,
    ).toBe('valid')
    expect(lastRecord().path).toBe('/conversations?limit=1')
  })

  it("invalid: unknown, revoked and expired keys all get the docs' one failure body", async () => {
    for (const key of [
      bench.keyFor('agentclara'),
      bench.registered('agentclara', { state: 'revoked' }),
      bench.registered('agentclara', { state: 'expired' }),
    ]) {
      expect(await bench.testKey(key)).toMatchObject({
        outcome: 'invalid',
        httpStatus: 401,
        providerMessage: 'Invalid API key',
      })
    }
  })
})

describe('Cloro (verify URL set on the key)', () => {
  it('valid', async () => {
    expect(await bench.testKey(bench.registered('cloro'))).toMatchObject({
      outcome: 'valid',
      httpStatus: 200,
      facts: { plan: 'default' },
    })
    expect(lastRecord().path).toBe('/v1/me')
  })

  it('invalid, expired (state and date), revoked', async () => {
    expect((await bench.testKey(bench.keyFor('cloro'))).outcome).toBe('invalid')
    expect((await bench.testKey(bench.registered('cloro', { state: 'revoked' }))).outcome).toBe('invalid')
    expect((await bench.testKey(bench.registered('cloro', { state: 'expired' }))).outcome).toBe('expired')
    expect(
      (await bench.testKey(bench.registered('cloro', { expiresAt: new Date(bench.clock.now()).toISOString() })))
        .outcome,
    ).toBe('expired')
  })

  it('invalid: "Missing Bearer prefix" when a custom scheme drops it', async () => {
    const cloro = structuredClone(findProvider('cloro')!)
    const misconfigured = {
      ...cloro,
      id: 'cloro-custom',
      authTest: {
        ...cloro.authTest!,
        schemes: [{ id: 'raw', label: 'raw', header: 'Authorization', template: '{key}' }],
        defaultScheme: 'raw',
      },
    }
    const key = bench.registered('cloro', {}, { provider: 'cloro-custom' })
    const result = await bench
      .newTester()
      .test(key, misconfigured, bench.settingsFor('cloro'), { maxWaitMilliseconds: 0 })
    expect(result).toMatchObject({
      outcome: 'invalid',
      reason: '401: the Authorization header needs the Bearer prefix.',
    })
  })
})

describe('every answer the simulator gives is one the rules know', () => {
  it.each<[ProviderId]>([['clodura'], ['cloro'], ['agentclara'], ['airclou'], ['clipia']])(
    '%s: no plain answer falls to unknown',
    async (provider) => {
      const specs = [{}, { state: 'revoked' as const }, { state: 'expired' as const }]
      for (const spec of specs) {
        const result = await bench.testKey(bench.registered(provider, spec))
        expect(result.outcome, JSON.stringify(spec)).not.toBe('unknown')
      }
      expect((await bench.testKey(bench.keyFor(provider))).outcome).toBe('invalid')
      // And the raw answer classifies the same way on its own.
      const test = findProvider(provider)!.authTest!
      expect(
        classifyAnswer(test, { status: 200, headers: {}, body: '{"unexpected": true}', truncated: false }, 0).outcome,
      ).not.toBe('invalid')
    },
  )
})
