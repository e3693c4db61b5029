// What a restore would change, key by key: brought back, removed, changed (renamed, other value
// versions, edited), or the same. Keys are matched by their id, which stays through renames. Values
// are compared by digest inside this process and never leave it; only names and counts do.
import { createHash } from 'node:crypto'
import type { Database } from 'better-sqlite3-multiple-ciphers'

export interface KeySummary {
  id: string
  name: string
  versions: number
  /** SHA-256 over the key's name, dates and every version's value: equal digests, same key. */
  digest: string
}

export interface KeyInBackup {
  name: string
  versions: number
}

export interface ChangedKey {
  /** The name the key has in the backup (what it is called after the restore). */
  name: string
  /** Its name in the vault now, when the backup calls it something else. */
  currentName: string | null
  currentVersions: number
  backupVersions: number
}

export interface KeyComparison {
  /** In the backup, not in the vault: the restore brings them back. */
  added: KeyInBackup[]
  /** In the vault, not in the backup: the restore removes them. */
  removed: KeyInBackup[]
  changed: ChangedKey[]
  unchanged: number
}

// Columns every schema version has had (since version 1), so an older backup compares fairly.
const KEYS_SQL = 'SELECT id, name, updated_at, current_version FROM keys ORDER BY name COLLATE NOCASE, id'
const VERSIONS_SQL = 'SELECT key_id, version, value, created_at, reason FROM key_versions ORDER BY key_id, version'

/** Every key of the database, summarized; reads in one transaction so the picture is consistent. */
export const summarizeKeys = (database: Database): KeySummary[] =>
  database.transaction(() => {
    const versionsByKey = new Map<string, { count: number; hash: ReturnType<typeof createHash> }>()
    for (const row of database.prepare(VERSIONS_SQL).iterate() as Iterable<{
      key_id: string
      version: number
      value: string
      created_at: string
      reason: string
    }>) {
      let entry = versionsByKey.get(row.key_id)
      if (!entry) {
        entry = { count: 0, hash: createHash('sha256') }
        versionsByKey.set(row.key_id, entry)
      }
      entry.count += 1
      entry.hash.update(JSON.stringify([row.version, row.value, row.created_at, row.reason]))
    }
    const rows = database.prepare(KEYS_SQL).all() as {
      id: string
      name: string
      updated_at: string
      current_version: number
    }[]
    return rows.map((row) => {
      const versions = versionsByKey.get(row.id)
      const digest = createHash('sha256')
        .update(JSON.stringify([row.name, row.updated_at, row.current_version]))
        .update(versions ? versions.hash.digest('hex') : '')
        .digest('hex')
      return { id: row.id, name: row.name, versions: versions?.count ?? 0, digest }
    })
  })()

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })

export const compareKeys = (current: readonly KeySummary[], backup: readonly KeySummary[]): KeyComparison => {
  const currentById = new Map(current.map((key) => [key.id, key]))
  const backupIds = new Set(backup.map((key) => key.id))
  const comparison: KeyComparison = { added: [], removed: [], changed: [], unchanged: 0 }
  for (const key of backup) {
    const now = currentById.get(key.id)
    if (!now) comparison.added.push({ name: key.name, versions: key.versions })
    else if (now.digest === key.digest) comparison.unchanged += 1
    else {
      comparison.changed.push({
        name: key.name,
        currentName: now.name === key.name ? null : now.name,
        currentVersions: now.versions,
        backupVersions: key.versions,
      })
    }
  }
  for (const key of current)
    if (!backupIds.has(key.id)) comparison.removed.push({ name: key.name, versions: key.versions })
  comparison.added.sort(byName)
  comparison.removed.sort(byName)
  comparison.changed.sort(byName)
  return comparison
}
