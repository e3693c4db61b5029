// The contract's backup types: a backup as listed, which one to restore (never a path), and what a
// restore would change, key by key.
import { z } from 'zod'

export const BackupSummary = z.object({
  name: z.string(),
  createdAt: z.string(),
  /** manual, before-migration-to-v5, before-restore. */
  reason: z.string(),
  sizeBytes: z.number(),
  /** How many keys it holds, when this vault can read the count (backups it made itself); null otherwise. */
  keyCount: z.number().int().nullable(),
  /** Why the file cannot be used, when it looks damaged. */
  problem: z.string().nullable(),
})
export type BackupSummary = z.infer<typeof BackupSummary>

/** A backup file's name as main lists it: one file name, never a path. */
const BackupName = z
  .string()
  .max(300)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.keyward-backup$/, { message: 'Choose a backup from the list' })

/**
 * Which backup to restore: one of main's list, by name, or a file the user chose in main's open-file
 * dialog, by the id main gave it. The window never sends a path; main turns either into one.
 */
export const BackupSource = z.discriminatedUnion('from', [
  z.object({ from: z.literal('list'), name: BackupName }).strict(),
  z.object({ from: z.literal('file'), choiceId: z.string().min(1).max(64) }).strict(),
])
export type BackupSource = z.infer<typeof BackupSource>

const KeyInBackup = z.object({ name: z.string(), versions: z.number().int() })

/** What a restore changes, key by key: names and version counts, never a value. */
export const RestorePreview = z.object({
  backup: BackupSummary,
  keysNow: z.number().int().nullable(),
  keysInBackup: z.number().int(),
  /** In the backup, not in the vault: the restore brings them back. */
  added: z.array(KeyInBackup),
  /** In the vault, not in the backup: the restore removes them. */
  removed: z.array(KeyInBackup),
  /** In both, different (renamed, other versions, edited); `currentName` when the backup names it otherwise. */
  changed: z.array(
    z.object({
      name: z.string(),
      currentName: z.string().nullable(),
      currentVersions: z.number().int(),
      backupVersions: z.number().int(),
    }),
  ),
  unchanged: z.number().int(),
  /** Why the app will not restore this backup (a backup of another vault); null when it may. */
  refusal: z.string().nullable(),
})
export type RestorePreview = z.infer<typeof RestorePreview>
