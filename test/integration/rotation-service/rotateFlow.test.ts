// The rotate flow on a real vault file: paste the new value → test it in place → make it current
// (the old one retiring) → confirm the old one revoked; each step with its date, refusals in words,
// and a flow abandoned half way resumed after the vault is opened again, with no value lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KeywardError } from '../../../main/common/errors'
import { RotationService } from '../../../main/rotation-service/index'
import { fakeKeys } from '../../support/fakeKeys'
import { DAY, createRotationWorld, validAnswer, type RotationWorld } from './rotationKit'

let world: RotationWorld
beforeEach(async () => {
  world = await createRotationWorld()
})
afterEach(() => world.cleanup())

const iso = (time: number) => new Date(time).toISOString()

const addAirclouKey = (value = fakeKeys.airclouLive()) => ({
  key: world.vault().keys.add({ name: 'Airclou prod', value }),
  value,
})

describe('the rotate flow from start to revoked', () => {
  it('keeps each step in the version history with its date, and the key due again a full period later', async () => {
    const { key, value: oldValue } = addAirclouKey()
    const start = world.clock.now()
    world.clock.advance(85 * DAY)
    expect(world.service.status(key.id)).toMatchObject({ state: 'due_soon', leadDays: 7 })

    // 1. Paste the new value (with the newline a paste brings).
    const newValue = fakeKeys.airclouLive()
    const started = world.service.startRotation(key.id, `${newValue}\n`)
    expect(started).toMatchObject({
      stage: 'pending',
      newVersion: 2,
      oldVersion: 1,
      nextStep: 'test',
      canPromote: false,
      canForce: true,
    })
    expect(started.newValueMasked).toMatch(/^ac_live_••••/)
    expect(world.vault().keys.revealValue(key.id)).toBe(oldValue)
    expect(world.vault().keys.get(key.id)).toMatchObject({ versionCount: 1 })
    expect(world.vault().keys.versions(key.id)).toHaveLength(1)

    // 2. Test it in place: the provider sees the new value, under the same key.
    world.clock.advance(60_000)
    const testedAt = iso(world.clock.now())
    world.tests.answerNext(validAnswer(testedAt, { expiresAt: iso(start + 200 * DAY), permissions: ['read'] }))
    const tested = await world.service.testNewValue(key.id)
    expect(world.tests.calls).toEqual([{ keyId: key.id, value: newValue }])
    expect(tested).toMatchObject({
      stage: 'tested',
      test: { outcome: 'valid', testedAt },
      canPromote: true,
      nextStep: 'promote',
    })
    expect(world.vault().keys.revealValue(key.id)).toBe(oldValue)

    // 3. Make it current: the old value retires but stays copyable.
    world.clock.advance(60_000)
    const promotedAt = iso(world.clock.now())
    const promoted = world.service.promote(key.id)
    expect(promoted).toMatchObject({ stage: 'promoted', promotedAt, forced: false, nextStep: 'update_services' })
    expect(world.vault().keys.revealValue(key.id)).toBe(newValue)
    expect(world.service.revealRetiringValue(key.id)).toBe(oldValue)
    const record = world.vault().keys.get(key.id)
    expect(record).toMatchObject({
      versionCount: 2,
      lastRotatedAt: promotedAt,
      lastTest: { outcome: 'valid', testedAt },
    })
    // The new value's own facts: its expiry from the test, not the old value's.
    expect(record.providerFacts).toMatchObject({ expiresAt: iso(start + 200 * DAY), observedAt: testedAt })
    expect(world.vault().tests.list(key.id)).toMatchObject([{ keyVersion: 2, outcome: 'valid', testedAt }])
    // The scanner still finds the old value (it is still live at the provider).
    expect(world.vault().keys.findByValue(oldValue)?.id).toBe(key.id)
    expect(world.service.status(key.id)).toMatchObject({
      state: 'ok',
      rotationStage: 'promoted',
      dueAt: iso(world.clock.now() + 90 * DAY),
    })

    // 4. Confirm the old value is revoked at the provider.
    world.clock.advance(DAY)
    const revokedAt = iso(world.clock.now())
    expect(world.service.confirmRevoked(key.id)).toMatchObject({ stage: 'done', nextStep: 'done' })
    expect(world.service.flow(key.id)).toBeNull()
    expect(() => world.service.revealRetiringValue(key.id)).toThrow(/no retiring value/)
    expect(world.service.history(key.id)).toEqual([
      {
        version: 2,
        maskedValue: started.newValueMasked,
        reason: 'changed',
        status: 'current',
        createdAt: started.startedAt,
        testedAt,
        testOutcome: 'valid',
        promotedAt,
        retiringAt: null,
        revokedAt: null,
      },
      {
        version: 1,
        maskedValue: key.maskedValue,
        reason: 'created',
        status: 'revoked',
        createdAt: iso(start),
        testedAt: null,
        testOutcome: null,
        promotedAt: null,
        retiringAt: promotedAt,
        revokedAt,
      },
    ])
    // The existing version list (the contract's) now shows both values.
    expect(
      world
        .vault()
        .keys.versions(key.id)
        .map((version) => version.version),
    ).toEqual([2, 1])
    // A revoked old value is still recognised by the scanner as this key's.
    expect(world.vault().keys.findByValue(oldValue)?.id).toBe(key.id)
  })

  it('clears a leak when the leaked value is confirmed revoked, not before', async () => {
    const { key } = addAirclouKey()
    world.service.markLeaked(key.id)
    world.service.startRotation(key.id, fakeKeys.airclouLive())
    world.tests.answerNext(validAnswer(iso(world.clock.now())))
    await world.service.testNewValue(key.id)
    world.service.promote(key.id)
    expect(world.service.status(key.id).state).toBe('leaked')
    world.service.confirmRevoked(key.id)
    expect(world.service.status(key.id).state).toBe('ok')
  })

  it('cancels before promote: the new value is dropped, the key as it was', async () => {
    const { key, value } = addAirclouKey()
    const flow = world.service.startRotation(key.id, fakeKeys.airclouLive())
    world.service.cancelRotation(key.id)
    expect(world.service.flow(key.id)).toBeNull()
    expect(world.vault().keys.revealValue(key.id)).toBe(value)
    expect(world.service.history(key.id).map((entry) => [entry.version, entry.status])).toEqual([[1, 'current']])
    // The version number is free again for the next rotation.
    expect(world.service.startRotation(key.id, fakeKeys.airclouLive()).newVersion).toBe(flow.newVersion)
  })

  it('lets the key be edited again (a new value too) once the rotation is promoted', async () => {
    const { key } = addAirclouKey()
    world.service.startRotation(key.id, fakeKeys.airclouLive())
    world.service.promote(key.id, { force: true })
    const edited = fakeKeys.airclouLive()
    world.vault().keys.update(key.id, { value: edited })
    expect(world.service.history(key.id).map((entry) => [entry.version, entry.status])).toEqual([
      [3, 'current'],
      [2, 'previous'],
      [1, 'retiring'],
    ])
    expect(world.service.confirmRevoked(key.id).stage).toBe('done')
    expect(world.service.history(key.id).map((entry) => entry.status)).toEqual(['current', 'previous', 'revoked'])
  })
})

describe('refusals, in words, that change nothing', () => {
  it('refuses a new value equal to the current one (blanks around it too)', () => {
    const { key, value } = addAirclouKey()
    expect(() => world.service.startRotation(key.id, `  ${value}\n`)).toThrow(
      /That is the value "Airclou prod" already has/,
    )
    expect(world.service.flow(key.id)).toBeNull()
    expect(world.service.history(key.id)).toHaveLength(1)
  })

  it('refuses an earlier value of the key, and another key’s value', async () => {
    const { key, value: first } = addAirclouKey()
    world.service.startRotation(key.id, fakeKeys.airclouLive())
    world.service.promote(key.id, { force: true })
    world.service.confirmRevoked(key.id)
    expect(() => world.service.startRotation(key.id, first)).toThrow(
      /earlier value of "Airclou prod" \(version 1, revoked\)/,
    )
    const otherValue = fakeKeys.clipiaLive()
    world.vault().keys.add({ name: 'Clipia', value: otherValue })
    expect(() => world.service.startRotation(key.id, otherValue)).toThrow(
      /belongs to another key in the vault, "Clipia"/,
    )
  })

  it('refuses an empty value, and an expiry for the new value that is already past', () => {
    const { key } = addAirclouKey()
    expect(() => world.service.startRotation(key.id, ' \n')).toThrow(/The key value is empty/)
    expect(() => world.service.startRotation(key.id, fakeKeys.airclouLive(), { expiresAt: '2025-06-01' })).toThrow(
      /already past/,
    )
    expect(() => world.service.startRotation(key.id, fakeKeys.airclouLive(), { expiresAt: 'soon' })).toThrow(
      /not a date/,
    )
    expect(world.service.flow(key.id)).toBeNull()
  })

  it('refuses a second rotation while one is in progress, and says how to go on', () => {
    const { key } = addAirclouKey()
    world.service.startRotation(key.id, fakeKeys.airclouLive())
    expect(() => world.service.startRotation(key.id, fakeKeys.airclouLive())).toThrow(
      /already in progress .* Resume it, or cancel it/,
    )
    world.service.promote(key.id, { force: true })
    expect(() => world.service.startRotation(key.id, fakeKeys.airclouLive())).toThrow(
      /still retiring. Confirm it is revoked/,
    )
  })

  it('refuses to promote an untested value without force, and a refused value even with force', async () => {
    const { key, value } = addAirclouKey()
    world.service.startRotation(key.id, fakeKeys.airclouLive())
    expect(() => world.service.promote(key.id)).toThrow(/Test the new value before making it current/)
    world.tests.answerNext({
      ...validAnswer(iso(world.clock.now())),
      outcome: 'invalid',
      reason: '401: the key was revoked or does not exist.',
    })
    const refused = await world.service.testNewValue(key.id)
    expect(refused).toMatchObject({ canPromote: false, canForce: false, nextStep: 'test' })
    expect(() => world.service.promote(key.id, { force: true })).toThrow(/provider refused the new value \(invalid\)/)
    expect(world.vault().keys.revealValue(key.id)).toBe(value)
  })

  it('promotes with force only what could not be tested, and marks it forced', async () => {
    const { key } = addAirclouKey()
    world.service.startRotation(key.id, fakeKeys.airclouLive())
    world.tests.answerNext(new KeywardError('not_testable', 'This key has no provider: Keyward cannot test it.'))
    const untestable = await world.service.testNewValue(key.id)
    expect(untestable).toMatchObject({ test: { outcome: 'not_testable' }, canPromote: false, canForce: true })
    expect(untestable.nextStepInWords).toMatch(/cannot test this key/)
    expect(() => world.service.promote(key.id)).toThrow(/has not tested valid \(not_testable/)
    const promoted = world.service.promote(key.id, { force: true })
    expect(promoted).toMatchObject({ stage: 'promoted', forced: true })
    expect(world.vault().keys.get(key.id)).toMatchObject({ lastTest: null, providerFacts: null })
  })

  it('leaves the flow where it was when the test cannot run now (rate limited)', async () => {
    const { key } = addAirclouKey()
    world.service.startRotation(key.id, fakeKeys.airclouLive())
    world.tests.answerNext(new KeywardError('rate_limited', 'Airclou allows 10 tests a minute; try at 09:01.'))
    await expect(world.service.testNewValue(key.id)).rejects.toThrow(/try at 09:01/)
    expect(world.service.flow(key.id)).toMatchObject({ stage: 'pending', test: null })
  })

  it('refuses steps out of order', () => {
    const { key } = addAirclouKey()
    expect(() => world.service.promote(key.id)).toThrow(/No rotation of this key is in progress/)
    expect(() => world.service.confirmRevoked(key.id)).toThrow(/No rotation of this key is in progress/)
    world.service.startRotation(key.id, fakeKeys.airclouLive())
    expect(() => world.service.confirmRevoked(key.id)).toThrow(/not current yet/)
    world.service.promote(key.id, { force: true })
    expect(() => world.service.cancelRotation(key.id)).toThrow(/too late to cancel it/)
    expect(() => world.service.promote(key.id, { force: true })).toThrow(/already current/)
  })

  it('will not let an edit change the value while a new one waits, so the pending value never becomes current by another way', () => {
    const { key, value } = addAirclouKey()
    world.service.startRotation(key.id, fakeKeys.airclouLive())
    expect(() => world.vault().keys.update(key.id, { value: fakeKeys.airclouLive() })).toThrow(/being rotated/)
    // Other fields may still change.
    expect(world.vault().keys.update(key.id, { notes: 'billing' }).notes).toBe('billing')
    expect(world.vault().keys.revealValue(key.id)).toBe(value)
  })

  it('drops the rotation with the key', () => {
    const { key } = addAirclouKey()
    world.service.startRotation(key.id, fakeKeys.airclouLive())
    world.vault().keys.delete(key.id)
    expect(world.service.flows()).toEqual([])
    expect(() => world.service.flow(key.id)).toThrow(/no longer in the vault/)
  })
})

describe('a flow abandoned half way', () => {
  it('resumes after the vault is closed and opened again, at each stage, with no value lost', async () => {
    const { key, value: oldValue } = addAirclouKey()
    const newValue = fakeKeys.airclouLive()
    world.service.startRotation(key.id, newValue)

    await world.reopen()
    expect(world.service.flows()).toMatchObject([{ keyId: key.id, stage: 'pending', nextStep: 'test' }])
    world.tests.answerNext(validAnswer(iso(world.clock.now())))
    await world.service.testNewValue(key.id)
    expect(world.tests.calls.at(-1)?.value).toBe(newValue)

    await world.reopen()
    expect(world.service.flow(key.id)).toMatchObject({ stage: 'tested', canPromote: true, test: { outcome: 'valid' } })
    world.service.promote(key.id)

    await world.reopen()
    expect(world.service.flow(key.id)).toMatchObject({ stage: 'promoted', nextStep: 'update_services' })
    expect(world.vault().keys.revealValue(key.id)).toBe(newValue)
    expect(world.service.revealRetiringValue(key.id)).toBe(oldValue)
    world.service.confirmRevoked(key.id)

    await world.reopen()
    expect(world.service.flows()).toEqual([])
    expect(world.service.history(key.id).map((entry) => entry.status)).toEqual(['current', 'revoked'])
  })

  it('keeps the pending value when the app stops while its test is running', async () => {
    const { key } = addAirclouKey()
    const newValue = fakeKeys.airclouLive()
    const hanging = new RotationService({
      openVault: () => world.vault(),
      clock: world.clock,
      testValue: () => new Promise(() => undefined),
    })
    hanging.startRotation(key.id, newValue)
    void hanging.testNewValue(key.id)
    // The app quits while the provider has not answered.
    await world.reopen()
    expect(world.service.flow(key.id)).toMatchObject({ stage: 'pending', test: null })
    expect(world.vault().rotation.revealPendingValue(key.id)).toBe(newValue)
  })

  it('refuses to record a test that finished after its rotation was canceled and started again', async () => {
    const { key } = addAirclouKey()
    let answer: (result: ReturnType<typeof validAnswer>) => void = () => undefined
    const service = new RotationService({
      openVault: () => world.vault(),
      clock: world.clock,
      testValue: () => new Promise((resolve) => (answer = resolve)),
    })
    service.startRotation(key.id, fakeKeys.airclouLive())
    const testing = service.testNewValue(key.id)
    service.cancelRotation(key.id)
    service.startRotation(key.id, fakeKeys.airclouLive())
    answer(validAnswer(iso(world.clock.now())))
    await expect(testing).rejects.toThrow(/changed while its test ran/)
    expect(service.flow(key.id)).toMatchObject({ stage: 'pending', test: null })
  })
})
