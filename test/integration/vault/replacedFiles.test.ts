// Files that are not what they seem: a vault file swapped for another vault's, and symbolic links
// where the vault or its header should be. Each is refused with a message saying which file and
// what to do, and nothing is written anywhere.
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { VaultSession, createVault, headerPathFor, openVault } from '../../../main/vault/index'
import { writePrivateFileAtomically } from '../../../main/common/privateFile'
import { readHeader } from '../../../main/vault/file/header'
import { deriveWrappingKey, unwrapVaultKey } from '../../../main/vault/file/keyWrapping'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST } from '../../support/tempVault'
import { useTempVault } from '../../support/useTempVault'
import { fileFingerprint as fingerprint } from '../../support/fileFingerprint'

const PASSWORD = 'correct horse battery'
const cheap = { kdfCost: TEST_KDF_COST }
const disk = useTempVault()
const { track } = disk

const fingerprintsOf = (...paths: string[]) => Object.fromEntries(paths.map((path) => [path, fingerprint(path)]))

const makeVault = async (path: string, password = PASSWORD) => {
  const vault = await createVault(path, password, cheap)
  vault.keys.add({ name: `key of ${path}`, value: fakeKeys.clipiaLive() })
  vault.close()
}

describe('a vault file replaced by another vault’s', () => {
  it('refuses another user’s database (other key, other password) behind this header, and writes nothing', async () => {
    const theirs = join(disk.temp.directory, 'theirs', 'vault.keyward')
    await makeVault(disk.vaultPath)
    await makeVault(theirs, 'their own password')
    copyFileSync(theirs, disk.vaultPath)
    const before = fingerprintsOf(disk.vaultPath, headerPathFor(disk.vaultPath), `${disk.vaultPath}-wal`)
    await expect(openVault(disk.vaultPath, PASSWORD, cheap)).rejects.toMatchObject({
      code: 'vault_corrupt',
      message: expect.stringMatching(
        /cannot be read with this vault's key: .*belongs to another vault.*left it untouched/,
      ),
    })
    // Nor does their password open it through our header.
    await expect(openVault(disk.vaultPath, 'their own password', cheap)).rejects.toMatchObject({
      code: 'wrong_password',
    })
    expect(fingerprintsOf(disk.vaultPath, headerPathFor(disk.vaultPath), `${disk.vaultPath}-wal`)).toEqual(before)
  })

  it('names both vault ids when the file opens with this key but holds another vault id', async () => {
    await makeVault(disk.vaultPath)
    const header = readHeader(disk.vaultPath)
    const key = unwrapVaultKey(
      header.wrappedKey,
      await deriveWrappingKey(PASSWORD, header.kdf),
      header.vaultId,
      header.kdf,
    )!
    // A copy of this vault whose id was changed: only someone holding the vault key can make one.
    const database = new Database(disk.vaultPath)
    database.pragma(`cipher = 'chacha20'`)
    database.pragma(`key = "raw:${key.toString('hex')}"`)
    const otherId = '11111111-2222-4333-8444-555555555555'
    database.prepare(`UPDATE vault_meta SET value = ? WHERE name = 'vault_id'`).run(otherId)
    database.close()
    const before = fingerprintsOf(disk.vaultPath, headerPathFor(disk.vaultPath))
    await expect(openVault(disk.vaultPath, PASSWORD, cheap)).rejects.toMatchObject({
      code: 'vault_corrupt',
      message: `The vault file ${disk.vaultPath} belongs to another vault than its header ${headerPathFor(disk.vaultPath)} (vault id ${otherId} in the file, ${header.vaultId} in the header): one of the two was replaced. Keyward left both untouched; put back the file and header that belong together, from a backup.`,
    })
    expect(fingerprintsOf(disk.vaultPath, headerPathFor(disk.vaultPath))).toEqual(before)
  })
})

describe('symbolic links', () => {
  const refusal = (doing: 'open' | 'create') => ({
    code: 'io_error',
    message: expect.stringMatching(
      new RegExp(
        `is a symbolic link \\(to .+\\)\\. Keyward does not ${doing} a vault through a link.*nothing was changed`,
      ),
    ),
  })

  it('refuses to open a vault whose path is a link to a real vault, which stays untouched', async () => {
    const real = join(disk.temp.directory, 'real', 'vault.keyward')
    await makeVault(real)
    symlinkSync(real, disk.vaultPath)
    symlinkSync(headerPathFor(real), headerPathFor(disk.vaultPath))
    const before = fingerprintsOf(real, headerPathFor(real))
    await expect(openVault(disk.vaultPath, PASSWORD, cheap)).rejects.toMatchObject(refusal('open'))
    await expect(openVault(disk.vaultPath, PASSWORD, cheap)).rejects.toMatchObject({
      message: expect.stringContaining(`(to ${real})`),
    })
    expect(fingerprintsOf(real, headerPathFor(real))).toEqual(before)
    expect(existsSync(`${real}-wal`)).toBe(false)
  })

  it('refuses a header that is a link, even to this vault’s own header', async () => {
    await makeVault(disk.vaultPath)
    const moved = join(disk.temp.directory, 'elsewhere.header')
    renameSync(headerPathFor(disk.vaultPath), moved)
    symlinkSync(moved, headerPathFor(disk.vaultPath))
    await expect(openVault(disk.vaultPath, PASSWORD, cheap)).rejects.toMatchObject({
      ...refusal('open'),
      message: expect.stringMatching(/^The vault's header .* is a symbolic link/),
    })
  })

  it('refuses a write-ahead log or shared-memory file planted as a link, and leaves its target alone', async () => {
    await makeVault(disk.vaultPath)
    const victim = join(disk.temp.directory, 'victim.txt')
    writeFileSync(victim, 'a file someone wanted Keyward to overwrite\n')
    for (const suffix of ['-wal', '-shm']) {
      symlinkSync(victim, `${disk.vaultPath}${suffix}`)
      await expect(openVault(disk.vaultPath, PASSWORD, cheap)).rejects.toMatchObject(refusal('open'))
      expect(readFileSync(victim, 'utf8')).toBe('a file someone wanted Keyward to overwrite\n')
      rmSync(`${disk.vaultPath}${suffix}`)
    }
    track(await openVault(disk.vaultPath, PASSWORD, cheap))
  })

  it('refuses to create through a link at the vault path, dangling or not, and creates nothing', async () => {
    const target = join(disk.temp.directory, 'target', 'vault.keyward')
    mkdirSync(join(disk.temp.directory, 'target'))
    symlinkSync(target, disk.vaultPath)
    await expect(createVault(disk.vaultPath, PASSWORD, cheap)).rejects.toMatchObject(refusal('create'))
    expect(existsSync(target)).toBe(false)
    expect(existsSync(headerPathFor(disk.vaultPath))).toBe(false)
    expect(lstatSync(disk.vaultPath).isSymbolicLink()).toBe(true)
  })

  it('refuses to create when the header path is a link to another file, which keeps its contents', async () => {
    const victim = join(disk.temp.directory, 'bashrc')
    writeFileSync(victim, 'export PATH=$HOME/bin:$PATH\n')
    symlinkSync(victim, headerPathFor(disk.vaultPath))
    const session = new VaultSession({ vaultPath: disk.vaultPath, ...cheap })
    await expect(session.create(PASSWORD)).rejects.toMatchObject(refusal('create'))
    expect(readFileSync(victim, 'utf8')).toBe('export PATH=$HOME/bin:$PATH\n')
    expect(existsSync(disk.vaultPath)).toBe(false)
    expect(session.isUnlocked).toBe(false)
  })

  it('opens a vault inside a folder that is itself a link (a synced or dotfiles folder)', async () => {
    const realFolder = join(disk.temp.directory, 'real-folder')
    await makeVault(join(realFolder, 'vault.keyward'))
    symlinkSync(realFolder, join(disk.temp.directory, 'linked-folder'))
    const vault = track(await openVault(join(disk.temp.directory, 'linked-folder', 'vault.keyward'), PASSWORD, cheap))
    expect(vault.keys.count()).toBe(1)
  })

  it('refuses a link planted at the path of an atomic write instead of writing through it', () => {
    const victim = join(disk.temp.directory, 'victim.txt')
    writeFileSync(victim, 'untouched\n')
    const path = join(disk.temp.directory, 'file.json')
    symlinkSync(victim, path)
    expect(() => writePrivateFileAtomically(path, '{"fresh": true}\n', { replace: true })).toThrow(/symbolic link/)
    expect(readFileSync(victim, 'utf8')).toBe('untouched\n')
    expect(readdirSync(disk.temp.directory).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
