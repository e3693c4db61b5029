// The copy a backup is made of: the vault's database at one moment (taken under the write lock, after
// a checkpoint) with the header that unlocks it, checked to belong together, then written out as a
// backup file with an error that says why when it cannot be.
import { readFileSync } from 'node:fs'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { KeywardError, isKeywardError } from '../../common/errors'
import { whyWriteFailed } from '../../common/writeFailure'
import { backupsFolderFor } from './backupsFolder'
import { writeBackupFile, type BackupInfo, type BackupToWrite } from './backupFile'
import { translateSqliteError, writeTransaction } from '../file/database'
import { VaultHeader, headerChecksum, headerPathFor } from '../file/header'
import { vaultIdIn } from '../file/headerKeys'
import { lstatOrNull, refuseLinkedVaultFiles } from '../file/linkGuard'
import { countKeys, countSealKey, ensureCountSealKey } from './sealedKeyCount'

export const sizeOf = (path: string): number => lstatOrNull(path)?.size ?? 0

/** A header's text checked like readHeader checks the file: schema, then checksum. */
export const parseHeaderText = (text: string | null, onProblem: (why: string) => KeywardError): VaultHeader => {
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
export const copyDatabaseConsistently = (vaultPath: string, database: Database): DatabaseCopy => {
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

export const writeBackupOrExplain = (vaultPath: string, backup: BackupToWrite): BackupInfo => {
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

/** Backs up an open vault as it is now: a consistent copy, written as one backup file (or why not). */
export const backUpOpenDatabase = (
  vaultPath: string,
  database: Database,
  createdAt: Date,
  reason: BackupToWrite['reason'],
): BackupInfo => {
  const copy = copyDatabaseConsistently(vaultPath, database)
  return writeBackupOrExplain(vaultPath, {
    createdAt,
    reason,
    vaultId: copy.vaultId,
    schemaVersion: copy.schemaVersion,
    consistent: true,
    header: copy.header,
    database: copy.database,
    wal: copy.wal,
    keyCount: copy.keyCount,
  })
}
