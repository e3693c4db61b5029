// Auth tests through the bridge, as the app runs them: the real handlers on a real vault, pointed
// at the HTTPS provider simulator by the user's own settings (base URL, trusted CA).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { methodNames } from '#contract'
import { startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { useIpcWorld } from '../../support/ipcWorld'
import { pointAtSimulator } from '../../support/pointAtSimulator'
import { byText } from '../../support/byText'
import { acmeProvider } from '../../support/customProvider'

let simulator: ProviderSimulator

beforeAll(async () => {
  simulator = await startProviderSimulator()
})
afterAll(async () => {
  await simulator.close()
})
beforeEach(() => simulator.reset())
const world = useIpcWorld({ createVault: true, services: () => ({ authTestTimeoutMilliseconds: 1_500 }) })
const { call, callError } = world

describe('testing keys from the app', () => {
  it('tests a valid Airclou key, keeps what the answer told, and shows it on the key', async () => {
    await pointAtSimulator(world, simulator, 'airclou')
    const value = fakeKeys.airclouLive()
    simulator.registerKey('airclou', {
      value,
      permissions: ['read'],
      expiresAt: '2027-03-01T00:00:00Z',
      keyId: 'key_0000000042',
    })
    const key = await call('addKey', { name: 'Airclou prod', value })
    const test = await call('testKey', { id: key.id })
    expect(test).toMatchObject({ outcome: 'valid', httpStatus: 200, attempts: 1, keyVersion: 1 })
    expect(test.latencyMilliseconds).toBeGreaterThan(0)
    const updated = await call('getKey', { id: key.id })
    expect(updated.lastTest).toMatchObject({ outcome: 'valid' })
    expect(updated.providerFacts).toMatchObject({
      permissions: ['read'],
      keyId: 'key_0000000042',
      expiresAt: '2027-03-01T00:00:00.000Z',
    })
    expect((await call('listKeyTests', { id: key.id })).map((entry) => entry.outcome)).toEqual(['valid'])
    // One entry in the audit log, written by the key-test service (as the CLI's tests are).
    const logged = (await call('listAuditLog', { keyId: key.id })).entries
    expect(logged.map((entry) => [entry.actor, entry.action, entry.subject, entry.detail])).toEqual([
      ['app', 'key tested', 'Airclou prod', 'valid'],
      ['app', 'key added', 'Airclou prod', 'live, airclou'],
    ])
    // The key went to the simulated Airclou only, over HTTPS.
    expect(simulator.requests.map((request) => [request.provider, request.protocol, request.path])).toEqual([
      ['airclou', 'https', '/playbook/api/v1/auth/verify'],
    ])
  })

  it('says a revoked key is invalid, in words, and keeps the earlier facts', async () => {
    await pointAtSimulator(world, simulator, 'clipia')
    const value = fakeKeys.clipiaLive()
    simulator.registerKey('clipia', { value, state: 'revoked' })
    const key = await call('addKey', { name: 'Clipia prod', value })
    const test = await call('testKey', { id: key.id })
    expect(test).toMatchObject({ outcome: 'invalid', httpStatus: 401 })
    expect(test.reason).toMatch(/invalid_api_key/)
    expect(simulator.requests.every((request) => request.sideEffect === null)).toBe(true)
  })

  it('refuses to trust a file that is not a certificate, and a base URL over plain HTTP', async () => {
    const notPem = join(world.temp.directory, 'not-a-cert.pem')
    writeFileSync(notPem, 'hello')
    world.dialogs.answerNext(notPem)
    expect(await callError('chooseProviderCaCertificate', { providerId: 'clipia' })).toMatchObject({
      code: 'invalid_argument',
      message: /no PEM certificate/,
    })
    expect(
      await callError('setProviderBaseUrl', { providerId: 'clipia', baseUrl: 'http://127.0.0.1:9' }),
    ).toMatchObject({ message: /https:\/\// })
    const providers = await call('listProviders')
    expect(providers.find((provider) => provider.id === 'clipia')).toMatchObject({ baseUrl: null, caCertificate: null })
  })

  it('shows the base URL override and the trusted CA in the provider list', async () => {
    await pointAtSimulator(world, simulator, 'clodura')
    const clodura = (await call('listProviders')).find((provider) => provider.id === 'clodura')!
    expect(clodura.baseUrl).toBe(simulator.baseUrls.clodura)
    expect(clodura.caCertificate).toMatch(/\.pem$/)
    expect(clodura.authTest?.plans.find((plan) => plan.id === 'starter')?.limits).toEqual({
      perSecond: 1,
      perMinute: 10,
      perDay: 600,
    })
  })

  it('without the CA trusted, says the certificate is not trusted instead of calling the key bad', async () => {
    world.confirmations.answerNext(true)
    await call('setProviderBaseUrl', { providerId: 'clipia', baseUrl: simulator.baseUrls.clipia })
    const key = await call('addKey', { name: 'Clipia', value: fakeKeys.clipiaTest() })
    const test = await call('testKey', { id: key.id })
    expect(test.outcome).toBe('network_error')
    expect(test.reason).toMatch(/certificate .* not trusted/i)
  })

  it('explains a key it cannot test: no provider, or Cloro without a verify URL', async () => {
    const plain = await call('addKey', { name: 'Mystery', value: fakeKeys.cloro() })
    expect(await callError('testKey', { id: plain.id })).toMatchObject({
      code: 'not_testable',
      message: /has no provider/,
    })
    const cloro = await call('addKey', { name: 'Cloro', value: fakeKeys.cloro(), provider: 'cloro' })
    expect(await callError('testKey', { id: cloro.id })).toMatchObject({ code: 'not_testable', message: /verify URL/ })
  })

  it('refuses a plan, scheme or verify URL the provider does not have, and changes nothing', async () => {
    const key = await call('addKey', { name: 'Clodura', value: fakeKeys.clodura(), provider: 'clodura' })
    expect(await callError('updateKey', { id: key.id, changes: { plan: 'platinum' } })).toMatchObject({
      message: /not one of Clodura's plans/,
    })
    expect(await callError('updateKey', { id: key.id, changes: { authScheme: 'bearer' } })).toMatchObject({
      message: /header schemes/,
    })
    expect(
      await callError('updateKey', { id: key.id, changes: { verifyUrl: 'https://evil.example/steal' } }),
    ).toMatchObject({
      message: /only to api\.clodura\.ai/,
    })
    expect(await call('getKey', { id: key.id })).toMatchObject({ plan: null, authScheme: null, verifyUrl: null })
    expect((await call('updateKey', { id: key.id, changes: { plan: 'starter' } })).plan).toBe('starter')
  })

  it('runs every key in the background with progress, and counts the outcomes', async () => {
    for (const provider of ['clodura', 'airclou', 'clipia', 'agentclara'] as const)
      await pointAtSimulator(world, simulator, provider)
    const keys = [
      { provider: 'clodura', value: fakeKeys.clodura(), spec: {} },
      { provider: 'airclou', value: fakeKeys.airclouLive(), spec: { state: 'expired' as const } },
      { provider: 'clipia', value: fakeKeys.clipiaTest(), spec: {} },
      { provider: 'agentclara', value: fakeKeys.agentclaraLive(), spec: {} },
    ] as const
    for (const [index, key] of keys.entries()) {
      simulator.registerKey(key.provider, { value: key.value, ...key.spec })
      await call('addKey', { name: `key ${index}`, value: key.value, provider: key.provider })
    }
    await call('addKey', { name: 'no provider', value: fakeKeys.cloro() })
    await call('addKey', { name: 'Cloro one', value: fakeKeys.cloro(), provider: 'cloro' })
    await call('addKey', { name: 'Cloro two', value: fakeKeys.cloro(), provider: 'cloro' })
    const started = await call('startTestRun', {})
    expect(started).toMatchObject({ state: 'running', total: 7 })
    await world.services.keyTests.settled()
    const logged = (await call('listAuditLog', {})).entries.filter((entry) => entry.action.startsWith('tests'))
    expect(logged.map((entry) => [entry.actor, entry.action, entry.detail])).toEqual([
      ['app', 'tests started', '7 keys'],
    ])
    const finished = await call('getTestRun')
    expect(finished).toMatchObject({ state: 'finished', done: 7, counts: { valid: 3, expired: 1 }, inFlight: [] })
    // Each skipped key says what would fix it, so the window groups them ("2 Cloro keys need a verify URL").
    expect(
      finished?.skipped
        .map(({ name, provider, cause }) => ({ name, provider, cause }))
        .sort((a, b) => byText(a.name, b.name)),
    ).toEqual([
      { name: 'Cloro one', provider: 'cloro', cause: 'no_verify_url' },
      { name: 'Cloro two', provider: 'cloro', cause: 'no_verify_url' },
      { name: 'no provider', provider: null, cause: 'no_provider' },
    ])
    // Every tested key keeps its result: last test on the key, and an entry in its history.
    const listed = (await call('listKeys', {})).keys
    expect(
      listed
        .filter((key) => key.lastTest !== null)
        .map((key) => key.lastTest?.outcome)
        .sort(byText),
    ).toEqual(['expired', 'valid', 'valid', 'valid'])
    for (const key of listed.filter((entry) => entry.lastTest))
      expect(await call('listKeyTests', { id: key.id })).toHaveLength(1)
  })

  it('stops a run when the vault locks', async () => {
    await pointAtSimulator(world, simulator, 'clodura')
    for (let index = 0; index < 4; index += 1) {
      const value = fakeKeys.clodura()
      simulator.registerKey('clodura', { value, behaviour: 'timeout' })
      await call('addKey', { name: `slow ${index}`, value, provider: 'clodura' })
    }
    await call('startTestRun', {})
    // The keys under way are named while they wait for their answer: the rows say "testing…".
    await expect.poll(async () => (await call('getTestRun'))?.inFlight.length).toBe(4)
    await call('lockVault')
    await world.services.keyTests.settled()
    expect(world.services.keyTests.runStatus()?.state).toBe('canceled')
  })

  it("recognises a user's own provider by its prefix, and refuses a definition that breaks the schema", async () => {
    const definition = acmeProvider
    expect(
      await callError('saveCustomProvider', { definition: JSON.stringify({ ...definition, hosts: ['not a host'] }) }),
    ).toMatchObject({
      code: 'invalid_argument',
      message: /hosts/,
    })
    await call('saveCustomProvider', { definition: JSON.stringify(definition) })
    expect(await call('guessKey', { value: `acme_live_${fakeKeys.cloro()}` })).toMatchObject({
      provider: 'acme',
      environment: 'live',
      envVar: 'ACME_KEY',
    })
  })

  it('removes only a provider of yours: a built-in one and an unknown id are refused in words, the same rule as the CLI', async () => {
    const definition = acmeProvider
    await call('saveCustomProvider', { definition: JSON.stringify(definition) })
    expect(await callError('deleteCustomProvider', { providerId: 'clodura' })).toMatchObject({
      code: 'invalid_argument',
      message: '"clodura" is built into Keyward; only providers you added can be removed.',
    })
    expect(await callError('deleteCustomProvider', { providerId: 'nope' })).toMatchObject({
      code: 'not_found',
      message: 'There is no provider of yours with the id "nope". Yours: acme.',
    })
    expect(await call('deleteCustomProvider', { providerId: 'acme' })).toEqual({ deleted: true })
    expect((await call('listProviders')).some((provider) => provider.id === 'acme')).toBe(false)
  })

  it("gives a key added without a provider the user's own provider its prefix names", async () => {
    const definition = acmeProvider
    await call('saveCustomProvider', { definition: JSON.stringify(definition) })
    // The vault guesses nothing: the handler guesses with every provider the vault knows and passes it in.
    expect(await call('addKey', { name: 'Acme prod', value: `acme_live_${fakeKeys.cloro()}` })).toMatchObject({
      provider: 'acme',
      environment: 'live',
      envVar: 'ACME_KEY',
    })
  })

  it('has a method for everything the Tests panel needs', () => {
    for (const name of [
      'testKey',
      'listKeyTests',
      'startTestRun',
      'getTestRun',
      'cancelTestRun',
      'setProviderBaseUrl',
    ]) {
      expect(methodNames).toContain(name)
    }
  })
})
