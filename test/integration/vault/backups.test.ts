// Making backups on real files: a backup is the encrypted database and its header, never plaintext,
// whole while another process writes; listed, kept to the last N, named apart; made before a migration;
// refused through links or with a wrong password. Restoring them: restore.test.ts and refusedBackups.test.ts.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createVault, headerPathFor, openVault } from '../../../main/vault/index'
import {
  backupBeforeMigration,
  backupVault,
  backupsFolderFor,
  createBackup,
  listBackups,
  previewRestore,
  restoreBackup,
} from '../../../main/vault/backups/backups'
import { LATEST_SCHEMA_VERSION } from '../../../main/vault/file/migrations'
import { undoLatestMigration } from '../../support/olderSchema'
import { fakeKeys } from '../../support/fakeKeys'
import { plantKey, plantedSecrets } from '../../support/plantedSecrets'
import { batchSizes, startWriter } from '../../support/writerProcess'
import { DAY, PASSWORD, START, cheap, useBackupWorld, valuesOf } from './backupWorld'

const { disk, track, forget, unlock, rawDatabase, makeVault, backUp } = useBackupWorld()

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
