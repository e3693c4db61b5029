// The rotate flow against the HTTPS provider simulator through the real auth tester (the seam the
// app wires), and the calendar export written from a real vault.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AuthTester, HttpsTransport } from '../../../main/authtest/index'
import { RotationService, exportCalendar, testValueWithAuthTester } from '../../../main/rotation-service/index'
import { fingerprintSecret, startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { DAY, createRotationWorld, type RotationWorld } from './rotationKit'
import { guessed } from '../../support/guessedKey'

let world: RotationWorld
let simulator: ProviderSimulator

beforeAll(async () => {
  simulator = await startProviderSimulator({ clock: { now: () => world?.clock.now() ?? Date.now() } })
})
afterAll(async () => {
  await simulator.close()
})
beforeEach(async () => {
  simulator.reset()
  world = await createRotationWorld()
})
afterEach(() => world.cleanup())

const iso = (time: number) => new Date(time).toISOString()

const serviceOnSimulator = () => {
  world.vault().providers.setBaseUrl('airclou', simulator.baseUrls.airclou)
  world
    .vault()
    .providers.setCaCertificate('airclou', { name: 'simulator-ca.pem', pem: readFileSync(simulator.caPath, 'utf8') })
  const tester = new AuthTester({ clock: world.clock, transport: new HttpsTransport(), timeoutMilliseconds: 5_000 })
  return new RotationService({
    openVault: () => world.vault(),
    clock: world.clock,
    testValue: testValueWithAuthTester(() => world.vault(), tester),
  })
}

describe('rotating an Airclou key against the simulator', () => {
  it('tests the new value in place, takes its expiry from Airclou’s answer, and sends the old value nowhere', async () => {
    const service = serviceOnSimulator()
    const oldValue = fakeKeys.airclouLive()
    simulator.registerKey('airclou', { value: oldValue, expiresAt: iso(world.clock.now() + 10 * DAY) })
    const key = world.vault().keys.add(guessed({ name: 'Airclou prod', value: oldValue }))
    const newValue = fakeKeys.airclouLive()
    const newExpiry = iso(world.clock.now() + 60 * DAY)
    simulator.registerKey('airclou', { value: newValue, expiresAt: newExpiry, permissions: ['read', 'write'] })

    service.startRotation(key.id, newValue)
    const tested = await service.testNewValue(key.id)
    expect(tested).toMatchObject({ test: { outcome: 'valid' }, canPromote: true })
    expect(simulator.requests).toHaveLength(1)
    expect(simulator.requests[0]!.credential.fingerprint).toEqual(fingerprintSecret(newValue))
    service.promote(key.id)
    // Due at the new value's expiry (60 days), before Airclou's 90-day period.
    expect(service.status(key.id)).toMatchObject({
      dueAt: new Date(Date.parse(newExpiry)).toISOString(),
      dueReason: 'expiry from the provider',
      state: 'ok',
    })
    expect(world.vault().keys.get(key.id).providerFacts).toMatchObject({ permissions: ['read', 'write'] })
  })

  it('keeps a revoked new value from becoming current', async () => {
    const service = serviceOnSimulator()
    const key = world.vault().keys.add(guessed({ name: 'Airclou prod', value: fakeKeys.airclouLive() }))
    const revoked = fakeKeys.airclouLive()
    simulator.registerKey('airclou', { value: revoked, state: 'revoked' })
    service.startRotation(key.id, revoked)
    expect(await service.testNewValue(key.id)).toMatchObject({
      test: { outcome: 'invalid' },
      canPromote: false,
      canForce: false,
    })
    expect(() => service.promote(key.id, { force: true })).toThrow(/refused the new value/)
  })

  it('says a key without a provider cannot be tested, and lets it be made current with force', async () => {
    const service = serviceOnSimulator()
    const key = world.vault().keys.add(guessed({ name: 'Mystery', value: fakeKeys.cloro() }))
    service.startRotation(key.id, fakeKeys.cloro())
    const flow = await service.testNewValue(key.id)
    expect(flow).toMatchObject({ test: { outcome: 'not_testable' }, canForce: true })
    expect(service.promote(key.id, { force: true })).toMatchObject({ forced: true, stage: 'promoted' })
    expect(simulator.requests).toHaveLength(0)
  })
})

describe('calendar export', () => {
  it('writes an .ics file, mode 0600, one event per key, names but never values', () => {
    const value = fakeKeys.airclouLive()
    world.vault().keys.add(guessed({ name: 'Airclou prod', value }))
    world.vault().keys.add(guessed({ name: 'Clodura, EU', value: fakeKeys.clodura() }))
    const path = join(world.directory, 'keyward-rotation.ics')
    expect(exportCalendar(world.vault(), path, world.clock.now(), { dayOf: (time) => iso(time).slice(0, 10) })).toEqual(
      { path, count: 2 },
    )
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const text = readFileSync(path, 'utf8')
    expect(text.match(/BEGIN:VEVENT\r\n/g)).toHaveLength(2)
    expect(text).toContain('SUMMARY:Rotate Clodura\\, EU\r\n')
    expect(text).toContain('DTSTART;VALUE=DATE:20260401\r\n')
    expect(text.match(/TRIGGER:-P(30|7|1)D/g)).toHaveLength(6)
    expect(text).not.toContain(value)
    expect(text).not.toContain(value.slice(-4))
  })
})
