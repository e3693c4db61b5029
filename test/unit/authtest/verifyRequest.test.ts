// The one request that verifies a key: the scheme's header, the base URL override, and every way a
// key or a setting could send it in the clear or to the wrong host, refused before anything is sent.
import { describe, expect, it } from 'vitest'
import { applyBaseUrl, planVerifyRequest, type KeyUnderTest, type ProviderSettings } from '../../../main/authtest/index'
import { KeywardError } from '../../../main/common/errors'
import { findProvider, ProviderDefinition } from '../../../main/providers/index'

const noSettings: ProviderSettings = { baseUrl: null, extraCa: null }
const keyOf = (provider: string | null, fields: Partial<KeyUnderTest> = {}): KeyUnderTest => ({
  id: 'k1',
  name: 'my key',
  value: 'secret-value-1234567890',
  provider,
  plan: null,
  authScheme: null,
  verifyUrl: null,
  ...fields,
})
const plan = (key: KeyUnderTest, settings: ProviderSettings = noSettings) =>
  planVerifyRequest(key, key.provider ? findProvider(key.provider) : undefined, settings)
const refusal = (work: () => unknown): KeywardError => {
  try {
    work()
  } catch (error) {
    if (error instanceof KeywardError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('the header each scheme makes', () => {
  it('Clodura: X-API-KEY with the bare key', () => {
    const planned = plan(keyOf('clodura'))
    expect(planned.url.href).toBe('https://api.clodura.ai/api/v1/credits')
    expect(planned.headers).toMatchObject({ 'X-API-KEY': 'secret-value-1234567890', Accept: 'application/json' })
    expect(planned.headers.Authorization).toBeUndefined()
  })

  it('Airclou and AgentClara: Authorization: Bearer', () => {
    expect(plan(keyOf('airclou')).headers.Authorization).toBe('Bearer secret-value-1234567890')
    const agentclara = plan(keyOf('agentclara'))
    expect(agentclara.headers.Authorization).toBe('Bearer secret-value-1234567890')
    expect(agentclara.url.href).toBe('https://api.agentclara.app/conversations?limit=1')
  })

  it('Clipia: the three schemes of its docs', () => {
    expect(plan(keyOf('clipia')).headers.Authorization).toBe('Bearer secret-value-1234567890')
    expect(plan(keyOf('clipia', { authScheme: 'key' })).headers.Authorization).toBe('Key secret-value-1234567890')
    const xApiKey = plan(keyOf('clipia', { authScheme: 'x-api-key' })).headers
    expect(xApiKey['X-Api-Key']).toBe('secret-value-1234567890')
    expect(xApiKey.Authorization).toBeUndefined()
    expect(plan(keyOf('clipia')).url.href).toBe('https://api.clipia.ai/v1/account')
  })

  it('puts a key holding $& or $1 in the header as it is', () => {
    expect(plan(keyOf('airclou', { value: 'ab$&cd$1ef$$' })).headers.Authorization).toBe('Bearer ab$&cd$1ef$$')
  })

  it('refuses a scheme the provider does not have', () => {
    expect(refusal(() => plan(keyOf('clodura', { authScheme: 'bearer' }))).message).toMatch(
      /"bearer" is not one of Clodura's header schemes \(x-api-key\)/,
    )
  })
})

describe('plans and limits', () => {
  it("takes the key's plan by id or by the docs' name, and the default plan otherwise", () => {
    expect(plan(keyOf('clodura', { plan: 'starter' })).limits).toEqual({ perSecond: 1, perMinute: 10, perDay: 600 })
    expect(plan(keyOf('clodura', { plan: 'Prospect Pro' })).limits).toEqual({
      perSecond: 10,
      perMinute: 100,
      perDay: 2000,
    })
    expect(plan(keyOf('clodura')).limits).toEqual({ perSecond: 1, perMinute: 10, perDay: 300 })
    expect(plan(keyOf('agentclara')).limits).toEqual({ perMinute: 1000 })
    expect(plan(keyOf('airclou')).limits).toEqual({})
  })

  it('refuses a plan the provider does not have', () => {
    const error = refusal(() => plan(keyOf('clodura', { plan: 'gold' })))
    expect(error.code).toBe('not_testable')
    expect(error.message).toMatch(/"gold" is not one of Clodura's plans/)
  })
})

describe('the base URL override (a staging host or a proxy)', () => {
  it('replaces the origin and keeps path and query', () => {
    expect(plan(keyOf('agentclara'), { baseUrl: 'https://127.0.0.1:8443', extraCa: null }).url.href).toBe(
      'https://127.0.0.1:8443/conversations?limit=1',
    )
  })

  it("puts the base URL's path in front, with or without a trailing slash", () => {
    const settings = { baseUrl: 'https://proxy.corp.example/airclou/', extraCa: 'PEM' }
    const planned = plan(keyOf('airclou'), settings)
    expect(planned.url.href).toBe('https://proxy.corp.example/airclou/playbook/api/v1/auth/verify')
    expect(planned.extraCa).toBe('PEM')
    expect(applyBaseUrl(new URL('https://api.clipia.ai/v1/account'), 'https://proxy.corp.example/clipia').href).toBe(
      'https://proxy.corp.example/clipia/v1/account',
    )
  })

  it('cannot be escaped by a verify path that starts with //', () => {
    const moved = applyBaseUrl(new URL('https://api.clipia.ai//evil.example/steal'), 'https://proxy.corp.example')
    expect(moved.host).toBe('proxy.corp.example')
    const planned = plan(keyOf('clipia', { verifyUrl: 'https://api.clipia.ai//evil.example/steal' }), {
      baseUrl: 'https://proxy.corp.example',
      extraCa: null,
    })
    expect(planned.url.host).toBe('proxy.corp.example')
  })

  it('refuses a base URL over http://, or with a user name and password, or that is not a URL', () => {
    expect(refusal(() => plan(keyOf('airclou'), { baseUrl: 'http://127.0.0.1:8080', extraCa: null })).message).toMatch(
      /must start with https:\/\//,
    )
    expect(
      refusal(() => plan(keyOf('airclou'), { baseUrl: 'https://user:pw@proxy.example', extraCa: null })).message,
    ).toMatch(/user name or password/)
    expect(refusal(() => plan(keyOf('airclou'), { baseUrl: 'proxy.example', extraCa: null })).message).toMatch(
      /is not a URL/,
    )
  })
})

describe('a verify URL set on the key', () => {
  it('is what Cloro keys are tested with, on any https:// host (its docs name none)', () => {
    const planned = plan(keyOf('cloro', { verifyUrl: 'https://api.cloro.example/v1/me' }))
    expect(planned.url.href).toBe('https://api.cloro.example/v1/me')
    expect(planned.headers.Authorization).toBe('Bearer secret-value-1234567890')
  })

  it("must stay on the provider's hosts for a provider that names them", () => {
    const error = refusal(() => plan(keyOf('airclou', { verifyUrl: 'https://api.clipia.ai/v1/account' })))
    expect(error.message).toBe(
      "Keyward sends Airclou keys only to app.airclou.com; the verify URL's host api.clipia.ai is not one of them.",
    )
    expect(plan(keyOf('airclou', { verifyUrl: 'https://app.airclou.com/playbook/api/v1/users' })).url.pathname).toBe(
      '/playbook/api/v1/users',
    )
  })

  it('is refused over http://', () => {
    expect(refusal(() => plan(keyOf('cloro', { verifyUrl: 'http://api.cloro.example/v1/me' }))).message).toMatch(
      /must start with https:\/\/: Keyward never sends a key in the clear/,
    )
  })
})

describe('keys that cannot be tested say why', () => {
  it.each([
    ['no provider', keyOf(null), /has no provider\. Choose one/],
    ['an unknown provider', keyOf('acme'), /does not know the provider "acme"/],
    ['a provider without an auth test', keyOf('stripe'), /does not know how to test Stripe keys yet/],
    [
      'Cloro without a verify URL',
      keyOf('cloro'),
      /Cloro's documentation names no endpoint to verify a key: set a verify URL/,
    ],
    ['an empty value', keyOf('clodura', { value: '' }), /has an empty value/],
    ['a value of spaces', keyOf('clodura', { value: '   ' }), /has an empty value/],
    ['a line break in the value', keyOf('airclou', { value: 'abc\r\nX-Evil: 1' }), /holds a line break/],
    ['a NUL in the value', keyOf('airclou', { value: 'abc\u0000def' }), /holds a line break/],
    ['a tab in the value', keyOf('airclou', { value: 'abc\tdef' }), /cannot be sent in a header/],
    ['a curly quote pasted with the key', keyOf('airclou', { value: 'ac_live_abc\u2019' }), /non-ASCII/],
  ])('%s', (_case, key, message) => {
    const error = refusal(() =>
      planVerifyRequest(key, key.provider ? findProvider(key.provider) : undefined, noSettings),
    )
    expect(error.code).toBe('not_testable')
    expect(error.message).toMatch(message)
  })

  it('a key handed the definition of another provider', () => {
    const error = refusal(() => planVerifyRequest(keyOf('airclou'), findProvider('clipia'), noSettings))
    expect(error.message).toMatch(/belongs to "airclou", not Clipia/)
  })

  it('a custom definition whose template would inject a header', () => {
    const airclou = structuredClone(findProvider('airclou')!)
    const custom = ProviderDefinition.parse({
      ...airclou,
      id: 'my-airclou',
      authTest: {
        ...airclou.authTest!,
        schemes: [{ ...airclou.authTest!.schemes[0]!, template: 'Bearer {key}\r\nX-Forward: 1' }],
      },
    })
    const error = refusal(() => planVerifyRequest(keyOf('my-airclou'), custom, noSettings))
    expect(error.message).toMatch(/scheme makes a header that cannot be sent/)
  })
})
