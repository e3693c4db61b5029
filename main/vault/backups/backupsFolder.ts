// Where a vault's backups live: the backups folder beside the vault (a real folder, kept private, never
// a link), how many are kept, and the file names, which sort by time:
// <vault file>.<UTC time with milliseconds>.<reason>.keyward-backup
import { chmodSync, mkdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { KeywardError } from '../../common/errors'
import { linkTarget, lstatOrNull } from '../file/linkGuard'

export const BACKUPS_FOLDER_NAME = 'backups'
export const BACKUP_FILE_SUFFIX = '.keyward-backup'
export const DEFAULT_BACKUPS_KEPT = 10
export const MAX_BACKUPS_KEPT = 1000

export type BackupReason = 'manual' | 'before-restore' | `before-migration-to-v${number}`

export const backupsFolderFor = (vaultPath: string): string => join(dirname(vaultPath), BACKUPS_FOLDER_NAME)

export const assertValidKeep = (keep: number): void => {
  if (!Number.isInteger(keep) || keep < 1 || keep > MAX_BACKUPS_KEPT) {
    throw new KeywardError(
      'invalid_argument',
      `The number of backups to keep must be a whole number from 1 to ${MAX_BACKUPS_KEPT}.`,
    )
  }
}

/**
 * The backups folder beside the vault, as a real folder. A link there would send backups (and
 * the pruning of old ones) into a folder of someone else's choosing, so it is refused.
 */
export const assertBackupsFolderIsReal = (folder: string): boolean => {
  const status = lstatOrNull(folder)
  if (status === null) return false
  if (status.isSymbolicLink()) {
    throw new KeywardError(
      'io_error',
      `The backups folder ${folder} is a symbolic link (to ${linkTarget(folder)}). Keyward does not write or remove backups through a link; nothing was changed. Replace the link with a real folder (move the backups into it).`,
    )
  }
  if (!status.isDirectory()) {
    throw new KeywardError(
      'io_error',
      `${folder} is not a folder, so Keyward cannot keep backups there; nothing was changed. Move that file away.`,
    )
  }
  return true
}

/** Checks, without creating anything, that backups could be written beside this vault. */
export const assertBackupsFolderUsable = (vaultPath: string): void => {
  assertBackupsFolderIsReal(backupsFolderFor(vaultPath))
}

/** Creates the backups folder (mode 0700) if needed, and keeps it private. */
export const ensureBackupsFolder = (vaultPath: string): string => {
  const folder = backupsFolderFor(vaultPath)
  if (!assertBackupsFolderIsReal(folder)) mkdirSync(folder, { mode: 0o700 })
  if (process.platform !== 'win32') chmodSync(folder, 0o700)
  return folder
}

/** A backup given by path must be a regular file, not a link (whose target could change under us). */
export const assertBackupIsRegularFile = (backupPath: string): void => {
  const status = lstatOrNull(backupPath)
  if (status === null) {
    throw new KeywardError(
      'not_found',
      `There is no backup at ${backupPath}. List the backups with "keyward backup list".`,
    )
  }
  if (status.isSymbolicLink()) {
    throw new KeywardError(
      'io_error',
      `The backup ${backupPath} is a symbolic link (to ${linkTarget(backupPath)}). Keyward does not restore from a link, since its target can change between the check and the restore; nothing was changed. Give the path of the backup file itself.`,
    )
  }
  if (!status.isFile())
    throw new KeywardError(
      'invalid_argument',
      `${backupPath} is not a file, so it is not a Keyward backup; nothing was changed.`,
    )
}

// Names sort by time: <vault file>.<UTC time with milliseconds>.<reason>.keyward-backup
const stampOf = (time: Date): string => time.toISOString().replace(/:/g, '-').replace('.', '-')
const STAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export const namePattern = (vaultPath: string): RegExp =>
  new RegExp(
    `^${escapeRegExp(basename(vaultPath))}\\.(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z)\\.([a-z0-9-]+)${escapeRegExp(BACKUP_FILE_SUFFIX)}$`,
  )

export const timeOfStamp = (stamp: string): string => {
  const parts = STAMP.exec(stamp)
  return parts ? `${parts[1]}T${parts[2]}:${parts[3]}:${parts[4]}.${parts[5]}Z` : stamp
}

/** A name no file holds yet: two backups in the same millisecond get the next millisecond. */
export const freeBackupName = (folder: string, vaultPath: string, createdAt: Date, reason: BackupReason): string => {
  for (let offset = 0; offset < 10_000; offset += 1) {
    const name = `${basename(vaultPath)}.${stampOf(new Date(createdAt.getTime() + offset))}.${reason}${BACKUP_FILE_SUFFIX}`
    if (lstatOrNull(join(folder, name)) === null) return name
  }
  throw new KeywardError(
    'io_error',
    `The backups folder ${folder} holds too many backups made at the same moment; nothing was written.`,
  )
}
