// The one rule of where a key may be sent without the user confirming it in main.
import { describe, expect, it } from 'vitest'
import { mayReachWithoutAsking, reachOf } from '../../../main/key-test-service/index'
import { knownProviders, type KnownProvider } from '../../../main/providers/index'

const builtIn = (id: string): KnownProvider => knownProviders([]).find((entry) => entry.definition.id === id)!
const airclou = builtIn('airclou')
const cloro = builtIn('cloro')
const airclouHost = airclou.definition.hosts[0]!
const custom: KnownProvider = {
  definition: { ...airclou.definition, id: 'acme', name: 'Acme', hosts: ['api.acme.example'] },
  custom: true,
}
const noSettings = { baseUrl: null, extraCa: null }
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'

describe('where a key goes when tested', () => {
  it('is its provider verify URL host, moved by a base URL, with the CA trusted there', () => {
    const key = { name: 'A', provider: 'airclou', verifyUrl: null }
    expect(reachOf(key, airclou, noSettings)).toEqual({ host: airclouHost, extraCa: null })
    expect(reachOf(key, airclou, { baseUrl: 'https://proxy.example:8443/p', extraCa: PEM })).toEqual({
      host: 'proxy.example:8443',
      extraCa: PEM,
    })
  })

  it('is nowhere for a key its test would refuse: no provider, Cloro without a verify URL', () => {
    expect(reachOf({ name: 'A', provider: null, verifyUrl: null }, airclou, noSettings)).toBeNull()
    expect(reachOf({ name: 'C', provider: 'cloro', verifyUrl: null }, cloro, noSettings)).toBeNull()
    expect(
      reachOf({ name: 'C', provider: 'cloro', verifyUrl: 'https://cloro.attacker.example/v' }, cloro, noSettings),
    ).toEqual({
      host: 'cloro.attacker.example',
      extraCa: null,
    })
  })
})

describe('mayReachWithoutAsking', () => {
  const own = { host: airclouHost, extraCa: null }
  const attacker = { host: 'attacker.example', extraCa: null }

  it('lets a key go where it went, or nowhere', () => {
    expect(mayReachWithoutAsking(attacker, attacker, airclou)).toBe(true)
    expect(mayReachWithoutAsking(attacker, null, airclou)).toBe(true)
  })

  it("lets a key go back to its built-in provider's own hosts (narrowing), even keeping a CA it trusted", () => {
    expect(mayReachWithoutAsking({ host: 'proxy.example', extraCa: null }, own, airclou)).toBe(true)
    expect(mayReachWithoutAsking({ host: 'proxy.example', extraCa: PEM }, { ...own, extraCa: PEM }, airclou)).toBe(true)
    expect(mayReachWithoutAsking(null, own, airclou)).toBe(true)
  })

  it('asks for any other host, and for a CA not trusted before', () => {
    expect(mayReachWithoutAsking(own, attacker, airclou)).toBe(false)
    expect(mayReachWithoutAsking(null, attacker, cloro)).toBe(false)
    expect(mayReachWithoutAsking(own, { ...own, extraCa: PEM }, airclou)).toBe(false)
    expect(mayReachWithoutAsking(attacker, { ...attacker, extraCa: PEM }, airclou)).toBe(false)
  })

  it("counts a custom provider's hosts as its own only as stored (confirmed when saved), never a new definition's", () => {
    const acmeHost = { host: 'api.acme.example', extraCa: null }
    expect(mayReachWithoutAsking({ host: 'proxy.example', extraCa: null }, acmeHost, custom)).toBe(true)
    expect(mayReachWithoutAsking(null, acmeHost, undefined)).toBe(false)
    expect(mayReachWithoutAsking(null, { host: 'keys.attacker.example', extraCa: null }, custom)).toBe(false)
  })

  it('lets a CA go (clearing it narrows)', () => {
    expect(mayReachWithoutAsking({ ...attacker, extraCa: PEM }, attacker, airclou)).toBe(true)
  })
})
