// The rotate flow and the Rotation panel's data through the bridge, as the app runs them: the real
// handlers on a real vault, the new value tested in place against the provider simulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { MASTER_PASSWORD, useIpcWorld } from '../../support/ipcWorld'
import { pointAtSimulator } from '../../support/pointAtSimulator'

let simulator: ProviderSimulator

beforeAll(async () => {
  simulator = await startProviderSimulator()
})
afterAll(async () => {
  await simulator.close()
})
const world = useIpcWorld({
  startsAt: new Date().toISOString(),
  createVault: true,
})
const { call, callError } = world

beforeEach(async () => {
  await pointAtSimulator(world, simulator, 'airclou')
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
    // Each step that moves the flow tells the window to refresh its rotation list.
    const announcesChange = async <T>(step: () => Promise<T>): Promise<T> => {
      const before = world.rotationChanges
      const result = await step()
      expect(world.rotationChanges).toBe(before + 1)
      return result
    }
    const started = await announcesChange(() => call('startRotation', { id: key.id, value: newValue }))
    expect(started).toMatchObject({ stage: 'pending', nextStep: 'test' })
    expect(JSON.stringify(started)).not.toContain(newValue)
    expect((await call('revealKey', { id: key.id })).value).toBe(oldValue)

    const tested = await announcesChange(() => call('testRotation', { id: key.id }))
    expect(tested).toMatchObject({ stage: 'tested', canPromote: true, test: { outcome: 'valid' } })
    const promoted = await announcesChange(() => call('promoteRotation', { id: key.id }))
    expect(promoted.stage).toBe('promoted')
    expect((await call('revealKey', { id: key.id })).value).toBe(newValue)
    // The new value's test becomes the key's last test, and the list still answers.
    expect((await call('listKeys', {})).keys[0]?.lastTest).toMatchObject({ outcome: 'valid', httpStatus: 200 })

    await call('copyRetiringKey', { id: key.id })
    expect(world.clipboard.text).toBe(oldValue)
    // The old value is a value too: copies of it count towards the allowance main keeps.
    for (let copy = 0; copy < 2; copy += 1) await call('copyRetiringKey', { id: key.id })
    expect(await callError('copyRetiringKey', { id: key.id })).toMatchObject({ code: 'reauth_required' })
    await call('confirmMasterPassword', { password: MASTER_PASSWORD })
    await call('copyRetiringKey', { id: key.id })

    const done = await announcesChange(() => call('confirmRotationRevoked', { id: key.id }))
    expect(done.stage).toBe('done')
    const history = await call('listKeyVersionHistory', { id: key.id })
    expect(history.map((entry) => [entry.version, entry.status])).toEqual([
      [2, 'current'],
      [1, 'revoked'],
    ])
    expect(history[1]?.revokedAt).not.toBeNull()
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
    const path = `${world.temp.directory}/due.ics`
    world.dialogs.answerNext(path)
    expect(await call('exportRotationCalendar')).toEqual({ canceled: false, path, count: 1 })
    const { readFileSync, statSync } = await import('node:fs')
    expect(readFileSync(path, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })
})
