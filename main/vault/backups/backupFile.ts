// The backup file. One backup is one file: a magic line, a manifest line (JSON: when, why, which
// vault, its schema version, the vault's header as it was, the length and SHA-256 of each part) and
// then the database bytes exactly as they were on disk, encrypted with the vault key that header
// wraps. Nothing in a backup is plaintext the vault file does not already leave in plaintext; the
// manifest holds no key, name or value. Where backups live and their names: backupsFolder.ts.
import { createHash } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { KeywardError } from '../../common/errors'
import { sealKeyCount, unsealKeyCount } from './sealedKeyCount'
import { ensureBackupsFolder, freeBackupName, type BackupReason } from './backupsFolder'

const MAGIC_LINE = 'KEYWARD-BACKUP 1\n'
/** The magic line and the manifest line must fit in this many bytes (a header is about 1 KB). */
const MAX_PREAMBLE_BYTES = 64 * 1024
const REASON = /^(manual|before-restore|before-migration-to-v\d{1,6})$/

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/)
const Part = z.object({ bytes: z.number().int().min(0), sha256: Sha256 })

export const BackupManifest = z.object({
  format: z.literal('keyward-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  reason: z.string().regex(REASON),
  /** The vault file's name when the backup was made (vault.keyward), for people reading a list. */
  vaultFile: z.string(),
  vaultId: z.string().uuid().nullable(),
  /** PRAGMA user_version of the copied database; null for a copy Keyward could not read. */
  schemaVersion: z.number().int().min(0).nullable(),
  /**
   * True for a copy taken under the database's write lock after a checkpoint: the database bytes
   * (with the log, when a reader kept the checkpoint from emptying it) are the vault at one moment.
   * False for a copy of files Keyward could not open (a damaged vault, or one whose password it was
   * not given) taken just before a restore replaced them, log included.
   */
  consistent: z.boolean(),
  /** The vault's header file as it was (Argon2id parameters, salt, wrapped key): nothing secret. */
  header: z
    .string()
    .max(32 * 1024)
    .nullable(),
  database: Part,
  wal: Part.nullable(),
  /** How many keys the copy holds, sealed under a key inside the encrypted database (sealedKeyCount.ts). */
  keyCountSealed: z.string().max(200).nullable().optional(),
})
export type BackupManifest = z.infer<typeof BackupManifest>

export interface BackupContents {
  manifest: BackupManifest
  database: Buffer
  wal: Buffer | null
}

/** What a list of backups shows: never a secret. */
export interface BackupInfo {
  path: string
  name: string
  createdAt: string
  reason: string
  sizeBytes: number
  schemaVersion: number | null
  vaultId: string | null
  consistent: boolean
  /** How many keys it holds, when the open vault's seal key reads its sealed count (null otherwise). */
  keyCount: number | null
  /** Why the file cannot be used, when its manifest cannot be read (null: it looks whole). */
  problem: string | null
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/**
 * Writes the bytes so that the path holds all of them or none: a fresh temporary file ('wx', so a
 * link planted under its name is not followed), fsync, rename, fsync of the folder.
 */
export const writeBytesAtomically = (path: string, chunks: readonly Buffer[], mode = 0o600): void => {
  const temporaryPath = `${path}.${process.pid}.tmp`
  rmSync(temporaryPath, { force: true })
  const descriptor = openSync(temporaryPath, 'wx', mode)
  try {
    for (const chunk of chunks) {
      let written = 0
      while (written < chunk.length) written += writeSync(descriptor, chunk, written, chunk.length - written)
    }
    fsyncSync(descriptor)
  } catch (error) {
    closeSync(descriptor)
    rmSync(temporaryPath, { force: true })
    throw error
  }
  closeSync(descriptor)
  renameSync(temporaryPath, path)
  syncFolder(dirname(path))
}

/** Makes a rename in the folder durable (not possible on Windows, where renames are journaled). */
export const syncFolder = (folder: string): void => {
  if (process.platform === 'win32') return
  const descriptor = openSync(folder, 'r')
  try {
    fsyncSync(descriptor)
  } finally {
    closeSync(descriptor)
  }
}

export interface BackupToWrite {
  createdAt: Date
  reason: BackupReason
  vaultId: string | null
  schemaVersion: number | null
  consistent: boolean
  header: string | null
  database: Buffer
  wal: Buffer | null
  /** The copy's key count and the vault's seal key, when it has one: the manifest carries the count sealed. */
  keyCount?: { count: number; sealKey: Buffer } | null
}

/** Writes a new backup file into the vault's backups folder and answers what it holds. */
export const writeBackupFile = (vaultPath: string, backup: BackupToWrite): BackupInfo => {
  if (!REASON.test(backup.reason))
    throw new KeywardError('invalid_argument', `"${backup.reason}" is not a backup reason Keyward knows.`)
  const folder = ensureBackupsFolder(vaultPath)
  const name = freeBackupName(folder, vaultPath, backup.createdAt, backup.reason)
  const manifest: BackupManifest = {
    format: 'keyward-backup',
    version: 1,
    createdAt: backup.createdAt.toISOString(),
    reason: backup.reason,
    vaultFile: basename(vaultPath),
    vaultId: backup.vaultId,
    schemaVersion: backup.schemaVersion,
    consistent: backup.consistent,
    header: backup.header,
    database: { bytes: backup.database.length, sha256: sha256Of(backup.database) },
    wal: backup.wal === null ? null : { bytes: backup.wal.length, sha256: sha256Of(backup.wal) },
    keyCountSealed:
      backup.keyCount && backup.vaultId
        ? sealKeyCount(backup.keyCount.sealKey, backup.keyCount.count, backup.vaultId, backup.createdAt.toISOString())
        : null,
  }
  const preamble = Buffer.from(`${MAGIC_LINE}${JSON.stringify(BackupManifest.parse(manifest))}\n`, 'utf8')
  if (preamble.length > MAX_PREAMBLE_BYTES)
    throw new KeywardError('internal', 'The backup manifest is larger than Keyward allows.')
  const path = join(folder, name)
  writeBytesAtomically(
    path,
    backup.wal === null ? [preamble, backup.database] : [preamble, backup.database, backup.wal],
  )
  return backupInfoFor(
    path,
    name,
    manifest,
    preamble.length + backup.database.length + (backup.wal?.length ?? 0),
    backup.keyCount?.sealKey ?? null,
  )
}

export const backupInfoFor = (
  path: string,
  name: string,
  manifest: BackupManifest,
  sizeBytes: number,
  sealKey: Buffer | null = null,
): BackupInfo => ({
  path,
  name,
  createdAt: manifest.createdAt,
  reason: manifest.reason,
  sizeBytes,
  schemaVersion: manifest.schemaVersion,
  vaultId: manifest.vaultId,
  consistent: manifest.consistent,
  keyCount: unsealKeyCount(sealKey, manifest.keyCountSealed, manifest.vaultId, manifest.createdAt),
  problem: null,
})

const notABackup = (path: string, why: string): KeywardError =>
  new KeywardError(
    'vault_corrupt',
    `${path} is not a Keyward backup that can be read (${why}). Nothing was changed; choose another backup.`,
  )

/** Splits the magic line and manifest from the rest; answers the manifest and where the data starts. */
const parsePreamble = (path: string, head: Buffer): { manifest: BackupManifest; dataStart: number } => {
  if (!head.subarray(0, MAGIC_LINE.length).equals(Buffer.from(MAGIC_LINE)))
    throw notABackup(path, 'it does not start like one')
  const end = head.indexOf(0x0a, MAGIC_LINE.length)
  if (end < 0) throw notABackup(path, 'its manifest is cut short or too long')
  let parsed: unknown
  try {
    parsed = JSON.parse(head.subarray(MAGIC_LINE.length, end).toString('utf8'))
  } catch {
    throw notABackup(path, 'its manifest is not valid JSON')
  }
  const manifest = BackupManifest.safeParse(parsed)
  if (!manifest.success) {
    throw notABackup(
      path,
      `its manifest is damaged or from a newer Keyward (${manifest.error.issues[0]?.path.join('.') || 'format'})`,
    )
  }
  return { manifest: manifest.data, dataStart: end + 1 }
}

/** Reads only the manifest (listing many backups reads a few KB of each). */
export const readBackupManifest = (path: string): BackupManifest => {
  const descriptor = openSync(path, 'r')
  try {
    const head = Buffer.alloc(MAX_PREAMBLE_BYTES)
    const length = readSync(descriptor, head, 0, head.length, 0)
    return parsePreamble(path, head.subarray(0, length)).manifest
  } finally {
    closeSync(descriptor)
  }
}

/** Reads a whole backup and checks every part against the lengths and SHA-256 sums it recorded. */
export const readBackupFile = (path: string): BackupContents => {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw new KeywardError(
      'io_error',
      `Could not read the backup ${path} (${(error as NodeJS.ErrnoException).code ?? 'read failed'}); nothing was changed.`,
    )
  }
  const { manifest, dataStart } = parsePreamble(path, bytes.subarray(0, MAX_PREAMBLE_BYTES))
  const expected = manifest.database.bytes + (manifest.wal?.bytes ?? 0)
  const held = bytes.length - dataStart
  if (held < expected) {
    throw new KeywardError(
      'vault_corrupt',
      `The backup ${path} is truncated: it holds ${held} of the ${expected} bytes it was written with. Nothing was changed; choose another backup.`,
    )
  }
  if (held > expected) {
    throw new KeywardError(
      'vault_corrupt',
      `The backup ${path} has ${held - expected} bytes more than it was written with, so it was altered. Nothing was changed; choose another backup.`,
    )
  }
  const database = bytes.subarray(dataStart, dataStart + manifest.database.bytes)
  const wal = manifest.wal === null ? null : bytes.subarray(dataStart + manifest.database.bytes, dataStart + expected)
  if (sha256Of(database) !== manifest.database.sha256 || (wal !== null && sha256Of(wal) !== manifest.wal!.sha256)) {
    throw new KeywardError(
      'vault_corrupt',
      `The backup ${path} is damaged: its contents no longer match the checksum recorded when it was made. Nothing was changed; choose another backup.`,
    )
  }
  return { manifest, database, wal }
}
