// Previewing and restoring a backup over the vault: the staged backup readied for its place, the vault
// it replaces backed up, then the database swapped in with one rename. docs/security.md ("Backups")
// says why each step is there.
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { KeywardError } from '../../common/errors'
import { DEFAULT_BACKUPS_KEPT, assertBackupsFolderUsable, assertValidKeep } from './backupsFolder'
import { pruneBackups } from './backupList'
import { syncFolder, type BackupInfo } from './backupFile'
import { openKeyedDatabase, rekeyDatabase, translateSqliteError } from '../file/database'
import { headerPathFor, writeHeader } from '../file/header'
import { openWithOneOf, vaultIdIn, wipeKeys } from '../file/headerKeys'
import { lstatOrNull, refuseLinkedVaultFiles } from '../file/linkGuard'
import { backUpOpenDatabase, writeBackupOrExplain } from './backupCopy'
import {
  DATABASE_SIDE_FILES,
  inspectRestore,
  removeDatabaseFiles,
  type Inspection,
  type RestoreOptions,
  type RestoreResult,
  type VaultRestorePreview,
} from './restoreInspection'

const flushFile = (path: string): void => {
  const descriptor = openSync(path, 'r+')
  try {
    fsyncSync(descriptor)
  } finally {
    closeSync(descriptor)
  }
}

/** What restoring this backup would change; nothing is written beside the vault. */
export const previewRestore = async (
  vaultPath: string,
  backupPath: string,
  password: string,
  options: Pick<RestoreOptions, 'currentPassword' | 'clock'> = {},
): Promise<VaultRestorePreview> => {
  // The backup is checked from a copy in a private temporary folder, never opened in place.
  const folder = mkdtempSync(join(tmpdir(), 'keyward-restore-'))
  try {
    const inspection = await inspectRestore(
      resolve(vaultPath),
      resolve(backupPath),
      password,
      options,
      join(folder, 'backup.keyward'),
    )
    wipeKeys(inspection.toWipe)
    return inspection.preview
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

const vaultBusy = (cause: unknown): KeywardError =>
  new KeywardError(
    'vault_busy',
    'The vault is open in Keyward (the app, or another keyward command). Lock it or close the app, then restore again. Nothing was changed.',
    { cause },
  )

/** Readies the staged database for its place: log folded in, rollback journal mode, and (plan 'rekey') this vault's key and id. */
const prepareStaged = (stagingPath: string, inspection: Inspection): void => {
  const database = openKeyedDatabase(stagingPath, inspection.backupKey, { create: false })
  try {
    database.pragma('wal_checkpoint(TRUNCATE)')
    // SQLite3MultipleCiphers re-keys outside WAL mode only.
    if (database.pragma('journal_mode = DELETE', { simple: true }) !== 'delete')
      throw new Error('journal mode unchanged')
    if (inspection.plan === 'rekey') {
      const vaultId = inspection.current.header!.vaultId
      if (vaultIdIn(database) !== vaultId)
        database.prepare(`UPDATE vault_meta SET value = ? WHERE name = 'vault_id'`).run(vaultId)
      rekeyDatabase(database, inspection.current.key!)
    }
    database.pragma('journal_mode = WAL')
  } catch (error) {
    throw translateSqliteError(stagingPath, error)
  } finally {
    database.close()
  }
  flushFile(stagingPath)
}

/**
 * Copies the vault about to be replaced into a 'before-restore' backup. A vault that opens is first
 * taken for this process alone (leaving WAL mode needs every other connection closed, so a vault
 * open in the app is refused), then copied consistently. One that does not open is copied as its
 * files are, log included, so nothing it held is lost.
 */
const backUpCurrentVault = (vaultPath: string, inspection: Inspection, now: Date): BackupInfo | null => {
  const { current } = inspection
  if (current.summary.state === 'readable') {
    const { database } = openWithOneOf(vaultPath, [current.key!], current.header!.vaultId)
    try {
      try {
        database.pragma('wal_checkpoint(TRUNCATE)')
        if (database.pragma('journal_mode = DELETE', { simple: true }) !== 'delete')
          throw new Error('journal mode unchanged')
      } catch (error) {
        throw vaultBusy(error)
      }
      return backUpOpenDatabase(vaultPath, database, now, 'before-restore')
    } finally {
      database.close()
    }
  }
  const headerPath = headerPathFor(vaultPath)
  if (lstatOrNull(vaultPath) === null && lstatOrNull(headerPath) === null) return null
  const readOrNull = (path: string): Buffer | null => (lstatOrNull(path)?.isFile() ? readFileSync(path) : null)
  const wal = readOrNull(`${vaultPath}-wal`)
  return writeBackupOrExplain(vaultPath, {
    createdAt: now,
    reason: 'before-restore',
    vaultId: current.header?.vaultId ?? null,
    schemaVersion: null,
    consistent: false,
    header: readOrNull(headerPath)?.toString('utf8') ?? null,
    database: readOrNull(vaultPath) ?? Buffer.alloc(0),
    wal: wal !== null && wal.length > 0 ? wal : null,
  })
}

/**
 * Restores a backup over the vault. Nothing is written until the backup has been checked whole and
 * the decision made (a backup of another vault, or over a vault that cannot be read, needs force).
 * Then: the backup's database is staged beside the vault and, when the vault's key is known,
 * re-encrypted with it; the vault as it is goes into a 'before-restore' backup; the staged file is
 * renamed over the vault. A crash before that rename leaves the old vault, after it the restored one,
 * and both open with the vault's header as it stands.
 */
export const restoreBackup = async (
  vaultPath: string,
  backupPath: string,
  password: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> => {
  const keep = options.keep ?? DEFAULT_BACKUPS_KEPT
  assertValidKeep(keep)
  const vault = resolve(vaultPath)
  const source = resolve(backupPath)
  refuseLinkedVaultFiles(vault, 'restore')
  assertBackupsFolderUsable(vault)
  mkdirSync(dirname(vault), { recursive: true, mode: 0o700 })
  const stagingPath = `${vault}.restoring`
  let inspection: Inspection | undefined
  try {
    inspection = await inspectRestore(vault, source, password, options, stagingPath)
    const { preview } = inspection
    if (preview.needsForce !== null && !options.force)
      throw new KeywardError('invalid_argument', `${preview.needsForce} Nothing was changed.`)
    prepareStaged(stagingPath, inspection)
    options.afterRestoreStep?.('staged')
    const safetyBackup = backUpCurrentVault(vault, inspection, options.now ?? new Date())
    options.afterRestoreStep?.('backed-up')
    // The old database's log and journal must not be applied to the new one.
    for (const suffix of DATABASE_SIDE_FILES) rmSync(`${vault}${suffix}`, { force: true })
    if (inspection.plan === 'install') writeHeader(vault, inspection.backupHeader)
    renameSync(stagingPath, vault)
    syncFolder(dirname(vault))
    options.afterRestoreStep?.('replaced')
    const removedBackups = pruneBackups(vault, keep, safetyBackup ? [source, safetyBackup.path] : [source])
    return { preview, safetyBackup, removedBackups }
  } finally {
    if (inspection) wipeKeys(inspection.toWipe)
    removeDatabaseFiles(stagingPath)
  }
}
