// What the scanner keeps in the vault: the key its finding fingerprints are made with (so a finding
// ignored once stays ignored), the findings the user ignored, and where each key's value was last
// seen (the rotate flow's "update these places"), exposed there or stored in a local file git does not
// keep. No value and no unmasked secret is stored here.
import type { Database } from 'better-sqlite3-multiple-ciphers'
import type { KeySighting } from '#contract'
import { StoreOnDatabase } from './storeOnDatabase'

export type ScanIgnoreReason = 'false_positive' | 'accepted'
export type SightingKind = 'tree' | 'index' | 'history'
/** exposed: tracked, staged or committed; stored: only in a git-ignored or untracked local file; unknown: seen before the vault recorded which. */
export type SightingExposure = KeySighting['exposure']

export interface ScanIgnore {
  fingerprint: string
  reason: ScanIgnoreReason
  ruleId: string
  path: string
  redactedSecret: string
  createdAt: string
}

/** A place a scan saw one of a key's values, as the vault keeps it: the wire's KeySighting, with its key. */
export interface StoredKeySighting extends KeySighting {
  keyId: string
}

interface SightingRow {
  key_id: string
  version: number
  folder: string
  kind: SightingKind
  path: string
  line: number
  commit_id: string | null
  in_head: number
  exposure: SightingExposure
  found_at: string
}

interface IgnoreRow {
  fingerprint: string
  reason: ScanIgnoreReason
  rule_id: string
  path: string
  redacted_secret: string
  created_at: string
}

const toSighting = (row: SightingRow): StoredKeySighting => ({
  keyId: row.key_id,
  version: row.version,
  folder: row.folder,
  kind: row.kind,
  path: row.path,
  line: row.line,
  commit: row.commit_id,
  inHead: row.in_head === 1,
  exposure: row.exposure,
  foundAt: row.found_at,
})

const toIgnore = (row: IgnoreRow): ScanIgnore => ({
  fingerprint: row.fingerprint,
  reason: row.reason,
  ruleId: row.rule_id,
  path: row.path,
  redactedSecret: row.redacted_secret,
  createdAt: row.created_at,
})

export const RECENT_FOLDERS_KEPT = 10

export class ScanStore extends StoreOnDatabase {
  constructor(
    database: Database,
    vaultPath: string,
    private readonly now: () => Date,
  ) {
    super(database, vaultPath)
  }

  /** 32 bytes, made when the vault was created (or upgraded) and never changed. */
  fingerprintKey(): Buffer {
    return this.read(
      () =>
        (this.prepare('SELECT fingerprint_key FROM scan_settings WHERE id = 1').get() as { fingerprint_key: Buffer })
          .fingerprint_key,
    )
  }

  /** Folders the user chose to scan, most recent first (at most RECENT_FOLDERS_KEPT). */
  recentFolders(): string[] {
    return this.read(() => {
      const row = this.prepare(`SELECT value FROM vault_meta WHERE name = 'scan_recent_folders'`).get() as
        | { value: string }
        | undefined
      const folders: unknown = row ? JSON.parse(row.value) : []
      return Array.isArray(folders) ? folders.filter((folder): folder is string => typeof folder === 'string') : []
    })
  }

  rememberFolder(folder: string): void {
    const folders = [folder, ...this.recentFolders().filter((known) => known !== folder)].slice(0, RECENT_FOLDERS_KEPT)
    this.write(() =>
      this.prepare(
        `INSERT INTO vault_meta (name, value) VALUES ('scan_recent_folders', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      ).run(JSON.stringify(folders)),
    )
  }

  ignores(): ScanIgnore[] {
    return this.read(() =>
      (this.prepare('SELECT * FROM scan_ignores ORDER BY created_at, fingerprint').all() as IgnoreRow[]).map(toIgnore),
    )
  }

  /** Fingerprint → why, as the scanner takes it. */
  ignoredFingerprints(): Map<string, ScanIgnoreReason> {
    return new Map(this.ignores().map((entry) => [entry.fingerprint, entry.reason]))
  }

  /** Marks a finding; marking it again changes only why. */
  ignore(entry: Omit<ScanIgnore, 'createdAt'>): void {
    const createdAt = this.now().toISOString()
    this.write(() =>
      this.prepare(
        `INSERT INTO scan_ignores (fingerprint, reason, rule_id, path, redacted_secret, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (fingerprint) DO UPDATE SET reason = excluded.reason`,
      ).run(entry.fingerprint, entry.reason, entry.ruleId, entry.path, entry.redactedSecret, createdAt),
    )
  }

  /** True when there was such an ignore to take back. */
  unignore(fingerprint: string): boolean {
    return this.write(() => this.prepare('DELETE FROM scan_ignores WHERE fingerprint = ?').run(fingerprint).changes > 0)
  }

  /**
   * Replaces what a scan of this folder said for the kinds it covered with what it found now, in one
   * transaction (a tree-only scan leaves the history's sightings as they were).
   */
  recordSightings(
    folder: string,
    kinds: readonly SightingKind[],
    sightings: readonly (Omit<StoredKeySighting, 'folder' | 'foundAt' | 'exposure'> & {
      exposure: Exclude<SightingExposure, 'unknown'>
    })[],
  ): void {
    const foundAt = this.now().toISOString()
    this.write(() => {
      const remove = this.prepare('DELETE FROM scan_sightings WHERE folder = ? AND kind = ?')
      for (const kind of kinds) remove.run(folder, kind)
      const insert = this.prepare(
        `INSERT INTO scan_sightings (key_id, version, folder, kind, path, line, commit_id, in_head, exposure, found_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM keys WHERE id = ?)`,
      )
      for (const sighting of sightings) {
        if (!kinds.includes(sighting.kind)) continue
        insert.run(
          sighting.keyId,
          sighting.version,
          folder,
          sighting.kind,
          sighting.path,
          sighting.line,
          sighting.commit,
          sighting.inHead ? 1 : 0,
          sighting.exposure,
          foundAt,
          sighting.keyId,
        )
      }
    })
  }

  /**
   * Settles the leaked marks set before the vault recorded where a copy was (schema 8 flagged them) once
   * no copy of unknown place is left, that is once the folders holding them were scanned again: a mark
   * a copy others can read (tracked, staged, committed) backs is kept; one backed only by copies stored
   * in git-ignored or untracked local files is cleared, as such a copy never marks a key leaked now;
   * one with no copy left anywhere is kept (nothing tells it was not exposed; `keyward due clear-leaked`
   * clears it). A flag whose mark was cleared or set again since is dropped. Answers the keys cleared.
   */
  settleUnverifiedLeaks(): string[] {
    return this.write(() => {
      this.prepare(
        `UPDATE keys SET leak_unverified_at = NULL
         WHERE leak_unverified_at IS NOT NULL AND (leaked_at IS NULL OR leaked_at <> leak_unverified_at)`,
      ).run()
      const settled = this.prepare(
        `SELECT id, EXISTS (SELECT 1 FROM scan_sightings WHERE key_id = keys.id AND exposure = 'exposed') AS exposed,
                EXISTS (SELECT 1 FROM scan_sightings WHERE key_id = keys.id AND exposure = 'stored') AS stored
         FROM keys WHERE leak_unverified_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM scan_sightings WHERE key_id = keys.id AND exposure = 'unknown')`,
      ).all() as { id: string; exposed: number; stored: number }[]
      const clear = this.prepare('UPDATE keys SET leaked_at = NULL, leak_unverified_at = NULL WHERE id = ?')
      const keep = this.prepare('UPDATE keys SET leak_unverified_at = NULL WHERE id = ?')
      const cleared: string[] = []
      for (const row of settled) {
        if (row.exposed === 0 && row.stored === 1) {
          clear.run(row.id)
          cleared.push(row.id)
        } else keep.run(row.id)
      }
      return cleared
    })
  }

  /** Keys whose leaked mark waits for a scan to tell whether a copy was exposed (see settleUnverifiedLeaks). */
  unverifiedLeaks(): string[] {
    return this.read(() =>
      (
        this.prepare('SELECT id FROM keys WHERE leak_unverified_at IS NOT NULL ORDER BY id').all() as { id: string }[]
      ).map((row) => row.id),
    )
  }

  /** Where this key's values were last seen, places still in the current files first. */
  sightingsOf(keyId: string): StoredKeySighting[] {
    return this.read(() =>
      (
        this.prepare(
          `SELECT * FROM scan_sightings WHERE key_id = ?
           ORDER BY kind = 'history', in_head DESC, folder, path, line`,
        ).all(keyId) as SightingRow[]
      ).map(toSighting),
    )
  }
}
