// Backups of the vault and restoring one. A backup copies the encrypted database file byte for byte
// (under the write lock, after a checkpoint) with the header that unlocks it, so it stays encrypted
// and opens with the master password the vault had when it was made. A restore checks the backup
// whole before touching anything, backs up the vault it replaces, and swaps the database file in one
// rename. docs/security.md ("Backups") says why each step is there.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { systemClock, type Clock } from '../../common/clock'
import { KeywardError, isKeywardError } from '../../common/errors'
import { whyWriteFailed } from '../../common/writeFailure'
import {
  DEFAULT_BACKUPS_KEPT,
  assertBackupIsRegularFile,
  assertBackupsFolderUsable,
  assertValidKeep,
  backupInfoFor,
  backupsFolderFor,
  listBackupFiles,
  pruneBackups,
  readBackupFile,
  readBackupManifest,
  syncFolder,
  writeBackupFile,
  type BackupContents,
  type BackupInfo,
  type BackupReason,
  type BackupToWrite,
} from './backupFile'
import { openKeyedDatabase, rekeyDatabase, translateSqliteError, writeTransaction } from '../file/database'
import { VaultHeader, headerChecksum, headerPathFor, readHeader, writeHeader } from '../file/header'
import { openWithOneOf, unlockHeaderKeys, vaultIdIn, wipeKeys } from '../file/headerKeys'
import { lstatOrNull, refuseLinkedVaultFiles } from '../file/linkGuard'
import { LATEST_SCHEMA_VERSION } from '../file/migrations'
import { compareKeys, summarizeKeys, type KeyComparison, type KeySummary } from './restoreComparison'
import { UnlockThrottle, nextTryWait, wrongMasterPassword } from '../file/unlockThrottle'
import { countKeys, countSealKey, ensureCountSealKey } from './sealedKeyCount'

export {
  DEFAULT_BACKUPS_KEPT,
  MAX_BACKUPS_KEPT,
  backupsFolderFor,
  type BackupInfo,
  type BackupReason,
} from './backupFile'
export type { ChangedKey, KeyInBackup } from './restoreComparison'

export interface CreateBackupOptions {
  reason: BackupReason
  now?: Date
  /** How many of this vault's backups to keep, this one included (DEFAULT_BACKUPS_KEPT). */
  keep?: number
}

export interface CreatedBackup extends BackupInfo {
  /** Older backups deleted to keep the last N. */
  removed: string[]
}

export type RestoreStep = 'staged' | 'backed-up' | 'replaced'

export interface RestoreOptions {
  /** The vault's password now, when it differs from the backup's (the backup's password otherwise). */
  currentPassword?: string
  /** Replace a vault the backup may not belong to (another vault id, or one that cannot be read). */
  force?: boolean
  now?: Date
  keep?: number
  /** Times wrong passwords for the unlock throttle (the system clock otherwise). */
  clock?: Pick<Clock, 'now'>
  /** Called after each step of a restore; tests throw here to simulate a crash. */
  afterRestoreStep?: (step: RestoreStep) => void
}

export type CurrentVaultState =
  | { state: 'missing' }
  | { state: 'readable'; vaultId: string; schemaVersion: number; keyCount: number }
  | { state: 'unreadable'; vaultId: string | null; reason: string }

export interface VaultRestorePreview extends KeyComparison {
  vaultPath: string
  backup: BackupInfo
  backupSchemaVersion: number
  latestSchemaVersion: number
  current: CurrentVaultState
  /** The backup was made of the vault at this path (same vault id); null when that cannot be told. */
  sameVault: boolean | null
  /** Why this restore needs force; null when it does not. */
  needsForce: string | null
  /** Which master password opens the vault after the restore: the one it has now, or the backup's. */
  passwordAfter: 'current' | 'backup'
}

export interface RestoreResult {
  preview: VaultRestorePreview
  /** The copy of the vault as it was just before the restore (null when there was none). */
  safetyBackup: BackupInfo | null
  /** Older backups deleted to keep the last N. */
  removedBackups: string[]
}

const DATABASE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const

const wrongBackupPassword = (nextTryDelay: number): KeywardError =>
  new KeywardError(
    'wrong_password',
    `Wrong master password for this backup. A backup opens with the master password the vault had when the backup was made. Nothing was changed.${nextTryWait(nextTryDelay)}`,
  )

const damagedBackup = (backupPath: string, cause?: unknown): KeywardError =>
  new KeywardError(
    'vault_corrupt',
    `The backup ${backupPath} cannot be read with the key its own header holds: it is damaged, or its parts do not belong together. Nothing was changed; choose another backup.`,
    { cause },
  )

const sizeOf = (path: string): number => lstatOrNull(path)?.size ?? 0

/** A header's text checked like readHeader checks the file: schema, then checksum. */
const parseHeaderText = (text: string | null, onProblem: (why: string) => KeywardError): VaultHeader => {
  if (text === null) throw onProblem('it holds no vault header')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw onProblem('its vault header is not valid JSON')
  }
  const result = VaultHeader.safeParse(parsed)
  if (!result.success)
    throw onProblem(
      `its vault header is damaged or from an unknown version (${result.error.issues[0]?.path.join('.') || 'format'})`,
    )
  if (result.data.checksum !== undefined && result.data.checksum !== headerChecksum(result.data)) {
    throw onProblem('its vault header was edited or damaged')
  }
  return result.data
}

const headerProblemInBackup =
  (backupPath: string) =>
  (why: string): KeywardError =>
    new KeywardError(
      'vault_corrupt',
      `The backup ${backupPath} cannot be restored: ${why}. Nothing was changed; choose another backup.`,
    )

interface DatabaseCopy {
  database: Buffer
  /** What the write-ahead log still held, when the checkpoint could not empty it (a reader in the way). */
  wal: Buffer | null
  header: string
  schemaVersion: number
  vaultId: string
  /** How many keys the copy holds, with the vault's seal key for the manifest's sealed count. */
  keyCount: { count: number; sealKey: Buffer } | null
}

const sqliteCode = (error: unknown): string | undefined => (error as { code?: string }).code

/**
 * The database at one moment, with the header that unlocks it. First a checkpoint moves the log into
 * the file (it cannot run inside a transaction), so the copy is usually the file alone. Then, under
 * the write lock, the file and whatever the log still holds are read: while the lock is held nobody
 * can append to the log or start it over, and a page another connection might be checkpointing into
 * the file meanwhile is also in the copied log, which wins when the copy is opened.
 */
const copyDatabaseConsistently = (vaultPath: string, database: Database): DatabaseCopy => {
  refuseLinkedVaultFiles(vaultPath, 'back up')
  // Its own write, before the copy: the copy then carries the seal key, so a restored vault reads the counts too.
  writeTransaction(database, vaultPath, () => ensureCountSealKey(database))
  try {
    database.pragma('wal_checkpoint(TRUNCATE)')
  } catch (error) {
    // Busy only means the log is copied along; anything else is the vault's own problem.
    if (sqliteCode(error) !== 'SQLITE_BUSY' && sqliteCode(error) !== 'SQLITE_LOCKED')
      throw translateSqliteError(vaultPath, error)
  }
  return writeTransaction(database, vaultPath, (): DatabaseCopy => {
    const vaultId = vaultIdIn(database)
    let header: string
    try {
      header = readFileSync(headerPathFor(vaultPath), 'utf8')
    } catch (error) {
      throw new KeywardError(
        'io_error',
        `Could not read the vault's header ${headerPathFor(vaultPath)} (${(error as NodeJS.ErrnoException).code ?? 'read failed'}), and a backup without it could never be opened; nothing was written.`,
      )
    }
    const parsed = parseHeaderText(
      header,
      (why) =>
        new KeywardError(
          'vault_corrupt',
          `The vault's header ${headerPathFor(vaultPath)} cannot be backed up: ${why}. Nothing was written.`,
        ),
    )
    if (vaultId !== parsed.vaultId) {
      throw new KeywardError(
        'vault_corrupt',
        `The vault file ${vaultPath} and its header belong to different vaults; a backup of them could not be opened. Nothing was written.`,
      )
    }
    const walPath = `${vaultPath}-wal`
    const sealKey = countSealKey(database)
    return {
      keyCount: sealKey ? { count: countKeys(database), sealKey } : null,
      database: readFileSync(vaultPath),
      wal: sizeOf(walPath) > 0 ? readFileSync(walPath) : null,
      header,
      schemaVersion: database.pragma('user_version', { simple: true }) as number,
      vaultId,
    }
  })
}

const writeBackupOrExplain = (vaultPath: string, backup: BackupToWrite): BackupInfo => {
  try {
    return writeBackupFile(vaultPath, backup)
  } catch (error) {
    if (isKeywardError(error)) throw error
    throw new KeywardError(
      'io_error',
      `Could not write a backup into ${backupsFolderFor(vaultPath)}: ${whyWriteFailed(error, backupsFolderFor(vaultPath))}. The vault was not changed.`,
      { cause: error },
    )
  }
}

/** Copies the vault whose database is open here into a new backup, then keeps only the last N backups. */
export const createBackup = (
  source: { vaultPath: string; database: Database },
  options: CreateBackupOptions,
): CreatedBackup => {
  const keep = options.keep ?? DEFAULT_BACKUPS_KEPT
  assertValidKeep(keep)
  assertBackupsFolderUsable(source.vaultPath)
  const copy = copyDatabaseConsistently(source.vaultPath, source.database)
  const info = writeBackupOrExplain(source.vaultPath, {
    createdAt: options.now ?? new Date(),
    reason: options.reason,
    vaultId: copy.vaultId,
    schemaVersion: copy.schemaVersion,
    consistent: true,
    header: copy.header,
    database: copy.database,
    wal: copy.wal,
    keyCount: copy.keyCount,
  })
  return { ...info, removed: pruneBackups(source.vaultPath, keep, [info.path]) }
}

/**
 * The backup taken when an unlock is about to migrate the vault's schema: if a migration step went
 * wrong, the vault as the older Keyward wrote it is one restore away. If the backup cannot be made,
 * the vault is not migrated (and so not opened).
 */
export const backupBeforeMigration = (
  vaultPath: string,
  database: Database,
  fromVersion: number,
  toVersion: number,
  now: Date = new Date(),
): CreatedBackup => {
  try {
    return createBackup({ vaultPath, database }, { reason: `before-migration-to-v${toVersion}`, now })
  } catch (error) {
    if (!isKeywardError(error)) throw error
    throw new KeywardError(
      error.code,
      `This vault must be updated to a newer format (schema ${fromVersion} to ${toVersion}), and Keyward backs it up first, but the backup failed: ${error.message}`,
      { cause: error },
    )
  }
}

export interface BackupVaultOptions {
  now?: Date
  keep?: number
  clock?: Pick<Clock, 'now'>
}

/** Unlocks the vault with its master password (through the unlock throttle) and backs it up ('manual'). */
export const backupVault = async (
  vaultPath: string,
  password: string,
  options: BackupVaultOptions = {},
): Promise<CreatedBackup> => {
  assertValidKeep(options.keep ?? DEFAULT_BACKUPS_KEPT)
  refuseLinkedVaultFiles(vaultPath, 'back up')
  assertBackupsFolderUsable(vaultPath)
  if (!existsSync(vaultPath))
    throw new KeywardError('vault_missing', `No vault at ${vaultPath}. Create one first (keyward init).`)
  const header = readHeader(vaultPath)
  const throttle = new UnlockThrottle(vaultPath, options.clock ?? systemClock)
  throttle.assertMayTry()
  const keys = await unlockHeaderKeys(header, password)
  if (keys.length === 0) throw wrongMasterPassword(throttle.recordFailure())
  throttle.recordSuccess()
  try {
    const { database } = openWithOneOf(vaultPath, keys, header.vaultId)
    try {
      return createBackup({ vaultPath, database }, { reason: 'manual', now: options.now, keep: options.keep })
    } finally {
      database.close()
    }
  } finally {
    wipeKeys(keys)
  }
}

/**
 * This vault's backups in its backups folder, newest first; reading them needs no password. Given the
 * open vault's database, each backup's key count too (sealed in its manifest under the vault's key).
 */
export const listBackups = (vaultPath: string, database?: Database): BackupInfo[] =>
  listBackupFiles(vaultPath, database ? countSealKey(database) : null)

/** A backup file chosen elsewhere, read as far as its manifest (a file that is not one is refused, in words). */
export const describeBackupFile = (backupPath: string): BackupInfo => {
  assertBackupIsRegularFile(backupPath)
  return backupInfoFor(backupPath, basename(backupPath), readBackupManifest(backupPath), sizeOf(backupPath))
}

const removeDatabaseFiles = (path: string): void => {
  for (const suffix of ['', ...DATABASE_SIDE_FILES]) rmSync(`${path}${suffix}`, { force: true })
}

/** Writes a new file (never through a link planted under its name) and flushes it to disk. */
const writeNewFile = (path: string, bytes: Buffer): void => {
  const descriptor = openSync(path, 'wx', 0o600)
  try {
    let written = 0
    while (written < bytes.length) written += writeSync(descriptor, bytes, written, bytes.length - written)
    fsyncSync(descriptor)
  } finally {
    closeSync(descriptor)
  }
}

const flushFile = (path: string): void => {
  const descriptor = openSync(path, 'r+')
  try {
    fsyncSync(descriptor)
  } finally {
    closeSync(descriptor)
  }
}

/** Puts the backup's database (and its log, for a raw copy) at the staging path, encrypted as it is. */
const stageBackup = (stagingPath: string, contents: BackupContents): void => {
  try {
    removeDatabaseFiles(stagingPath)
    writeNewFile(stagingPath, contents.database)
    if (contents.wal !== null) writeNewFile(`${stagingPath}-wal`, contents.wal)
  } catch (error) {
    throw new KeywardError(
      'io_error',
      `Could not copy the backup to ${stagingPath} to check it (${(error as NodeJS.ErrnoException).code ?? 'write failed'}). Nothing was changed; check the folder's free space and permissions.`,
      { cause: error },
    )
  }
}

interface CurrentVault {
  summary: CurrentVaultState
  header: VaultHeader | null
  keys: KeySummary[]
  /** The key the database is encrypted with, when the password given unwraps it; one of `unlocked`. */
  key: Buffer | null
  unlocked: Buffer[]
}

const inspectCurrentVault = async (
  vaultPath: string,
  password: string,
  throttle: UnlockThrottle,
): Promise<CurrentVault> => {
  if (lstatOrNull(vaultPath) === null)
    return { summary: { state: 'missing' }, header: null, keys: [], key: null, unlocked: [] }
  let header: VaultHeader
  try {
    header = readHeader(vaultPath)
  } catch (error) {
    const reason = isKeywardError(error) ? error.message : 'its header cannot be read'
    return { summary: { state: 'unreadable', vaultId: null, reason }, header: null, keys: [], key: null, unlocked: [] }
  }
  const unlocked = await unlockHeaderKeys(header, password)
  if (unlocked.length === 0) {
    return {
      summary: { state: 'unreadable', vaultId: header.vaultId, reason: 'the master password given does not open it' },
      header,
      keys: [],
      key: null,
      unlocked,
    }
  }
  throttle.recordSuccess()
  let opened: { database: Database; key: Buffer }
  try {
    opened = openWithOneOf(vaultPath, unlocked, header.vaultId)
  } catch (error) {
    const reason = isKeywardError(error) ? error.message : 'it cannot be read'
    // With one candidate key, that is the key its database was written with, damaged or not.
    return {
      summary: { state: 'unreadable', vaultId: header.vaultId, reason },
      header,
      keys: [],
      key: unlocked.length === 1 ? unlocked[0]! : null,
      unlocked,
    }
  }
  try {
    opened.database.pragma('query_only = 1')
    const schemaVersion = opened.database.pragma('user_version', { simple: true }) as number
    const keys = summarizeKeys(opened.database)
    return {
      summary: { state: 'readable', vaultId: header.vaultId, schemaVersion, keyCount: keys.length },
      header,
      keys,
      key: opened.key,
      unlocked,
    }
  } catch (error) {
    const translated = translateSqliteError(vaultPath, error)
    const reason = isKeywardError(translated) ? translated.message : 'it cannot be read'
    return {
      summary: { state: 'unreadable', vaultId: header.vaultId, reason },
      header,
      keys: [],
      key: opened.key,
      unlocked,
    }
  } finally {
    opened.database.close()
  }
}

interface Inspection {
  preview: VaultRestorePreview
  backupHeader: VaultHeader
  /** The key the backup's database is encrypted with. */
  backupKey: Buffer
  current: CurrentVault
  /**
   * 'rekey': the backup's database is re-encrypted with the vault's current key and swapped in with
   * one rename; the header stays. 'install': the backup's header, then its database (the current
   * vault's key is unknown, or there is no vault).
   */
  plan: 'rekey' | 'install'
  toWipe: Buffer[]
}

const decide = (
  vaultPath: string,
  backupHeader: VaultHeader,
  current: CurrentVault,
): Pick<VaultRestorePreview, 'sameVault' | 'needsForce' | 'passwordAfter'> & { plan: Inspection['plan'] } => {
  const { summary } = current
  if (summary.state === 'missing')
    return { sameVault: null, needsForce: null, passwordAfter: 'backup', plan: 'install' }
  const sameVault = summary.vaultId === null ? null : summary.vaultId === backupHeader.vaultId
  if (current.key !== null) {
    return {
      sameVault,
      needsForce: sameVault
        ? null
        : `This backup is of another vault (vault id ${backupHeader.vaultId}) than the one at ${vaultPath} (vault id ${summary.vaultId}). Restoring it replaces every key of this vault with that vault's keys (this vault keeps its master password); add --force if that is what you want.`,
      passwordAfter: 'current',
      plan: 'rekey',
    }
  }
  const why =
    current.header === null
      ? `The vault at ${vaultPath} cannot be read (${summary.state === 'unreadable' ? summary.reason.replace(/\.$/, '') : 'no header'}), so Keyward cannot tell whether this backup belongs to it.`
      : `The master password opens the backup but not the vault at ${vaultPath} (its password was changed after the backup was made, or the vault is another one).`
  return {
    sameVault,
    needsForce: `${why} Add --force to replace the vault anyway: it will then open with the backup's master password, and its files are copied into the backups folder first.`,
    passwordAfter: 'backup',
    plan: 'install',
  }
}

/**
 * Checks the backup whole (lengths, checksums, its password, its key, its schema, every page) at
 * the staging path, reads the vault there now, and works out what a restore would change.
 */
const inspectRestore = async (
  vaultPath: string,
  backupPath: string,
  password: string,
  options: RestoreOptions,
  stagingPath: string,
): Promise<Inspection> => {
  refuseLinkedVaultFiles(vaultPath, 'restore')
  assertBackupIsRegularFile(backupPath)
  const contents = readBackupFile(backupPath)
  const backup = backupInfoFor(backupPath, basename(backupPath), contents.manifest, sizeOf(backupPath))
  const backupHeader = parseHeaderText(contents.manifest.header, headerProblemInBackup(backupPath))
  const throttle = new UnlockThrottle(vaultPath, options.clock ?? systemClock)
  throttle.assertMayTry()
  const backupKeys = await unlockHeaderKeys(backupHeader, password)
  if (backupKeys.length === 0) throw wrongBackupPassword(throttle.recordFailure())
  const toWipe = [...backupKeys]
  try {
    stageBackup(stagingPath, contents)
    let staged: { database: Database; key: Buffer }
    try {
      staged = openWithOneOf(stagingPath, backupKeys, backupHeader.vaultId)
    } catch (error) {
      throw damagedBackup(backupPath, error)
    }
    let backupSchemaVersion: number
    let backupKeysSummary: KeySummary[]
    try {
      backupSchemaVersion = staged.database.pragma('user_version', { simple: true }) as number
      if (backupSchemaVersion > LATEST_SCHEMA_VERSION) {
        throw new KeywardError(
          'invalid_argument',
          `The backup ${backupPath} was made by a newer Keyward (schema ${backupSchemaVersion}; this one knows up to ${LATEST_SCHEMA_VERSION}). Update Keyward to restore it. Nothing was changed.`,
        )
      }
      // A backup is read once and trusted with the whole vault: every page is checked, not only the first.
      const check = staged.database.pragma('quick_check', { simple: true })
      if (check !== 'ok') throw damagedBackup(backupPath)
      backupKeysSummary = summarizeKeys(staged.database)
    } catch (error) {
      if (isKeywardError(error)) throw error
      throw damagedBackup(backupPath, error)
    } finally {
      staged.database.close()
    }
    const current = await inspectCurrentVault(vaultPath, options.currentPassword ?? password, throttle)
    toWipe.push(...current.unlocked)
    const decision = decide(vaultPath, backupHeader, current)
    const preview: VaultRestorePreview = {
      vaultPath,
      backup,
      backupSchemaVersion,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      current: current.summary,
      ...compareKeys(current.keys, backupKeysSummary),
      sameVault: decision.sameVault,
      needsForce: decision.needsForce,
      passwordAfter: decision.passwordAfter,
    }
    return { preview, backupHeader, backupKey: staged.key, current, plan: decision.plan, toWipe }
  } catch (error) {
    wipeKeys(toWipe)
    throw error
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
      const copy = copyDatabaseConsistently(vaultPath, database)
      return writeBackupOrExplain(vaultPath, {
        createdAt: now,
        reason: 'before-restore',
        vaultId: copy.vaultId,
        schemaVersion: copy.schemaVersion,
        consistent: true,
        header: copy.header,
        database: copy.database,
        wal: copy.wal,
        keyCount: copy.keyCount,
      })
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
