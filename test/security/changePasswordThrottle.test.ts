// Changing the master password takes the current one: a guess like an unlock's. Wrong current
// passwords count against the same throttle as unlock (the count beside the vault, shared by the app
// and the CLI), so a compromised renderer, or someone at an unlocked screen, cannot try passwords
// there without limit. Through the bridge, as the renderer calls it, on real vault files.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { headerPathFor, openVault, unlockAttemptsPathFor } from '../../main/vault/index'
import { MASTER_PASSWORD as PASSWORD, useIpcWorld } from '../support/ipcWorld'
import { TEST_KDF_COST } from '../support/tempVault'

const world = useIpcWorld({ createVault: true })
const { call, callError } = world

const wrongChange = (attempt: number) =>
  callError('changeMasterPassword', { currentPassword: `guess ${attempt}`, newPassword: 'chosen by the attacker' })
const header = () => readFileSync(headerPathFor(world.vaultPath), 'utf8')
const failures = (): number =>
  existsSync(unlockAttemptsPathFor(world.vaultPath))
    ? JSON.parse(readFileSync(unlockAttemptsPathFor(world.vaultPath), 'utf8')).failures
    : 0

describe('wrong current passwords when changing the master password', () => {
  it('are counted: three are free, then each try waits, even with the right one, and nothing changes', async () => {
    const before = header()
    for (let attempt = 1; attempt <= 3; attempt += 1)
      expect(await wrongChange(attempt)).toMatchObject({
        code: 'wrong_password',
        message: 'Wrong master password. Check Caps Lock and try again.',
      })
    expect(await wrongChange(4)).toMatchObject({
      code: 'wrong_password',
      message: expect.stringContaining('the next try must wait 1 second'),
    })
    expect(failures()).toBe(4)
    expect(
      await callError('changeMasterPassword', { currentPassword: PASSWORD, newPassword: 'another password' }),
    ).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/^Too many wrong master passwords: wait 1 second before trying again\./),
    })
    expect(header()).toBe(before)
    // The wait over, the right password changes it and the count starts again.
    world.clock.advance(1_000)
    await call('changeMasterPassword', { currentPassword: PASSWORD, newPassword: 'another password' })
    expect(failures()).toBe(0)
  })

  it('share the count with unlock: wrong changes make the next unlock wait', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) await wrongChange(attempt)
    await call('lockVault')
    expect(await callError('unlockVault', { password: PASSWORD })).toMatchObject({ code: 'rate_limited' })
  })

  it('share the count with unlock: wrong unlocks elsewhere (the CLI) make a change wait', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await expect(
        openVault(world.vaultPath, `guess ${attempt}`, { kdfCost: TEST_KDF_COST, clock: world.clock }),
      ).rejects.toMatchObject({
        code: 'wrong_password',
      })
    }
    expect(
      await callError('changeMasterPassword', { currentPassword: PASSWORD, newPassword: 'another password' }),
    ).toMatchObject({ code: 'rate_limited' })
  })
})
