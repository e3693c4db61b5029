// Every contract method through invokeMethod, as the renderer reaches it: real vault files, the
// real handlers, a manual clock, scripted dialogs and an in-memory clipboard.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'
import { describe, expect, it } from 'vitest'
import { contract, methodNames } from '#contract'
import { fakeKeys } from '../../support/fakeKeys'
import { MASTER_PASSWORD, useIpcWorld } from '../../support/ipcWorld'

const world = useIpcWorld({})
const { call, callError } = world

/** Calls a method and answers its value, failing the test on an error result. */
/** Lets queued clipboard work (asynchronous, like Electron's world.clipboard) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10))

const unlockedWithKeys = async () => {
  await call('createVault', { password: MASTER_PASSWORD })
  const live = await call('addKey', { name: 'Clipia prod', value: fakeKeys.clipiaLive(), tags: ['billing'] })
  const test = await call('addKey', { name: 'Airclou CI', value: fakeKeys.airclouTest() })
  return { live, test }
}

describe('the vault lifecycle', () => {
  it('goes missing → unlocked → locked → unlocked, and says why it locked', async () => {
    expect((await call('getVaultStatus')).state).toBe('missing')
    expect((await call('createVault', { password: MASTER_PASSWORD })).state).toBe('unlocked')
    expect(await call('lockVault')).toMatchObject({ state: 'locked', lockedBecause: 'user' })
    expect(await callError('unlockVault', { password: 'wrong one' })).toMatchObject({
      code: 'wrong_password',
      message: expect.stringContaining('Wrong master password'),
    })
    expect((await call('unlockVault', { password: MASTER_PASSWORD })).state).toBe('unlocked')
  })

  it('locks itself after the idle time, and activity pushes the lock back', async () => {
    await call('createVault', { password: MASTER_PASSWORD })
    await call('setAutoLock', { minutes: 2 })
    world.clock.advance(90_000)
    await call('reportActivity')
    world.clock.advance(90_000)
    expect((await call('getVaultStatus')).state).toBe('unlocked')
    expect((await call('getVaultStatus')).lockInSeconds).toBe(30)
    world.clock.advance(31_000)
    expect(await call('getVaultStatus')).toMatchObject({ state: 'locked', lockedBecause: 'idle', autoLockMinutes: 2 })
    expect(await callError('listKeys', {})).toMatchObject({ code: 'vault_locked' })
  })

  it('auto-locks after 5 minutes by default, and remembers a changed setting in the vault', async () => {
    await call('createVault', { password: MASTER_PASSWORD })
    expect((await call('getVaultStatus')).autoLockMinutes).toBe(5)
    world.clock.advance(5 * 60_000)
    expect((await call('getVaultStatus')).state).toBe('locked')
    await call('unlockVault', { password: MASTER_PASSWORD })
    await call('setAutoLock', { minutes: 15 })
    await call('lockVault')
    await call('unlockVault', { password: MASTER_PASSWORD })
    expect((await call('getVaultStatus')).autoLockMinutes).toBe(15)
  })

  it('locks on system suspend and screen lock with the reason', async () => {
    await call('createVault', { password: MASTER_PASSWORD })
    world.services.session.lock('suspend')
    expect(await call('getVaultStatus')).toMatchObject({ state: 'locked', lockedBecause: 'suspend' })
  })

  it('changes the master password', async () => {
    await call('createVault', { password: MASTER_PASSWORD })
    expect(
      await callError('changeMasterPassword', { currentPassword: 'nope', newPassword: 'another password' }),
    ).toMatchObject({
      code: 'wrong_password',
    })
    await call('changeMasterPassword', { currentPassword: MASTER_PASSWORD, newPassword: 'another password' })
    await call('lockVault')
    expect(await callError('unlockVault', { password: MASTER_PASSWORD })).toMatchObject({ code: 'wrong_password' })
    await call('unlockVault', { password: 'another password' })
  })
})

describe('keys through the bridge', () => {
  it('lists masked values only; reveal is one explicit call', async () => {
    const { live } = await unlockedWithKeys()
    const listed = await call('listKeys', {})
    const value = (await call('revealKey', { id: live.id })).value
    expect(JSON.stringify(listed)).not.toContain(value)
    expect(listed.keys.find((key) => key.id === live.id)?.maskedValue).toBe(`clipia_live_••••${value.slice(-4)}`)
  })

  it('copies in main and clears the clipboard after 30 s only if it still holds the value', async () => {
    const { live, test } = await unlockedWithKeys()
    expect(await call('copyKey', { id: live.id })).toEqual({ clearsInSeconds: 30 })
    const value = world.clipboard.text
    expect(value).toBe((await call('revealKey', { id: live.id })).value)
    world.clock.advance(29_000)
    await settle()
    expect(world.clipboard.text).toBe(value)
    world.clock.advance(1_000)
    await settle()
    expect(world.clipboard.text).toBe('')

    await call('copyKey', { id: test.id })
    await world.clipboard.writeText('something the user copied since')
    world.clock.advance(30_000)
    await settle()
    expect(world.clipboard.text).toBe('something the user copied since')
  })

  it('clears a copied key from the clipboard when the vault locks', async () => {
    const { live } = await unlockedWithKeys()
    await call('copyKey', { id: live.id })
    await call('lockVault')
    await settle()
    expect(world.clipboard.text).toBe('')
  })

  it('says which key already holds a pasted value, now or as an earlier version', async () => {
    const { live } = await unlockedWithKeys()
    const first = await call('revealKey', { id: live.id })
    expect((await call('guessKey', { value: first.value })).sameValueAs).toEqual({
      id: live.id,
      name: 'Clipia prod',
      current: true,
    })
    expect((await call('guessKey', { value: fakeKeys.clipiaLive() })).sameValueAs).toBeNull()
    await call('updateKey', { id: live.id, changes: { value: fakeKeys.clipiaLive() } })
    expect((await call('guessKey', { value: first.value })).sameValueAs).toEqual({
      id: live.id,
      name: 'Clipia prod',
      current: false,
    })
  })

  it('guesses a pasted value and says when a prefix is shared', async () => {
    await call('createVault', { password: MASTER_PASSWORD })
    expect(await call('guessKey', { value: fakeKeys.agentclaraLive() })).toMatchObject({
      provider: 'agentclara',
      environment: 'live',
      ambiguousWith: ['stripe'],
    })
  })
})

describe('.env import and export', () => {
  it('previews a .env with masked values and numbered problems, then imports the chosen lines', async () => {
    await unlockedWithKeys()
    const clipia = fakeKeys.clipiaTest()
    const clodura = fakeKeys.clodura()
    const envPath = join(world.temp.directory, 'app.env')
    writeFileSync(
      envPath,
      [
        '# app settings',
        `CLIPIA_KEY=${clipia}`,
        'PORT=3000',
        'this line is broken',
        `export CLODURA_API_KEY="${clodura}"`,
        '=novariable',
        'QUOTE="never closed',
      ].join('\n'),
    )
    world.dialogs.answerNext(envPath)
    const preview = await call('previewEnvImport')
    if (preview.canceled) throw new Error('canceled')
    expect(JSON.stringify(preview)).not.toContain(clipia)
    expect(
      preview.entries.map((entry) => [
        entry.line,
        entry.variable,
        entry.provider,
        entry.environment,
        entry.looksLikeKey,
      ]),
    ).toEqual([
      [2, 'CLIPIA_KEY', 'clipia', 'test', true],
      [3, 'PORT', null, 'other', false],
      [5, 'CLODURA_API_KEY', 'clodura', 'other', true],
    ])
    expect(preview.problems.map((problem) => problem.line)).toEqual([4, 6, 7])

    const imported = await call('importEnv', {
      importId: preview.importId,
      entries: [
        { line: 2, name: 'Clipia sandbox', provider: 'clipia', environment: 'test' },
        { line: 5, name: 'Clodura', provider: 'clodura', environment: 'live' },
      ],
    })
    expect(imported).toEqual({ imported: 2 })
    const clodurakey = (await call('listKeys', { text: 'Clodura' })).keys[0]!
    expect(clodurakey).toMatchObject({ envVar: 'CLODURA_API_KEY', environment: 'live' })
    expect((await call('revealKey', { id: clodurakey.id })).value).toBe(clodura)
    expect(await callError('importEnv', { importId: preview.importId, entries: [] })).toMatchObject({
      code: 'import_expired',
    })
  })

  it('marks a value already in the vault as a duplicate', async () => {
    const { live } = await unlockedWithKeys()
    const value = (await call('revealKey', { id: live.id })).value
    const envPath = join(world.temp.directory, '.env')
    writeFileSync(envPath, `CLIPIA_KEY=${value}\n`)
    world.dialogs.answerNext(envPath)
    const preview = await call('previewEnvImport')
    expect(!preview.canceled && preview.entries[0]?.duplicateOf).toBe('Clipia prod')
  })

  it('answers canceled when the user closes the dialog', async () => {
    await unlockedWithKeys()
    world.dialogs.answerNext(null)
    expect(await call('previewEnvImport')).toEqual({ canceled: true })
  })

  it('exports one environment to a 0600 file that dotenv reads back', async () => {
    const { live } = await unlockedWithKeys()
    const exportPath = join(world.temp.directory, 'live.env')
    world.dialogs.answerNext(exportPath)
    const result = await call('exportEnv', { environment: 'live' })
    expect(result).toEqual({ canceled: false, path: exportPath, count: 1 })
    expect(statSync(exportPath).mode & 0o777).toBe(0o600)
    expect(parse(readFileSync(exportPath))).toEqual({ CLIPIA_KEY: (await call('revealKey', { id: live.id })).value })
    expect(world.dialogs.asked).toEqual(['export keyward-live.env'])
  })
})

describe('bad input to every method', () => {
  const garbage: unknown[] = [42, 'text', [], null, { id: 7 }, { name: {} }, { __proto__: { polluted: true } }, true]

  it('answers a clear invalid_argument and changes nothing, for every method and every kind of garbage', async () => {
    const { live } = await unlockedWithKeys()
    const snapshot = async () =>
      JSON.stringify([await call('listKeys', {}), await call('listKeyVersions', { id: live.id })])
    const before = await snapshot()
    for (const name of methodNames) {
      const input = contract[name].input
      for (const argument of garbage) {
        if (input.safeParse(argument).success) continue
        const error = await callError(name, argument)
        expect(error.code, `${name}(${JSON.stringify(argument)})`).toBe('invalid_argument')
        expect(error.message).toMatch(/^Invalid request to /)
      }
    }
    expect(await snapshot()).toBe(before)
    expect((await call('getVaultStatus')).state).toBe('unlocked')
  })

  it("names each refused field by its path, in the schema's words and without its value", async () => {
    const { live } = await unlockedWithKeys()
    const error = await callError('updateKey', {
      id: live.id,
      changes: { name: '  ', envVar: '1-SECRET-LOOKING-VALUE' },
    })
    expect(error.code).toBe('invalid_argument')
    expect(error.issues).toEqual([
      { path: ['changes', 'name'], message: 'A key needs a name' },
      { path: ['changes', 'envVar'], message: 'An env var name uses letters, digits and _' },
    ])
    expect(JSON.stringify(error)).not.toContain('1-SECRET-LOOKING-VALUE')
  })

  it('refuses a missing field, a wrong type, and a value over 64 KB', async () => {
    const { live } = await unlockedWithKeys()
    expect(await callError('addKey', { value: fakeKeys.cloro() })).toMatchObject({
      code: 'invalid_argument',
      message: /name/,
    })
    expect(await callError('addKey', { name: 'x', value: 12345 })).toMatchObject({
      code: 'invalid_argument',
      message: /value/,
    })
    expect(await callError('addKey', { name: 'big', value: 'v'.repeat(65 * 1024) })).toMatchObject({ message: /64 KB/ })
    expect(await callError('updateKey', { id: live.id, changes: { notes: 'n'.repeat(70_000) } })).toMatchObject({
      code: 'invalid_argument',
    })
    expect(await callError('updateKey', { id: live.id, changes: { environment: 'production' } })).toMatchObject({
      code: 'invalid_argument',
    })
    expect(await callError('setAutoLock', { minutes: 0 })).toMatchObject({ code: 'invalid_argument' })
    expect(await callError('noSuchMethod', {})).toMatchObject({ code: 'invalid_argument', message: /no method/ })
    expect(await callError('__proto__', {})).toMatchObject({ code: 'invalid_argument' })
    expect((await call('listKeys', {})).total).toBe(2)
  })

  it('answers not_found for a key that is gone', async () => {
    await unlockedWithKeys()
    expect(await callError('revealKey', { id: 'no-such-key' })).toMatchObject({ code: 'not_found' })
  })
})
