// The rotate flow and the Rotation panel's data through the bridge, as the app runs them: the real
// handlers on a real vault, the new value tested in place against the provider simulator.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createHandlers,
  createServices,
  disposeServices,
  type Handlers,
  type MainServices,
} from '../../../main/ipc/handlers'
import { startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { bridgeCalls } from '../../support/bridgeCalls'
import { fakeKeys } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { MemoryClipboard } from '../../support/memoryClipboard'
import { ScriptedDialogs } from '../../support/scriptedDialogs'
import { ScriptedConfirmations } from '../../support/scriptedConfirmations'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'

let simulator: ProviderSimulator
let temp: ReturnType<typeof makeTempDirectory>
let dialogs: ScriptedDialogs
let confirmations: ScriptedConfirmations
let clipboard: MemoryClipboard
let services: MainServices
let handlers: Handlers
let changes = 0
const { call, callError } = bridgeCalls(() => handlers)

beforeAll(async () => {
  simulator = await startProviderSimulator()
})
afterAll(async () => {
  await simulator.close()
})
beforeEach(async () => {
  temp = makeTempDirectory()
  dialogs = new ScriptedDialogs()
  confirmations = new ScriptedConfirmations()
  clipboard = new MemoryClipboard()
  changes = 0
  services = createServices({
    vaultPath: tempVaultPath(temp.directory),
    clipboard,
    dialogs,
    confirmations,
    kdfCost: TEST_KDF_COST,
    clock: new ManualClock(Date.now()),
    onRotationChanged: () => (changes += 1),
  })
  handlers = createHandlers(services)
  await call('createVault', { password: 'master password' })
  confirmations.answerNext(true)
  await call('setProviderBaseUrl', { providerId: 'airclou', baseUrl: simulator.baseUrls.airclou })
  dialogs.answerNext(simulator.caPath)
  confirmations.answerNext(true)
  await call('chooseProviderCaCertificate', { providerId: 'airclou' })
})
afterEach(async () => {
  await disposeServices(services)
  temp.cleanup()
})

describe('rotating a key from the app', () => {
  it('walks the flow: paste, test in place, make current, old value retiring, confirm revoked', async () => {
    const oldValue = fakeKeys.airclouLive()
    const newValue = fakeKeys.airclouLive()
    simulator.registerKey('airclou', { value: newValue })
    const key = await call('addKey', { name: 'Airclou prod', value: oldValue, provider: 'airclou' })

    expect(await callError('startRotation', { id: key.id, value: oldValue })).toMatchObject({
      code: 'invalid_argument',
    })
    const started = await call('startRotation', { id: key.id, value: newValue })
    expect(started).toMatchObject({ stage: 'pending', nextStep: 'test' })
    expect(JSON.stringify(started)).not.toContain(newValue)
    expect((await call('revealKey', { id: key.id })).value).toBe(oldValue)

    const tested = await call('testRotation', { id: key.id })
    expect(tested).toMatchObject({ stage: 'tested', canPromote: true, test: { outcome: 'valid' } })
    const promoted = await call('promoteRotation', { id: key.id })
    expect(promoted.stage).toBe('promoted')
    expect((await call('revealKey', { id: key.id })).value).toBe(newValue)
    // The new value's test becomes the key's last test, and the list still answers.
    expect((await call('listKeys', {})).keys[0]?.lastTest).toMatchObject({ outcome: 'valid', httpStatus: 200 })

    await call('copyRetiringKey', { id: key.id })
    expect(clipboard.text).toBe(oldValue)
    // The old value is a value too: copies of it count towards the allowance main keeps.
    for (let copy = 0; copy < 2; copy += 1) await call('copyRetiringKey', { id: key.id })
    expect(await callError('copyRetiringKey', { id: key.id })).toMatchObject({ code: 'reauth_required' })
    await call('confirmMasterPassword', { password: 'master password' })
    await call('copyRetiringKey', { id: key.id })

    const done = await call('confirmRotationRevoked', { id: key.id })
    expect(done.stage).toBe('done')
    const history = await call('listKeyVersionHistory', { id: key.id })
    expect(history.map((entry) => [entry.version, entry.status])).toEqual([
      [2, 'current'],
      [1, 'revoked'],
    ])
    expect(history[1]?.revokedAt).not.toBeNull()
    expect(changes).toBeGreaterThan(0)
  })

  it('shows the overview most urgent first, and refuses a snooze of an expired key in words', async () => {
    const expired = await call('addKey', { name: 'Old', value: fakeKeys.clipiaLive(), expiresAt: '2020-01-01' })
    await call('addKey', { name: 'Fresh', value: fakeKeys.clipiaTest() })
    const overview = await call('getRotationOverview')
    expect(overview.keys.map((status) => [status.name, status.state])).toEqual([
      ['Old', 'expired'],
      ['Fresh', 'ok'],
    ])
    expect(await callError('snoozeRotation', { id: expired.id, snooze: { days: 7 } })).toMatchObject({
      message: /expired/,
    })
    expect(await callError('setRotationPeriod', { id: expired.id, days: 0 })).toMatchObject({
      code: 'invalid_argument',
    })
    expect(await callError('setRotationPeriod', { id: expired.id, days: 10_000 })).toMatchObject({
      code: 'invalid_argument',
    })
  })

  it('writes a calendar of due dates where the user chose, readable only by them', async () => {
    await call('addKey', { name: 'Clipia prod', value: fakeKeys.clipiaLive() })
    const path = `${temp.directory}/due.ics`
    dialogs.answerNext(path)
    expect(await call('exportRotationCalendar')).toEqual({ canceled: false, path, count: 1 })
    const { readFileSync, statSync } = await import('node:fs')
    expect(readFileSync(path, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })
})
