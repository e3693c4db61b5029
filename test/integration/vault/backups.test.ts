// Backups and restore on real files: a backup is the encrypted database and its header, never
// plaintext; a restore shows what it changes, brings back what was deleted, refuses a backup that is
// damaged, from a newer Keyward, of another vault or behind a link without writing anything, and a
// crash at any step leaves a vault that opens.
import { createHash } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { afterEach, describe, expect, it } from 'vitest'
import { createVault, headerPathFor, openVault, type OpenVault } from '../../../main/vault/index'
import {
  backupBeforeMigration,
  backupVault,
  backupsFolderFor,
  createBackup,
  listBackups,
  previewRestore,
  restoreBackup,
  type RestoreStep,
} from '../../../main/vault/backups/backups'
import { readHeader } from '../../../main/vault/file/header'
import { LATEST_SCHEMA_VERSION } from '../../../main/vault/file/migrations'
import { undoLatestMigration } from '../../support/olderSchema'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST } from '../../support/tempVault'
import { plantKey, plantedSecrets } from '../../support/plantedSecrets'
import { openOwnerDatabase } from '../../support/ownerDatabase'
import { useTempVault } from '../../support/useTempVault'
import { batchSizes, startWriter } from '../../support/writerProcess'
import { fileFingerprint as fingerprint } from '../../support/fileFingerprint'

const PASSWORD = 'correct horse battery'
const NEW_PASSWORD = 'a whole new passphrase'
const cheap = { kdfCost: TEST_KDF_COST }
const DAY = 24 * 60 * 60 * 1000
const START = Date.UTC(2026, 4, 1, 10, 0, 0)

const disk = useTempVault('keyward-backups-')
const { track, closeAll, forget } = disk
const databases: Database[] = []

// Runs before the folder goes (after hooks run last-registered first).
afterEach(() => {
  for (const database of databases.splice(0)) if (database.open) database.close()
})

const unlock = async (password = PASSWORD, path = disk.vaultPath) => track(await openVault(path, password, cheap))

/** Every file under the temp folder (the vault, its header, backups, other vaults) with its contents' hash; links as links. */
const everything = (): Record<string, string> => {
  const files: Record<string, string> = {}
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name)
      const status = lstatSync(path)
      if (status.isSymbolicLink()) files[`${prefix}${name}`] = `link to ${readlinkSync(path)}`
      else if (status.isDirectory()) walk(path, `${prefix}${name}/`)
      else files[`${prefix}${name}`] = fingerprint(path)
    }
  }
  walk(disk.temp.directory, '')
  return files
}

const valuesOf = (vault: OpenVault): Record<string, string> =>
  Object.fromEntries(vault.keys.list({ limit: 100_000 }).keys.map((key) => [key.name, vault.keys.revealValue(key.id)]))

/** The vault's database opened directly with its key, as only the vault's owner could. */
const rawDatabase = async (path = disk.vaultPath, password = PASSWORD): Promise<Database> => {
  const database = await openOwnerDatabase(path, password)
  databases.push(database)
  return database
}

const makeVault = async (values: Record<string, string>, path = disk.vaultPath, password = PASSWORD) => {
  const vault = await createVault(path, password, cheap)
  for (const [name, value] of Object.entries(values)) vault.keys.add({ name, value })
  vault.close()
}

const backUp = (at = START, keep?: number) => backupVault(disk.vaultPath, PASSWORD, { now: new Date(at), keep })

describe('a backup', () => {
  it('holds no value, name, tag, note or env var, nor a plaintext SQLite page, even with writes still in the log', async () => {
    const secrets = plantedSecrets()
    const vault = await createVault(disk.vaultPath, PASSWORD, cheap)
    const key = plantKey(vault, secrets)
    // The vault stays open in this process: its last writes are in the write-ahead log.
    expect(statSync(`${disk.vaultPath}-wal`).size).toBeGreaterThan(0)
    const made = await backUp()
    const bytes = readFileSync(made.path)
    for (const text of Object.values(secrets)) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), `"${text.slice(0, 12)}…" found in the backup`).toBe(false)
      expect(bytes.includes(Buffer.from(text, 'utf16le'))).toBe(false)
    }
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false)
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false)

    // The manifest says when, why and which schema; the header it carries is the vault's own.
    const manifest = JSON.parse(bytes.toString('utf8').split('\n')[1]!)
    expect(Object.keys(manifest).sort()).toEqual(
      [
        'consistent',
        'createdAt',
        'database',
        'format',
        'header',
        'keyCountSealed',
        'reason',
        'schemaVersion',
        'vaultFile',
        'vaultId',
        'version',
        'wal',
      ].sort(),
    )
    expect(manifest).toMatchObject({
      reason: 'manual',
      schemaVersion: LATEST_SCHEMA_VERSION,
      consistent: true,
      wal: null,
      vaultId: vault.vaultId,
    })
    expect(JSON.parse(manifest.header)).toEqual(JSON.parse(readFileSync(headerPathFor(disk.vaultPath), 'utf8')))

    // Private: the folder 0700, the file 0600.
    expect(statSync(backupsFolderFor(disk.vaultPath)).mode & 0o777).toBe(0o700)
    expect(statSync(made.path).mode & 0o777).toBe(0o600)

    // It holds the writes that were still in the log.
    vault.keys.delete(key.id)
    vault.close()
    await restoreBackup(disk.vaultPath, made.path, PASSWORD)
    expect(valuesOf(await unlock())).toEqual({ [secrets.name]: secrets.value })
  })

  it('is whole while another process keeps writing, and a restore is refused until that process lets go', async () => {
    // The real default cost: the child unlocks without a test cost, so a cheap header would be re-wrapped.
    ;(await createVault(disk.vaultPath, PASSWORD)).close()
    let enough = () => {}
    const writing = new Promise<void>((resolve) => (enough = resolve))
    const { child, committed, exited } = startWriter(disk.vaultPath, PASSWORD, (sofar) => {
      if (sofar.length >= 6) enough()
    })
    try {
      await writing
      const before = [...committed]
      const made = await backupVault(disk.vaultPath, PASSWORD, { now: new Date(START) })
      await expect(restoreBackup(disk.vaultPath, made.path, PASSWORD)).rejects.toMatchObject({ code: 'vault_busy' })
      child.kill('SIGKILL')
      await exited
      // The backup, restored where there is no vault, holds every key committed before it began, each batch whole.
      const copyPath = join(disk.temp.directory, 'copy', 'vault.keyward')
      await restoreBackup(copyPath, made.path, PASSWORD)
      const copy = track(await openVault(copyPath, PASSWORD))
      const names = new Set(copy.keys.list({ limit: 100_000 }).keys.map((key) => key.name))
      for (const label of before) {
        if (label.startsWith('single')) expect(names.has(label)).toBe(true)
        else for (let index = 0; index < 50; index += 1) expect(names.has(`${label} item ${index}`)).toBe(true)
      }
      for (const count of batchSizes(names)) expect(count).toBe(50)
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    }
  }, 60_000)

  it('carries the write-ahead log along when a reader keeps the checkpoint from emptying it', async () => {
    await makeVault({ first: fakeKeys.clodura() })
    const vault = await unlock()
    const late = fakeKeys.clipiaLive()
    vault.keys.add({ name: 'only in the log', value: late })
    // A reader in the middle of a read: the log cannot be started over under it.
    const reader = await rawDatabase()
    reader.prepare('BEGIN').run()
    reader.prepare('SELECT count(*) FROM keys').get()
    const database = await rawDatabase()
    database.pragma('busy_timeout = 50')
    const made = createBackup({ vaultPath: disk.vaultPath, database }, { reason: 'manual', now: new Date(START) })
    reader.prepare('COMMIT').run()
    const bytes = readFileSync(made.path)
    expect(JSON.parse(bytes.toString('utf8').split('\n')[1]!).wal).toMatchObject({ bytes: expect.any(Number) })
    expect(bytes.includes(Buffer.from(late))).toBe(false)
    const copyPath = join(disk.temp.directory, 'copy', 'vault.keyward')
    await restoreBackup(copyPath, made.path, PASSWORD)
    expect(Object.keys(valuesOf(await unlock(PASSWORD, copyPath))).sort()).toEqual(['first', 'only in the log'])
  })

  it('is listed with its time, reason, size and schema, newest first, and keeps only the last N', async () => {
    await makeVault({ first: fakeKeys.clodura() })
    for (let day = 0; day < 4; day += 1) await backUp(START + day * DAY, 10)
    expect(listBackups(disk.vaultPath)).toHaveLength(4)
    const made = await backUp(START + 4 * DAY, 3)
    expect(made.removed).toHaveLength(2)
    const listed = listBackups(disk.vaultPath)
    expect(listed.map((backup) => backup.createdAt)).toEqual(
      [4, 3, 2].map((day) => new Date(START + day * DAY).toISOString()),
    )
    expect(listed[0]).toMatchObject({
      reason: 'manual',
      schemaVersion: LATEST_SCHEMA_VERSION,
      problem: null,
      path: made.path,
    })
    expect(listed[0]!.sizeBytes).toBe(statSync(made.path).size)
    expect(readdirSync(backupsFolderFor(disk.vaultPath))).toHaveLength(3)
  })

  it('tells its key count only to the vault that made it: sealed in the manifest, bound to that backup', async () => {
    const vault = await createVault(disk.vaultPath, PASSWORD, cheap)
    vault.keys.add({ name: 'One', value: fakeKeys.clipiaLive() })
    vault.keys.add({ name: 'Two', value: fakeKeys.airclouLive() })
    const first = vault.backUp()
    vault.keys.add({ name: 'Three', value: fakeKeys.clipiaTest() })
    const second = vault.backUp()
    expect(first.keyCount).toBe(2)
    expect(vault.listBackups().map((backup) => backup.keyCount)).toEqual([3, 2])
    // Without the open vault, nobody reads a count: the manifest holds none in the clear.
    expect(listBackups(disk.vaultPath).map((backup) => backup.keyCount)).toEqual([null, null])
    const manifestOf = (path: string) => JSON.parse(readFileSync(path, 'utf8').split('\n')[1]!)
    for (const backup of [first, second]) {
      const sealed: unknown = manifestOf(backup.path).keyCountSealed
      expect(typeof sealed === 'string' && sealed.length > 20 && !/^\d+$/.test(sealed)).toBe(true)
    }
    // A sealed count moved to another backup's manifest opens no more (it is bound to its own).
    const secondBytes = readFileSync(second.path, 'utf8').split('\n')
    const moved = { ...manifestOf(second.path), keyCountSealed: manifestOf(first.path).keyCountSealed }
    writeFileSync(second.path, [secondBytes[0], JSON.stringify(moved), ...secondBytes.slice(2)].join('\n'))
    expect(vault.listBackups().find((backup) => backup.name === second.name)?.keyCount).toBeNull()
    vault.close()
  })

  it('gets a name of its own when two are made in the same millisecond', async () => {
    await makeVault({ first: fakeKeys.clodura() })
    const one = await backUp()
    const two = await backUp()
    expect(one.path).not.toBe(two.path)
    expect(listBackups(disk.vaultPath)).toHaveLength(2)
  })

  it('lists a damaged backup with what is wrong with it', async () => {
    await makeVault({ first: fakeKeys.clodura() })
    const made = await backUp()
    writeFileSync(made.path, 'not a backup at all')
    expect(listBackups(disk.vaultPath)[0]).toMatchObject({
      name: made.name,
      problem: expect.stringMatching(/is not a Keyward backup/),
    })
  })

  it('is made before a migration, from the database about to be migrated, named for the new schema', async () => {
    await makeVault({ kept: fakeKeys.cloro() })
    const database = await rawDatabase()
    undoLatestMigration(database)
    const made = backupBeforeMigration(
      disk.vaultPath,
      database,
      LATEST_SCHEMA_VERSION - 1,
      LATEST_SCHEMA_VERSION,
      new Date(START),
    )
    database.close()
    expect(made.name).toBe(
      `vault.keyward.2026-05-01T10-00-00-000Z.before-migration-to-v${LATEST_SCHEMA_VERSION}.keyward-backup`,
    )
    expect(made.schemaVersion).toBe(LATEST_SCHEMA_VERSION - 1)
    // Unlocking migrates; the backup still holds the older schema, and restoring it works.
    const vault = await unlock()
    vault.close()
    forget()
    const preview = await previewRestore(disk.vaultPath, made.path, PASSWORD)
    expect(preview).toMatchObject({
      backupSchemaVersion: LATEST_SCHEMA_VERSION - 1,
      unchanged: 1,
      added: [],
      removed: [],
      changed: [],
    })
    await restoreBackup(disk.vaultPath, made.path, PASSWORD)
    expect(Object.keys(valuesOf(await unlock()))).toEqual(['kept'])
  })

  it('refuses a backups folder that is a symbolic link, and writes nothing through it', async () => {
    await makeVault({ first: fakeKeys.clodura() })
    const elsewhere = join(disk.temp.directory, 'elsewhere')
    mkdirSync(elsewhere)
    symlinkSync(elsewhere, backupsFolderFor(disk.vaultPath))
    await expect(backUp()).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringMatching(/backups folder .* is a symbolic link .*nothing was changed/),
    })
    expect(readdirSync(elsewhere)).toEqual([])
  })

  it('refuses a vault that is a symbolic link', async () => {
    const real = join(disk.temp.directory, 'real', 'vault.keyward')
    await makeVault({ first: fakeKeys.clodura() }, real)
    symlinkSync(real, disk.vaultPath)
    symlinkSync(headerPathFor(real), headerPathFor(disk.vaultPath))
    await expect(backUp()).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringMatching(/is a symbolic link/),
    })
    expect(existsSync(backupsFolderFor(disk.vaultPath))).toBe(false)
  })

  it('refuses a wrong master password, counted like any unlock', async () => {
    await makeVault({ first: fakeKeys.clodura() })
    await expect(backupVault(disk.vaultPath, 'not the password')).rejects.toMatchObject({ code: 'wrong_password' })
    expect(existsSync(`${disk.vaultPath}.unlock-attempts`)).toBe(true)
    expect(existsSync(backupsFolderFor(disk.vaultPath))).toBe(false)
  })
})

describe('restoring a backup', () => {
  const setUp = async () => {
    const values = { alpha: fakeKeys.clipiaLive(), beta: fakeKeys.clodura(), gamma: fakeKeys.airclouTest() }
    await makeVault(values)
    const made = await backUp()
    const vault = await unlock()
    const byName = (name: string) => vault.keys.findByName(name)!
    vault.keys.delete(byName('beta').id)
    vault.keys.update(byName('alpha').id, { value: fakeKeys.clipiaLive() })
    vault.keys.update(byName('gamma').id, { name: 'gamma renamed' })
    vault.keys.add({ name: 'delta', value: fakeKeys.cloro() })
    vault.close()
    forget()
    return { values, made }
  }

  it('shows what it would change by name and version count, and a dry run changes no byte', async () => {
    const { made } = await setUp()
    const before = everything()
    const preview = await previewRestore(disk.vaultPath, made.path, PASSWORD)
    expect(preview).toMatchObject({
      added: [{ name: 'beta', versions: 1 }],
      removed: [{ name: 'delta', versions: 1 }],
      changed: [
        { name: 'alpha', currentName: null, currentVersions: 2, backupVersions: 1 },
        { name: 'gamma', currentName: 'gamma renamed', currentVersions: 1, backupVersions: 1 },
      ],
      unchanged: 0,
      sameVault: true,
      needsForce: null,
      passwordAfter: 'current',
      current: { state: 'readable', keyCount: 3, schemaVersion: LATEST_SCHEMA_VERSION },
      backupSchemaVersion: LATEST_SCHEMA_VERSION,
    })
    expect(JSON.stringify(preview)).not.toMatch(/clipia_|ac_test_/)
    expect(everything()).toEqual(before)
  })

  it('brings back deleted keys and earlier values, keeps the current password, and can be undone', async () => {
    const { values, made } = await setUp()
    const result = await restoreBackup(disk.vaultPath, made.path, PASSWORD, { now: new Date(START + DAY) })
    expect(valuesOf(await unlock())).toEqual(values)
    closeAll()
    expect(result.safetyBackup).toMatchObject({ reason: 'before-restore', consistent: true })
    expect(existsSync(`${disk.vaultPath}.restoring`)).toBe(false)
    // Restoring the copy made just before puts the vault back as it was.
    await restoreBackup(disk.vaultPath, result.safetyBackup!.path, PASSWORD, { now: new Date(START + 2 * DAY) })
    expect(Object.keys(valuesOf(await unlock())).sort()).toEqual(['alpha', 'delta', 'gamma renamed'])
  })

  it('keeps the vault’s current password when it was changed after the backup was given both passwords', async () => {
    const { values, made } = await setUp()
    const vault = await unlock()
    await vault.changeMasterPassword(PASSWORD, NEW_PASSWORD)
    closeAll()
    await restoreBackup(disk.vaultPath, made.path, PASSWORD, { currentPassword: NEW_PASSWORD })
    expect(valuesOf(await unlock(NEW_PASSWORD))).toEqual(values)
  })

  it('needs force when the backup’s password does not open the vault now, and then opens with the backup’s password', async () => {
    const { values, made } = await setUp()
    const vault = await unlock()
    await vault.changeMasterPassword(PASSWORD, NEW_PASSWORD)
    closeAll()
    const before = everything()
    await expect(restoreBackup(disk.vaultPath, made.path, PASSWORD)).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/opens the backup but not the vault .*Add --force.*Nothing was changed\.$/),
    })
    expect(everything()).toEqual(before)
    const result = await restoreBackup(disk.vaultPath, made.path, PASSWORD, { force: true })
    expect(result.preview.passwordAfter).toBe('backup')
    expect(valuesOf(await unlock(PASSWORD))).toEqual(values)
    // The vault as it was (under the newer password) was kept.
    expect(result.safetyBackup).toMatchObject({ reason: 'before-restore', consistent: false })
    closeAll()
    await restoreBackup(disk.vaultPath, result.safetyBackup!.path, NEW_PASSWORD, { force: true })
    expect(Object.keys(valuesOf(await unlock(NEW_PASSWORD))).sort()).toEqual(['alpha', 'delta', 'gamma renamed'])
  })

  it('refuses a backup of another vault unless forced; forced, this vault keeps its id and password', async () => {
    await makeVault({ ours: fakeKeys.clodura() })
    const otherPath = join(disk.temp.directory, 'other', 'vault.keyward')
    const theirs = { theirs: fakeKeys.cloro() }
    await makeVault(theirs, otherPath)
    const theirBackup = await backupVault(otherPath, PASSWORD)
    const before = everything()
    await expect(previewRestore(disk.vaultPath, theirBackup.path, PASSWORD)).resolves.toMatchObject({
      sameVault: false,
      needsForce: expect.stringMatching(/backup is of another vault/),
    })
    await expect(restoreBackup(disk.vaultPath, theirBackup.path, PASSWORD)).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/This backup is of another vault .*add --force.*Nothing was changed\.$/),
    })
    expect(everything()).toEqual(before)
    const ourId = readHeader(disk.vaultPath).vaultId
    await restoreBackup(disk.vaultPath, theirBackup.path, PASSWORD, { force: true })
    const vault = await unlock()
    expect(valuesOf(vault)).toEqual(theirs)
    expect(vault.vaultId).toBe(ourId)
  })

  it('refuses while the vault is open elsewhere, and changes nothing', async () => {
    const { made } = await setUp()
    const vault = await unlock()
    vault.keys.list()
    const before = fingerprint(disk.vaultPath)
    await expect(restoreBackup(disk.vaultPath, made.path, PASSWORD)).rejects.toMatchObject({
      code: 'vault_busy',
      message: expect.stringMatching(/open in Keyward .*Nothing was changed/),
    })
    vault.close()
    forget()
    expect(fingerprint(disk.vaultPath)).toBe(before)
    expect(Object.keys(valuesOf(await unlock())).sort()).toEqual(['alpha', 'delta', 'gamma renamed'])
    expect(listBackups(disk.vaultPath).map((backup) => backup.reason)).toEqual(['manual'])
  })

  it('replaces a damaged vault with its backup, without force', async () => {
    const values = { alpha: fakeKeys.clipiaLive() }
    await makeVault(values)
    const made = await backUp()
    truncateSync(disk.vaultPath, 100)
    await expect(openVault(disk.vaultPath, PASSWORD, cheap)).rejects.toMatchObject({ code: 'vault_corrupt' })
    const result = await restoreBackup(disk.vaultPath, made.path, PASSWORD)
    expect(result.preview.current).toMatchObject({ state: 'unreadable' })
    expect(result.safetyBackup).toMatchObject({ consistent: false })
    expect(valuesOf(await unlock())).toEqual(values)
  })

  it('puts a vault back where there is none, opening with the backup’s password', async () => {
    const values = { alpha: fakeKeys.clipiaLive() }
    await makeVault(values)
    const made = await backUp()
    const kept = join(disk.temp.directory, 'kept.keyward-backup')
    renameSync(made.path, kept)
    for (const path of [disk.vaultPath, headerPathFor(disk.vaultPath)]) renameSync(path, `${path}.lost`)
    const result = await restoreBackup(disk.vaultPath, kept, PASSWORD)
    expect(result).toMatchObject({
      safetyBackup: null,
      preview: { current: { state: 'missing' }, passwordAfter: 'backup' },
    })
    expect(valuesOf(await unlock())).toEqual(values)
  })

  it('refuses a wrong password for the backup, and changes nothing', async () => {
    const { made } = await setUp()
    const before = everything()
    await expect(restoreBackup(disk.vaultPath, made.path, 'not the password')).rejects.toMatchObject({
      code: 'wrong_password',
      message: expect.stringMatching(
        /^Wrong master password for this backup\. A backup opens with the master password the vault had/,
      ),
    })
    const { [`vault.keyward.unlock-attempts`]: attempts, ...rest } = everything()
    expect(attempts).toBeDefined()
    expect(rest).toEqual(before)
  })
})

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

describe('a restore interrupted', () => {
  const steps: RestoreStep[] = ['staged', 'backed-up', 'replaced']
  for (const step of steps) {
    it(`after the step "${step}" leaves a vault that opens with the current password, whole`, async () => {
      const original = { alpha: fakeKeys.clipiaLive(), beta: fakeKeys.clodura() }
      await makeVault(original)
      const made = await backUp()
      const vault = await unlock()
      vault.keys.delete(vault.keys.findByName('beta')!.id)
      vault.keys.add({ name: 'later', value: fakeKeys.cloro() })
      const later = valuesOf(vault)
      closeAll()
      await expect(
        restoreBackup(disk.vaultPath, made.path, PASSWORD, {
          afterRestoreStep: (reached) => {
            if (reached === step) throw new Error('simulated crash')
          },
        }),
      ).rejects.toThrow('simulated crash')
      // Before the rename: the vault as it was; after it: the backup's.
      expect(valuesOf(await unlock())).toEqual(step === 'replaced' ? original : later)
      closeAll()
      // And a later restore goes through.
      await restoreBackup(disk.vaultPath, made.path, PASSWORD)
      expect(valuesOf(await unlock())).toEqual(original)
    })
  }

  it('by a real crash leaves a staging file that neither opening nor the next restore minds', async () => {
    const original = { alpha: fakeKeys.clipiaLive() }
    await makeVault(original)
    const made = await backUp()
    writeFileSync(`${disk.vaultPath}.restoring`, 'half of a database')
    writeFileSync(`${disk.vaultPath}.restoring-journal`, 'a journal')
    chmodSync(`${disk.vaultPath}.restoring`, 0o400)
    expect(valuesOf(await unlock())).toEqual(original)
    closeAll()
    await restoreBackup(disk.vaultPath, made.path, PASSWORD)
    expect(valuesOf(await unlock())).toEqual(original)
    expect(existsSync(`${disk.vaultPath}.restoring`)).toBe(false)
    expect(existsSync(`${disk.vaultPath}.restoring-journal`)).toBe(false)
  })
})

describe('a migration', () => {
  it('is preceded by a backup of the vault as it was, and an up-to-date vault makes none', async () => {
    const value = fakeKeys.clipiaLive()
    await makeVault({ 'Clipia prod': value })
    expect(listBackups(disk.vaultPath)).toEqual([])
    const database = await rawDatabase()
    undoLatestMigration(database)
    database.close()

    const vault = await unlock()
    expect(vault.keys.list().keys.map((key) => key.name)).toEqual(['Clipia prod'])
    vault.close()
    const backups = listBackups(disk.vaultPath)
    expect(backups.map((backup) => backup.reason)).toEqual([`before-migration-to-v${LATEST_SCHEMA_VERSION}`])
    expect(readFileSync(backups[0]!.path).includes(Buffer.from(value))).toBe(false)

    ;(await unlock()).close()
    expect(listBackups(disk.vaultPath)).toHaveLength(1)
  })
})
