// Backups a restore must refuse, on real files: damaged, from a newer Keyward, of another vault, with
// a header edited to a lower cost, not a backup at all, or behind a link; each refused without writing
// anything, the vault still opening.
import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openVault } from '../../../main/vault/index'
import {
  backupVault,
  backupsFolderFor,
  createBackup,
  previewRestore,
  restoreBackup,
} from '../../../main/vault/backups/backups'
import { LATEST_SCHEMA_VERSION } from '../../../main/vault/file/migrations'
import { fakeKeys } from '../../support/fakeKeys'
import { PASSWORD, START, cheap, useBackupWorld } from './backupWorld'

const { disk, track, everything, rawDatabase, makeVault, backUp } = useBackupWorld()

describe('a backup that must not be restored', () => {
  const setUp = async () => {
    await makeVault({ alpha: fakeKeys.clipiaLive() })
    return backUp()
  }
  const refusedWithNothingChanged = async (backupPath: string, expected: { code: string; message: RegExp }) => {
    const before = everything()
    await expect(previewRestore(disk.vaultPath, backupPath, PASSWORD)).rejects.toMatchObject({
      code: expected.code,
      message: expect.stringMatching(expected.message),
    })
    await expect(restoreBackup(disk.vaultPath, backupPath, PASSWORD, { force: true })).rejects.toMatchObject({
      code: expected.code,
      message: expect.stringMatching(expected.message),
    })
    expect(everything()).toEqual(before)
    expect(existsSync(`${disk.vaultPath}.restoring`)).toBe(false)
    track(await openVault(disk.vaultPath, PASSWORD, cheap))
  }
  /** Rewrites a backup's manifest (as someone editing the file could), keeping its data as it is. */
  const editManifest = (path: string, edit: (manifest: Record<string, unknown>, data: Buffer) => Buffer) => {
    const bytes = readFileSync(path)
    const first = bytes.indexOf(0x0a)
    const second = bytes.indexOf(0x0a, first + 1)
    const manifest = JSON.parse(bytes.subarray(first + 1, second).toString('utf8'))
    const data = edit(manifest, Buffer.from(bytes.subarray(second + 1)))
    writeFileSync(
      path,
      Buffer.concat([bytes.subarray(0, first + 1), Buffer.from(`${JSON.stringify(manifest)}\n`), data]),
    )
  }

  it('is one from a newer Keyward’s schema', async () => {
    await makeVault({ alpha: fakeKeys.clipiaLive() })
    const database = await rawDatabase()
    database.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    const made = createBackup({ vaultPath: disk.vaultPath, database }, { reason: 'manual', now: new Date(START) })
    database.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`)
    database.close()
    expect(made.schemaVersion).toBe(LATEST_SCHEMA_VERSION + 1)
    await refusedWithNothingChanged(made.path, {
      code: 'invalid_argument',
      message: new RegExp(
        `made by a newer Keyward \\(schema ${LATEST_SCHEMA_VERSION + 1}; this one knows up to ${LATEST_SCHEMA_VERSION}\\)\\. Update Keyward.*Nothing was changed`,
      ),
    })
  })

  it('is truncated', async () => {
    const made = await setUp()
    truncateSync(made.path, statSync(made.path).size - 4096)
    await refusedWithNothingChanged(made.path, {
      code: 'vault_corrupt',
      message: /is truncated: it holds \d+ of the \d+ bytes.*Nothing was changed/,
    })
  })

  it('has a byte changed in its database', async () => {
    const made = await setUp()
    const bytes = readFileSync(made.path)
    bytes[bytes.length - 5000] = bytes[bytes.length - 5000]! ^ 0xff
    writeFileSync(made.path, bytes)
    await refusedWithNothingChanged(made.path, {
      code: 'vault_corrupt',
      message: /is damaged: its contents no longer match the checksum.*Nothing was changed/,
    })
  })

  it('has its database damaged behind a checksum made to match', async () => {
    const made = await setUp()
    editManifest(made.path, (manifest, data) => {
      for (let index = data.length - 3000; index < data.length - 2900; index += 1) data[index] = data[index]! ^ 0x5a
      ;(manifest.database as { sha256: string }).sha256 = createHash('sha256').update(data).digest('hex')
      return data
    })
    await refusedWithNothingChanged(made.path, {
      code: 'vault_corrupt',
      message: /cannot be read with the key its own header holds: it is damaged/,
    })
  })

  it('holds a header edited to a lower cost', async () => {
    const made = await setUp()
    editManifest(made.path, (manifest, data) => {
      const header = JSON.parse(manifest.header as string)
      header.kdf.iterations += 1
      manifest.header = JSON.stringify(header)
      return data
    })
    await refusedWithNothingChanged(made.path, {
      code: 'vault_corrupt',
      message: /cannot be restored: its vault header was edited or damaged/,
    })
  })

  it('holds another vault’s database behind this vault’s header', async () => {
    const made = await setUp()
    const otherPath = join(disk.temp.directory, 'other', 'vault.keyward')
    await makeVault({ theirs: fakeKeys.cloro() }, otherPath)
    const theirs = await backupVault(otherPath, PASSWORD)
    const theirData = readFileSync(theirs.path).subarray(
      readFileSync(theirs.path).indexOf(0x0a, readFileSync(theirs.path).indexOf(0x0a) + 1) + 1,
    )
    editManifest(made.path, (manifest) => {
      manifest.database = { bytes: theirData.length, sha256: createHash('sha256').update(theirData).digest('hex') }
      return Buffer.from(theirData)
    })
    await refusedWithNothingChanged(made.path, {
      code: 'vault_corrupt',
      message: /cannot be read with the key its own header holds/,
    })
  })

  it('is not a backup at all', async () => {
    await setUp()
    const path = join(disk.temp.directory, 'notes.txt')
    writeFileSync(path, 'KEYWARD-BACKUP 1\n{"format":"something else"}\n')
    await refusedWithNothingChanged(path, {
      code: 'vault_corrupt',
      message: /is not a Keyward backup that can be read \(its manifest is damaged/,
    })
    await refusedWithNothingChanged(disk.vaultPath, {
      code: 'vault_corrupt',
      message: /is not a Keyward backup that can be read \(it does not start like one\)/,
    })
  })

  it('is a symbolic link, even to a good backup', async () => {
    const made = await setUp()
    const link = join(disk.temp.directory, 'latest.keyward-backup')
    symlinkSync(made.path, link)
    await refusedWithNothingChanged(link, {
      code: 'io_error',
      message: /The backup .* is a symbolic link \(to .*\)\. Keyward does not restore from a link.*nothing was changed/,
    })
  })

  it('would go over a vault path that is a symbolic link', async () => {
    const made = await setUp()
    const real = join(disk.temp.directory, 'real.keyward')
    renameSync(disk.vaultPath, real)
    symlinkSync(real, disk.vaultPath)
    const before = everything()
    await expect(restoreBackup(disk.vaultPath, made.path, PASSWORD, { force: true })).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringMatching(
        /The vault path .* is a symbolic link .*Keyward does not restore a vault through a link/,
      ),
    })
    expect(everything()).toEqual(before)
    expect(lstatSync(disk.vaultPath).isSymbolicLink()).toBe(true)
  })

  it('would go through a backups folder that is a symbolic link', async () => {
    const made = await setUp()
    const kept = join(disk.temp.directory, 'kept.keyward-backup')
    renameSync(made.path, kept)
    const folder = backupsFolderFor(disk.vaultPath)
    renameSync(folder, join(disk.temp.directory, 'elsewhere'))
    symlinkSync(join(disk.temp.directory, 'elsewhere'), folder)
    const before = everything()
    await expect(restoreBackup(disk.vaultPath, kept, PASSWORD)).rejects.toMatchObject({
      code: 'io_error',
      message: /backups folder .* is a symbolic link/,
    })
    expect(everything()).toEqual(before)
  })
})
