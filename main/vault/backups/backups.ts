// Backups of the vault and restoring one. A backup copies the encrypted database file byte for byte
// (under the write lock, after a checkpoint) with the header that unlocks it, so it stays encrypted
// and opens with the master password the vault had when it was made. A restore checks the backup
// whole before touching anything, backs up the vault it replaces, and swaps the database file in one
// rename. docs/security.md ("Backups") says why each step is there. Making one is here; checking and
// restoring one are in restoreInspection.ts and restore.ts, re-exported here.
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { systemClock, type Clock } from '../../common/clock'
import { KeywardError, isKeywardError } from '../../common/errors'
import {
  DEFAULT_BACKUPS_KEPT,
  assertBackupIsRegularFile,
  assertBackupsFolderUsable,
  assertValidKeep,
  type BackupReason,
} from './backupsFolder'
import { backupInfoFor, readBackupManifest, type BackupInfo } from './backupFile'
import { listBackupFiles, pruneBackups } from './backupList'
import { readHeader } from '../file/header'
import { openWithOneOf, unlockHeaderKeys, wipeKeys } from '../file/headerKeys'
import { refuseLinkedVaultFiles } from '../file/linkGuard'
import { UnlockThrottle, wrongMasterPassword } from '../file/unlockThrottle'
import { countSealKey } from './sealedKeyCount'
import { backUpOpenDatabase, sizeOf } from './backupCopy'

export { DEFAULT_BACKUPS_KEPT, MAX_BACKUPS_KEPT, backupsFolderFor, type BackupReason } from './backupsFolder'
export { type BackupInfo } from './backupFile'
export type { ChangedKey, KeyInBackup } from './restoreComparison'
export { previewRestore, restoreBackup } from './restore'
export type {
  CurrentVaultState,
  RestoreOptions,
  RestoreResult,
  RestoreStep,
  VaultRestorePreview,
} from './restoreInspection'

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

/** Copies the vault whose database is open here into a new backup, then keeps only the last N backups. */
export const createBackup = (
  source: { vaultPath: string; database: Database },
  options: CreateBackupOptions,
): CreatedBackup => {
  const keep = options.keep ?? DEFAULT_BACKUPS_KEPT
  assertValidKeep(keep)
  assertBackupsFolderUsable(source.vaultPath)
  const info = backUpOpenDatabase(source.vaultPath, source.database, options.now ?? new Date(), options.reason)
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
