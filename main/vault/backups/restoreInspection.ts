// The first half of a restore, which writes nothing beside the vault: the backup is checked whole from
// a staged copy, the vault there now is read as far as the password given allows, and what a restore
// would change is worked out (and whether it needs force).
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs'
import { basename } from 'node:path'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { systemClock, type Clock } from '../../common/clock'
import { KeywardError, isKeywardError } from '../../common/errors'
import { assertBackupIsRegularFile } from './backupsFolder'
import { backupInfoFor, readBackupFile, type BackupContents, type BackupInfo } from './backupFile'
import { translateSqliteError } from '../file/database'
import { VaultHeader, readHeader } from '../file/header'
import { openWithOneOf, unlockHeaderKeys, wipeKeys } from '../file/headerKeys'
import { lstatOrNull, refuseLinkedVaultFiles } from '../file/linkGuard'
import { LATEST_SCHEMA_VERSION } from '../file/migrations'
import { compareKeys, summarizeKeys, type KeyComparison, type KeySummary } from './restoreComparison'
import { UnlockThrottle, nextTryWait } from '../file/unlockThrottle'
import { parseHeaderText, sizeOf } from './backupCopy'

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

export const DATABASE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const

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

const headerProblemInBackup =
  (backupPath: string) =>
  (why: string): KeywardError =>
    new KeywardError(
      'vault_corrupt',
      `The backup ${backupPath} cannot be restored: ${why}. Nothing was changed; choose another backup.`,
    )

export const removeDatabaseFiles = (path: string): void => {
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

export interface Inspection {
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
export const inspectRestore = async (
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
