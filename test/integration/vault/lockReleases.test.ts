// What locking lets go of: every file descriptor to the vault, its WAL and shared-memory file, and
// every copy of the vault key Keyward made (each key buffer is zero-filled once used, and
// VaultSession keeps none). Descriptors are read from /proc/self/fd, so that part runs on Linux only.
import { readdirSync, readlinkSync, realpathSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../main/cli/program'
import { VaultSession, createVault, openVault, type KdfCost } from '../../../main/vault/index'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'
import { fakeIo } from '../../unit/cli/fakeCliIo'

/** Every key buffer the vault code was handed by keyWrapping, and what it held when made. */
const made = vi.hoisted(() => ({ buffers: [] as Buffer[], hexValues: [] as string[] }))

vi.mock('../../../main/vault/file/keyWrapping', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../main/vault/file/keyWrapping')>()
  const remember = (key: Buffer): Buffer => {
    made.buffers.push(key)
    made.hexValues.push(key.toString('hex'))
    return key
  }
  return {
    ...original,
    newVaultKey: () => remember(original.newVaultKey()),
    deriveWrappingKey: async (...args: Parameters<typeof original.deriveWrappingKey>) =>
      remember(await original.deriveWrappingKey(...args)),
    unwrapVaultKey: (...args: Parameters<typeof original.unwrapVaultKey>) => {
      const key = original.unwrapVaultKey(...args)
      return key ? remember(key) : key
    },
  }
})

const PASSWORD = 'correct horse battery'
const MODEST_COST: KdfCost = { memoryKiB: 16 * 1024, iterations: 2, parallelism: 1 }
let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string

beforeEach(() => {
  temp = makeTempDirectory()
  vaultPath = tempVaultPath(realpathSync(temp.directory))
  made.buffers.length = 0
  made.hexValues.length = 0
})
afterEach(() => temp.cleanup())

const onLinux = process.platform === 'linux'

/** Paths of this process's open descriptors that lead to the vault's files. */
const vaultDescriptors = (): string[] =>
  readdirSync('/proc/self/fd').flatMap((descriptor) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${descriptor}`)
      return target.startsWith(vaultPath) ? [target.slice(vaultPath.length) || '(vault)'] : []
    } catch {
      return []
    }
  })

const allWiped = () => made.buffers.every((buffer) => buffer.every((byte) => byte === 0))

/** Everything reachable from a value through properties, arrays, maps and sets (not closures). */
const reachable = (root: unknown): unknown[] => {
  const seen = new Set<unknown>()
  const stack = [root]
  while (stack.length > 0) {
    const value = stack.pop()
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue
    seen.add(value)
    if (ArrayBuffer.isView(value)) continue
    if (value instanceof Map) for (const [key, entry] of value) stack.push(key, entry)
    if (value instanceof Set) for (const entry of value) stack.push(entry)
    for (const key of Reflect.ownKeys(value as object)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)
      if (descriptor && 'value' in descriptor) stack.push(descriptor.value)
    }
  }
  return [...seen]
}

const expectNoKeyReachableFrom = (root: unknown) => {
  const values = reachable(root)
  const buffers = new Set<unknown>(made.buffers)
  expect(values.filter((value) => buffers.has(value))).toEqual([])
  const strings = JSON.stringify(
    values.filter((value) => typeof value === 'object' && !ArrayBuffer.isView(value)).map(String),
  )
  for (const hex of made.hexValues) expect(strings).not.toContain(hex)
}

describe.runIf(onLinux)('file descriptors after lock', () => {
  it('closes the vault file, its -wal and its -shm when the vault locks', async () => {
    const session = new VaultSession({ vaultPath, kdfCost: TEST_KDF_COST })
    await session.create(PASSWORD)
    session.keys().add({ name: 'Clipia prod', value: fakeKeys.clipiaLive() })
    session.lock('user')
    await session.unlock(PASSWORD)
    session.keys().list()
    // While unlocked, the database holds its three files open: the check below is not vacuous.
    expect(vaultDescriptors().sort()).toEqual(expect.arrayContaining(['(vault)', '-shm', '-wal']))
    session.lock('idle')
    expect(vaultDescriptors()).toEqual([])
  })

  it('leaves nothing open after a CLI command, a wrong password or a damaged file', async () => {
    ;(await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`)
    const io = fakeIo({ cwd: temp.directory, env: { KEYWARD_VAULT: vaultPath } })
    expect(await runCli(['list', '--password-file', 'password'], io, { kdfCost: TEST_KDF_COST })).toBe(0)
    expect(vaultDescriptors()).toEqual([])

    await expect(openVault(vaultPath, 'not it', { kdfCost: TEST_KDF_COST })).rejects.toMatchObject({
      code: 'wrong_password',
    })
    expect(vaultDescriptors()).toEqual([])

    truncateSync(vaultPath, 100)
    await expect(openVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).rejects.toMatchObject({
      code: 'vault_corrupt',
    })
    expect(vaultDescriptors()).toEqual([])
  })

  it('opens one database handle when two unlocks race, and locking closes it', async () => {
    const session = new VaultSession({ vaultPath, kdfCost: TEST_KDF_COST })
    await session.create(PASSWORD)
    session.lock('user')
    await Promise.all([session.unlock(PASSWORD), session.unlock(PASSWORD)])
    expect(vaultDescriptors().filter((path) => path === '(vault)')).toHaveLength(1)
    session.lock('user')
    expect(vaultDescriptors()).toEqual([])
  })

  it('ends locked when the machine locks while an unlock is still deriving its key', async () => {
    const session = new VaultSession({ vaultPath, kdfCost: TEST_KDF_COST })
    await session.create(PASSWORD)
    session.lock('user')
    const unlocking = session.unlock(PASSWORD)
    session.lock('suspend')
    await expect(unlocking).rejects.toMatchObject({ code: 'vault_locked' })
    expect(session.isUnlocked).toBe(false)
    expect(vaultDescriptors()).toEqual([])
    await session.unlock(PASSWORD)
    expect(session.isUnlocked).toBe(true)
    session.lock('user')
  })
})

describe('the vault key after use', () => {
  it('is zero-filled wherever Keyward made a copy: create, unlock, wrong password', async () => {
    const session = new VaultSession({ vaultPath, kdfCost: TEST_KDF_COST })
    await session.create(PASSWORD)
    session.lock('user')
    await expect(session.unlock('not it')).rejects.toMatchObject({ code: 'wrong_password' })
    await session.unlock(PASSWORD)
    // vault key and wrapping key (create), wrapping key (wrong), wrapping key and vault key (unlock)
    expect(made.buffers.length).toBe(5)
    expect(allWiped()).toBe(true)
    session.keys().add({ name: 'still works', value: fakeKeys.cloro() })
    session.lock('user')
  })

  it('is zero-filled after an upgrade of the cost and after a password change', async () => {
    ;(await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    const vault = await openVault(vaultPath, PASSWORD, { kdfCost: MODEST_COST })
    await vault.changeMasterPassword(PASSWORD, 'a new passphrase')
    vault.close()
    expect(made.buffers.length).toBeGreaterThanOrEqual(8)
    expect(allWiped()).toBe(true)
  })

  it('is zero-filled when an interrupted password change is settled', async () => {
    ;(await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    const crashing = await openVault(vaultPath, PASSWORD, {
      kdfCost: TEST_KDF_COST,
      afterPasswordChangeStep: (step) => {
        if (step === 'rekeyed') throw new Error('simulated crash')
      },
    })
    await expect(crashing.changeMasterPassword(PASSWORD, 'a new passphrase')).rejects.toThrow('simulated crash')
    crashing.close()
    made.buffers.length = 0
    ;(await openVault(vaultPath, 'a new passphrase', { kdfCost: TEST_KDF_COST })).close()
    expect(made.buffers.length).toBeGreaterThanOrEqual(2)
    expect(allWiped()).toBe(true)
  })

  it('is not reachable from VaultSession, unlocked or locked: no buffer of it, no hex of it', async () => {
    const session = new VaultSession({ vaultPath, kdfCost: TEST_KDF_COST })
    await session.create(PASSWORD)
    session.lock('user')
    await session.unlock(PASSWORD)
    expect(made.hexValues.length).toBeGreaterThan(0)
    expectNoKeyReachableFrom(session)
    session.lock('user')
    expectNoKeyReachableFrom(session)
  })
})
