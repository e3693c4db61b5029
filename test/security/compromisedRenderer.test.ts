// A compromised renderer, tried through the real handlers: it may call any bridge method with any
// argument, in any order. It must not get a key's value sent to a host the user did not allow in
// main's own confirmation, and it must not read every value: past the allowance, main asks for the
// master password. An attacker's HTTPS server records every request; its CA is trusted wherever a
// step needs it, so the one step declined is all that stands between a key and that server.
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createHandlers,
  createServices,
  disposeServices,
  invokeMethod,
  type Handlers,
  type MainServices,
} from '../../main/ipc/handlers'
import { knownProviders } from '../../main/providers/index'
import type { WideningRequest } from '../../main/ipc/confirmations'
import { methodNames } from '#contract'
import { generateTestCertificates, startProviderSimulator, type ProviderSimulator } from '../simulator/index'
import { bridgeCalls } from '../support/bridgeCalls'
import { fakeKeys } from '../support/fakeKeys'
import { ManualClock } from '../support/manualClock'
import { MemoryClipboard } from '../support/memoryClipboard'
import { ScriptedConfirmations } from '../support/scriptedConfirmations'
import { ScriptedDialogs } from '../support/scriptedDialogs'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../support/tempVault'

const PASSWORD = 'master password'

/** An HTTPS server of the attacker's that answers 200 to anything and keeps every request's headers. */
const startAttacker = async () => {
  const certificates = generateTestCertificates({ names: ['localhost'] })
  const received: string[] = []
  const server: Server = createServer(
    { cert: certificates.serverCertificatePem, key: certificates.serverPrivateKeyPem },
    (request, response) => {
      received.push(JSON.stringify(request.headers))
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{}')
    },
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `https://localhost:${(server.address() as AddressInfo).port}`
  return {
    origin,
    caPem: certificates.caCertificatePem,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

let simulator: ProviderSimulator
let attacker: Awaited<ReturnType<typeof startAttacker>>
let temp: ReturnType<typeof makeTempDirectory>
let dialogs: ScriptedDialogs
let clock: ManualClock
let services: MainServices
let handlers: Handlers
/** The step a scenario tries: the user declines it; every other question is allowed. */
let declined: (request: WideningRequest) => boolean
let confirmations: ScriptedConfirmations
/** The simulator's CA and the attacker's in one file, so trusting it lets either handshake succeed. */
let bothCas: string

beforeAll(async () => {
  simulator = await startProviderSimulator()
  attacker = await startAttacker()
})
afterAll(async () => {
  await simulator.close()
  await attacker.close()
})
beforeEach(async () => {
  simulator.reset()
  attacker.received.length = 0
  temp = makeTempDirectory()
  bothCas = join(temp.directory, 'cas.pem')
  writeFileSync(bothCas, `${simulator.caCertificatePem}\n${attacker.caPem}`)
  dialogs = new ScriptedDialogs()
  declined = () => false
  confirmations = new ScriptedConfirmations((request) => !declined(request))
  clock = new ManualClock(Date.now())
  services = createServices({
    vaultPath: tempVaultPath(temp.directory),
    clipboard: new MemoryClipboard(),
    dialogs,
    confirmations,
    clock,
    kdfCost: TEST_KDF_COST,
    authTestTimeoutMilliseconds: 1_500,
  })
  handlers = createHandlers(services)
  await call('createVault', { password: PASSWORD })
})
afterEach(async () => {
  await disposeServices(services)
  temp.cleanup()
})

const { call, callError } = bridgeCalls(() => handlers)

const trustBothCas = async (providerId: string) => {
  dialogs.answerNext(bothCas)
  return invokeMethod(handlers, 'chooseProviderCaCertificate', { providerId })
}

/** The user's Airclou key, tested through the simulator (a staging host the user set up and allowed). */
const airclouThroughSimulator = async () => {
  await call('setProviderBaseUrl', { providerId: 'airclou', baseUrl: simulator.baseUrls.airclou })
  await trustBothCas('airclou')
  const value = fakeKeys.airclouLive()
  simulator.registerKey('airclou', { value, permissions: ['read'] })
  const key = await call('addKey', { name: 'Airclou prod', value, provider: 'airclou' })
  return { key, value }
}

/** Every row the renderer can see that a widening change would touch. */
const visibleState = async () => ({ keys: (await call('listKeys', {})).keys, providers: await call('listProviders') })

const testEverything = async () => {
  await call('startTestRun', {})
  await services.keyTests.settled()
}

const attackerGot = (value: string) => attacker.received.some((headers) => headers.includes(value))

type Scenario = {
  name: string
  /** The question the user declines in the declined run. */
  step: RegExp
  /** The user's keys and the settings they allowed; answers the value at stake and the renderer's move. */
  setup: () => Promise<{ value: string; move: () => Promise<unknown> }>
}

/** A call as the renderer makes it: never throws, answers a Result. */
const attempt = (name: string, argument: unknown) => invokeMethod(handlers, name, argument)

const scenarios: Scenario[] = [
  {
    name: "points the provider's base URL at the attacker",
    step: /^Send Airclou's key tests to https:\/\/localhost/,
    async setup() {
      const { value } = await airclouThroughSimulator()
      return { value, move: () => attempt('setProviderBaseUrl', { providerId: 'airclou', baseUrl: attacker.origin }) }
    },
  },
  {
    name: "trusts the attacker's CA for a provider pointed at the attacker",
    step: /^Trust the CA certificate/,
    async setup() {
      await call('setProviderBaseUrl', { providerId: 'airclou', baseUrl: attacker.origin })
      const value = fakeKeys.airclouLive()
      await call('addKey', { name: 'Airclou prod', value, provider: 'airclou' })
      return { value, move: () => trustBothCas('airclou') }
    },
  },
  {
    name: 'moves a key to a provider pointed at the attacker',
    step: /^Test "Airclou prod" with clipia/,
    async setup() {
      const { key, value } = await airclouThroughSimulator()
      await call('setProviderBaseUrl', { providerId: 'clipia', baseUrl: attacker.origin })
      await trustBothCas('clipia')
      return { value, move: () => attempt('updateKey', { id: key.id, changes: { provider: 'clipia' } }) }
    },
  },
  {
    name: "gives a Cloro key the attacker's verify URL",
    step: /^Test "Cloro" with cloro at https:\/\/localhost/,
    async setup() {
      const value = fakeKeys.cloro()
      simulator.registerKey('cloro', { value })
      const key = await call('addKey', {
        name: 'Cloro',
        value,
        provider: 'cloro',
        verifyUrl: simulator.verifyUrls.cloro,
      })
      await trustBothCas('cloro')
      return {
        value,
        move: () => attempt('updateKey', { id: key.id, changes: { verifyUrl: `${attacker.origin}/v1/me` } }),
      }
    },
  },
  {
    name: 'defines a custom provider on the attacker host for a key that names it',
    step: /^Save the provider "Acme"/,
    async setup() {
      const value = fakeKeys.cloro()
      await call('addKey', { name: 'Acme', value, provider: 'acme' })
      const cloro = knownProviders([]).find((entry) => entry.definition.id === 'cloro')!.definition
      const definition = {
        ...cloro,
        id: 'acme',
        name: 'Acme',
        envVar: 'ACME_KEY',
        hosts: ['api.acme.example'],
        authTest: { ...cloro.authTest!, verify: { method: 'GET', url: 'https://api.acme.example/v1/me' } },
      }
      return {
        value,
        move: async () => {
          const saved = await attempt('saveCustomProvider', { definition: JSON.stringify(definition) })
          if (!saved.ok) expect(saved.error).toMatchObject({ code: 'not_confirmed' })
          // Then the attacker's host for it (no DNS in tests: the base URL stands in for a host it controls).
          await attempt('setProviderBaseUrl', { providerId: 'acme', baseUrl: attacker.origin })
          await trustBothCas('acme')
        },
      }
    },
  },
]

describe('a compromised renderer cannot widen where a key goes', () => {
  it.each(scenarios)('$name: declined in main, the attacker receives nothing and nothing changed', async (scenario) => {
    declined = (request) => scenario.step.test(request.change)
    const { value, move } = await scenario.setup()
    const before = await visibleState()
    await move()
    const afterMove = await visibleState()
    await testEverything()
    for (const { id } of (await call('listKeys', {})).keys) await attempt('testKey', { id })
    expect(attackerGot(value), 'the attacker received the key').toBe(false)
    expect(afterMove, 'the declined change left the vault as it was').toEqual(before)
    expect(
      confirmations.asked.some((request) => scenario.step.test(request.change)),
      'main asked the user',
    ).toBe(true)
  })

  it.each(scenarios)(
    '$name: allowed in main, the value does reach that host (the scenario can see a leak)',
    async (scenario) => {
      const { value, move } = await scenario.setup()
      await move()
      await testEverything()
      expect(attackerGot(value)).toBe(true)
    },
  )

  it('answers not_confirmed in words, naming the host, and leaves the vault as it was', async () => {
    const { key } = await airclouThroughSimulator()
    declined = () => true
    const before = await visibleState()
    const error = await callError('setProviderBaseUrl', { providerId: 'airclou', baseUrl: attacker.origin })
    expect(error).toEqual({
      code: 'not_confirmed',
      message: `You declined sending keys to ${new URL(attacker.origin).host}: nothing changed.`,
    })
    const asked = confirmations.asked.at(-1)!
    expect(asked).toMatchObject({
      hosts: [new URL(attacker.origin).host],
      keyNames: ['Airclou prod'],
      laterKeysOf: 'Airclou',
    })
    expect(await visibleState()).toEqual(before)
    expect((await call('listAuditLog', {})).entries[0]).toMatchObject({
      action: 'wider reach declined',
      subject: new URL(attacker.origin).host,
    })
    expect((await call('getKey', { id: key.id })).provider).toBe('airclou')
  })

  it('asks nothing for changes that narrow: back to the own host, a CA removed, a verify URL cleared', async () => {
    await airclouThroughSimulator()
    const cloro = await call('addKey', {
      name: 'Cloro',
      value: fakeKeys.cloro(),
      provider: 'cloro',
      verifyUrl: simulator.verifyUrls.cloro,
    })
    const asked = confirmations.asked.length
    declined = () => true
    await call('setProviderBaseUrl', { providerId: 'airclou', baseUrl: null })
    await call('clearProviderCaCertificate', { providerId: 'airclou' })
    await call('updateKey', { id: cloro.id, changes: { verifyUrl: null } })
    await call('updateKey', { id: cloro.id, changes: { notes: 'edited', name: 'Cloro main' } })
    expect(confirmations.asked.length).toBe(asked)
  })

  it('asks one question at a time: a second wider change while main asks is refused, and changes nothing', async () => {
    await airclouThroughSimulator()
    let answer: (allow: boolean) => void = () => undefined
    const pending = new Promise<boolean>((resolve) => (answer = resolve))
    const slow = { confirmWiderReach: () => pending }
    await disposeServices(services)
    services = createServices({
      vaultPath: tempVaultPath(temp.directory),
      clipboard: new MemoryClipboard(),
      dialogs,
      confirmations: slow,
      clock,
      kdfCost: TEST_KDF_COST,
    })
    handlers = createHandlers(services)
    await call('unlockVault', { password: PASSWORD })
    const first = attempt('setProviderBaseUrl', { providerId: 'airclou', baseUrl: attacker.origin })
    const second = attempt('setProviderBaseUrl', { providerId: 'clipia', baseUrl: attacker.origin })
    answer(false)
    expect(await second).toMatchObject({
      ok: false,
      error: { code: 'vault_busy', message: /already asking you to confirm/ },
    })
    expect(await first).toMatchObject({ ok: false, error: { code: 'not_confirmed' } })
    expect((await call('listProviders')).filter((provider) => provider.baseUrl === attacker.origin)).toEqual([])
  })

  it('has no bridge method that answers main’s confirmation', () => {
    expect(methodNames.filter((name) => /confirm|allow|approve/i.test(name))).toEqual([
      'confirmMasterPassword',
      'confirmRotationRevoked',
    ])
  })
})

describe('a compromised renderer cannot read every value', () => {
  it('stops 600 reveals after the allowance, and only the master password renews it', async () => {
    const keys = []
    for (let index = 0; index < 30; index += 1)
      keys.push(await call('addKey', { name: `Key ${index}`, value: fakeKeys.airclouLive(), provider: 'airclou' }))
    let revealed = 0
    const refusals = new Set<string>()
    for (let index = 0; index < 600; index += 1) {
      const answer = await attempt('revealKey', { id: keys[index % keys.length]!.id })
      const result = answer.ok ? null : answer.error.code
      if (result === null) revealed += 1
      else refusals.add(result)
    }
    expect(revealed).toBe(5)
    expect([...refusals]).toEqual(['reauth_required'])
    // Copies draw on the same allowance.
    expect(await callError('copyKey', { id: keys[0]!.id })).toMatchObject({
      code: 'reauth_required',
      message: /master password/,
    })
    expect(await callError('copyKeyEnvLine', { id: keys[0]!.id })).toMatchObject({ code: 'reauth_required' })
    // A wrong password renews nothing and counts towards the unlock throttle.
    for (let wrong = 0; wrong < 4; wrong += 1)
      expect(await callError('confirmMasterPassword', { password: 'guess' })).toMatchObject({ code: 'wrong_password' })
    expect(await callError('confirmMasterPassword', { password: PASSWORD })).toMatchObject({ code: 'rate_limited' })
    expect(await callError('revealKey', { id: keys[0]!.id })).toMatchObject({ code: 'reauth_required' })
    clock.advance(60_000)
    await call('confirmMasterPassword', { password: PASSWORD })
    for (let index = 0; index < 5; index += 1) await call('copyKey', { id: keys[index]!.id })
    expect(await callError('revealKey', { id: keys[0]!.id })).toMatchObject({ code: 'reauth_required' })
    const actions = (await call('listAuditLog', { limit: 1000 })).entries.map((entry) => entry.action)
    expect(actions.filter((action) => action === 'value revealed')).toHaveLength(5)
    expect(actions.filter((action) => action === 'value copied')).toHaveLength(5)
    expect(actions.filter((action) => action === 'master password typed again')).toHaveLength(1)
  })

  it('gives a fresh allowance on unlock', async () => {
    const key = await call('addKey', { name: 'Key', value: fakeKeys.airclouLive() })
    for (let index = 0; index < 5; index += 1) await call('revealKey', { id: key.id })
    expect(await callError('revealKey', { id: key.id })).toMatchObject({ code: 'reauth_required' })
    await call('lockVault')
    await call('unlockVault', { password: PASSWORD })
    await call('revealKey', { id: key.id })
  })
})
