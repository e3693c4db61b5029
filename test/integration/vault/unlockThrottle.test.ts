// Guessing the master password gets slower: after three wrong ones each try waits twice as long as
// the last (1 s, 2 s, 4 s … 5 min), refused at once while the wait runs, counted in a file beside
// the vault so a restart or another CLI run does not reset it; the right password does.
import { existsSync, readFileSync, statSync, writeFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../main/cli/program'
import {
  MAX_UNLOCK_DELAY_MILLISECONDS,
  VaultSession,
  createVault,
  headerPathFor,
  openVault,
  unlockAttemptsPathFor,
  unlockDelayAfter,
  type OpenVault,
} from '../../../main/vault/index'
import * as keyWrapping from '../../../main/vault/file/keyWrapping'
import { ManualClock } from '../../support/manualClock'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'
import { fakeIo } from '../../unit/cli/fakeCliIo'

const PASSWORD = 'correct horse battery'
let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let clock: ManualClock
const opened: OpenVault[] = []

beforeEach(async () => {
  temp = makeTempDirectory()
  vaultPath = tempVaultPath(temp.directory)
  clock = new ManualClock()
  ;(await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
})
afterEach(() => {
  for (const vault of opened.splice(0)) vault.close()
  vi.restoreAllMocks()
  temp.cleanup()
})

const options = () => ({ kdfCost: TEST_KDF_COST, clock })
const unlock = async (password: string) => {
  const vault = await openVault(vaultPath, password, options())
  opened.push(vault)
  return vault
}
const attemptsFile = () => unlockAttemptsPathFor(vaultPath)
const failures = (): number =>
  existsSync(attemptsFile()) ? JSON.parse(readFileSync(attemptsFile(), 'utf8')).failures : 0

/** Three wrong passwords are free; the fourth starts the wait. */
const failTimes = async (count: number) => {
  for (let attempt = 0; attempt < count; attempt += 1) {
    await expect(unlock('not the password')).rejects.toMatchObject({ code: 'wrong_password' })
  }
}

describe('the wait after wrong master passwords', () => {
  it('is none for three, then 1 s, 2 s, 4 s … doubling up to 5 minutes', () => {
    const seconds = Array.from({ length: 16 }, (_, index) => unlockDelayAfter(index) / 1000)
    expect(seconds).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300])
    expect(unlockDelayAfter(10_000)).toBe(MAX_UNLOCK_DELAY_MILLISECONDS)
    expect(MAX_UNLOCK_DELAY_MILLISECONDS).toBe(5 * 60_000)
  })

  it('lets three wrong passwords through back to back, each told plainly', async () => {
    await failTimes(3)
    expect(failures()).toBe(3)
    await expect(unlock('still not it')).rejects.toMatchObject({
      code: 'wrong_password',
      message: expect.stringMatching(/^Wrong master password\. Check Caps Lock and try again\. .*wait 1 second\.$/),
    })
  })

  it('refuses at once while the wait runs, even the right password, without deriving a key or changing a file', async () => {
    await failTimes(4)
    const derive = vi.spyOn(keyWrapping, 'deriveWrappingKey')
    const before = readFileSync(attemptsFile(), 'utf8')
    const header = readFileSync(headerPathFor(vaultPath), 'utf8')
    await expect(unlock(PASSWORD)).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/^Too many wrong master passwords: wait 1 second before trying again\./),
    })
    expect(derive).not.toHaveBeenCalled()
    expect(readFileSync(attemptsFile(), 'utf8')).toBe(before)
    expect(readFileSync(headerPathFor(vaultPath), 'utf8')).toBe(header)
    // Once the wait is over the same call derives the key (so the spy does see derivations).
    clock.advance(1_000)
    await unlock(PASSWORD)
    expect(derive).toHaveBeenCalledTimes(1)
  })

  it('doubles with each further wrong password and counts down as time passes', async () => {
    await failTimes(4)
    clock.advance(1_000)
    await failTimes(1)
    await expect(unlock(PASSWORD)).rejects.toMatchObject({ code: 'rate_limited', message: /wait 2 seconds/ })
    clock.advance(1_100)
    await expect(unlock(PASSWORD)).rejects.toMatchObject({ code: 'rate_limited', message: /wait 1 second / })
    clock.advance(900)
    await failTimes(1)
    await expect(unlock(PASSWORD)).rejects.toMatchObject({ code: 'rate_limited', message: /wait 4 seconds/ })
    expect(failures()).toBe(6)
  })

  it('stops doubling at 5 minutes', async () => {
    writeFileSync(attemptsFile(), JSON.stringify({ failures: 40, lastFailureAt: new Date(clock.now()).toISOString() }))
    await expect(unlock(PASSWORD)).rejects.toMatchObject({
      code: 'rate_limited',
      message: /wait 300 seconds.*up to 5 minutes/,
    })
    clock.advance(MAX_UNLOCK_DELAY_MILLISECONDS)
    await unlock(PASSWORD)
  })

  it('is reset by the right password: the count file goes, and three more wrong ones are free again', async () => {
    await failTimes(4)
    clock.advance(1_000)
    await unlock(PASSWORD)
    expect(existsSync(attemptsFile())).toBe(false)
    await failTimes(3)
    await unlock(PASSWORD)
  })

  it('keeps the count in a private file beside the vault, written whole (no temporary file left)', async () => {
    await failTimes(2)
    expect(statSync(attemptsFile()).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(attemptsFile(), 'utf8'))).toEqual({
      failures: 2,
      lastFailureAt: new Date(clock.now()).toISOString(),
    })
    expect(readdirSync(temp.directory).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('holds across a restart: a new VaultSession on the same vault still waits', async () => {
    const first = new VaultSession({ vaultPath, kdfCost: TEST_KDF_COST, clock })
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await expect(first.unlock('wrong')).rejects.toMatchObject({ code: 'wrong_password' })
    }
    const restarted = new VaultSession({ vaultPath, kdfCost: TEST_KDF_COST, clock })
    await expect(restarted.unlock(PASSWORD)).rejects.toMatchObject({ code: 'rate_limited' })
    expect(restarted.status().state).toBe('locked')
    clock.advance(1_000)
    await restarted.unlock(PASSWORD)
    expect(restarted.isUnlocked).toBe(true)
    restarted.lock('user')
  })

  it('counts the CLI and the app together: the CLI refuses while the wait runs, with a non-zero exit', async () => {
    const session = new VaultSession({ vaultPath, kdfCost: TEST_KDF_COST, clock })
    for (let attempt = 0; attempt < 4; attempt += 1) await session.unlock('wrong').catch(() => {})
    writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
    const keyward = async () => {
      const io = fakeIo({ cwd: temp.directory, env: { KEYWARD_VAULT: vaultPath } })
      const exitCode = await runCli(['list', '--password-file', 'password'], io, { kdfCost: TEST_KDF_COST, clock })
      return { exitCode, stdout: io.out(), stderr: io.err() }
    }
    expect(await keyward()).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: expect.stringMatching(/^keyward: Too many wrong master passwords: wait 1 second before trying again\./),
    })
    clock.advance(1_000)
    expect(await keyward()).toMatchObject({ exitCode: 0 })
    expect(existsSync(attemptsFile())).toBe(false)
  })

  it('counts wrong passwords given to the CLI', async () => {
    writeFileSync(join(temp.directory, 'wrong'), 'not it\n', { mode: 0o600 })
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const io = fakeIo({ cwd: temp.directory, env: { KEYWARD_VAULT: vaultPath } })
      expect(await runCli(['list', '--password-file', 'wrong'], io, { kdfCost: TEST_KDF_COST, clock })).toBe(1)
      expect(io.err()).toMatch(/Wrong master password/)
      expect(failures()).toBe(attempt)
    }
  })

  it('counts the wait from now when the clock went back, instead of from a time that may never come', async () => {
    writeFileSync(
      attemptsFile(),
      JSON.stringify({ failures: 5, lastFailureAt: new Date(clock.now() + 86_400_000).toISOString() }),
    )
    await expect(unlock(PASSWORD)).rejects.toMatchObject({ code: 'rate_limited', message: /wait 2 seconds/ })
    clock.advance(2_000)
    await unlock(PASSWORD)
  })

  it('treats an unreadable count file as no count (as if deleted: see docs/security.md)', async () => {
    await failTimes(4)
    writeFileSync(attemptsFile(), '{ not json')
    await unlock(PASSWORD)
  })

  it('can be lifted by deleting the file, which gains nothing over copying the header (the documented limit)', async () => {
    await failTimes(4)
    await expect(unlock(PASSWORD)).rejects.toMatchObject({ code: 'rate_limited' })
    rmSync(attemptsFile())
    await unlock(PASSWORD)
  })

  it('does not count an edited header or a damaged file as a wrong password', async () => {
    const header = JSON.parse(readFileSync(headerPathFor(vaultPath), 'utf8'))
    header.kdf.iterations += 1
    writeFileSync(headerPathFor(vaultPath), JSON.stringify(header))
    await expect(unlock(PASSWORD)).rejects.toMatchObject({ code: 'vault_corrupt' })
    expect(existsSync(attemptsFile())).toBe(false)
  })

  it('counts wrong passwords while a password change is pending too', async () => {
    const vault = await openVault(vaultPath, PASSWORD, {
      ...options(),
      afterPasswordChangeStep: () => {
        throw new Error('simulated crash')
      },
    })
    await expect(vault.changeMasterPassword(PASSWORD, 'the next password')).rejects.toThrow('simulated crash')
    vault.close()
    await failTimes(4)
    await expect(unlock('the next password')).rejects.toMatchObject({ code: 'rate_limited' })
    clock.advance(1_000)
    await unlock('the next password')
    expect(existsSync(attemptsFile())).toBe(false)
  })
})
