// Listing a vault's backups (each read as far as its manifest) and pruning the oldest beyond the
// number kept.
import { readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { KeywardError } from '../../common/errors'
import { lstatOrNull } from '../file/linkGuard'
import { backupInfoFor, readBackupManifest, type BackupInfo } from './backupFile'
import { assertBackupsFolderIsReal, assertValidKeep, backupsFolderFor, namePattern, timeOfStamp } from './backupsFolder'

/** The vault's backups, each read as far as its manifest, newest first; with the seal key, their key counts. */
export const listBackupFiles = (vaultPath: string, sealKey: Buffer | null = null): BackupInfo[] => {
  const folder = backupsFolderFor(vaultPath)
  if (!assertBackupsFolderIsReal(folder)) return []
  const pattern = namePattern(vaultPath)
  const found: BackupInfo[] = []
  for (const name of readdirSync(folder)) {
    const parts = pattern.exec(name)
    if (!parts) continue
    const path = join(folder, name)
    const status = lstatOrNull(path)
    if (status === null || !status.isFile()) continue
    try {
      found.push(backupInfoFor(path, name, readBackupManifest(path), status.size, sealKey))
    } catch (error) {
      found.push({
        path,
        name,
        createdAt: timeOfStamp(parts[1]!),
        reason: parts[2]!,
        sizeBytes: status.size,
        schemaVersion: null,
        vaultId: null,
        consistent: false,
        keyCount: null,
        problem: error instanceof KeywardError ? error.message : 'it cannot be read',
      })
    }
  }
  // The time is in the name, so names sort oldest first.
  return found.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
}

/** Deletes this vault's oldest backups beyond the newest `keep`, sparing the paths given; answers the names removed. */
export const pruneBackups = (vaultPath: string, keep: number, spare: readonly string[] = []): string[] => {
  assertValidKeep(keep)
  const spared = new Set(spare.map((path) => resolve(path)))
  const removed: string[] = []
  for (const backup of listBackupFiles(vaultPath).slice(keep)) {
    if (spared.has(resolve(backup.path))) continue
    rmSync(backup.path, { force: true })
    removed.push(backup.name)
  }
  return removed
}
