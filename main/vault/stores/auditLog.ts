// The vault's audit log: who (the app or the command line) did what (an action's name), to which key
// or setting, and when, kept inside the encrypted vault. Entries hold names and counts, never a value;
// the oldest go when there are more than AUDIT_ENTRIES_KEPT.
import type { Database } from 'better-sqlite3-multiple-ciphers'
import type { AuditEntry } from '#contract'
import { StoreOnDatabase } from './storeOnDatabase'

export const AUDIT_ENTRIES_KEPT = 10_000
/**
 * 'cli via agent': a command answered by the unlocked agent (keyward unlock) rather than a password;
 * 'cli via app': a command answered by the open, unlocked app (values only once the user allowed it).
 */
export type AuditActor = 'app' | 'cli' | 'cli via agent' | 'cli via app'

export interface AuditEntryToRecord {
  action: string
  keyId?: string | null
  /** What it was about, in words: a key's name, a provider, a folder. */
  subject?: string | null
  /** More, in words (fields changed, a count); never a value. */
  detail?: string | null
}

/** "tags, value changed": the fields a change sets, never what they are set to. */
export const changedFieldsInWords = (changes: Record<string, unknown>): string =>
  Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => (field === 'value' ? 'value changed' : field))
    .join(', ')

/** The entries the app and the command line both write about a key. */
export const keyAddedEntry = (key: {
  id: string
  name: string
  environment: string
  provider: string | null
}): AuditEntryToRecord => ({
  action: 'key added',
  keyId: key.id,
  subject: key.name,
  detail: `${key.environment}${key.provider ? `, ${key.provider}` : ''}`,
})

export const keyEditedEntry = (
  key: { id: string; name: string },
  changes: Record<string, unknown>,
): AuditEntryToRecord => ({
  action: 'key edited',
  keyId: key.id,
  subject: key.name,
  detail: changedFieldsInWords(changes),
})

interface AuditRow {
  id: number
  at: string
  actor: AuditActor
  action: string
  key_id: string | null
  subject: string | null
  detail: string | null
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  actor: row.actor,
  action: row.action,
  keyId: row.key_id,
  subject: row.subject,
  detail: row.detail,
})

export class AuditLog extends StoreOnDatabase {
  constructor(
    database: Database,
    vaultPath: string,
    private readonly now: () => Date,
    private readonly actor: AuditActor,
    private readonly entriesKept = AUDIT_ENTRIES_KEPT,
  ) {
    super(database, vaultPath)
  }

  /** The same log, its entries recorded as another actor's (the app answering a command). */
  as(actor: AuditActor): AuditLog {
    return new AuditLog(this.database, this.vaultPath, this.now, actor, this.entriesKept)
  }

  record(entry: AuditEntryToRecord): void {
    this.write(() => {
      const { lastInsertRowid } = this.prepare(
        'INSERT INTO audit_log (at, actor, action, key_id, subject, detail) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        this.now().toISOString(),
        this.actor,
        entry.action,
        entry.keyId ?? null,
        entry.subject ?? null,
        entry.detail ?? null,
      )
      this.prepare('DELETE FROM audit_log WHERE id <= ?').run(Number(lastInsertRowid) - this.entriesKept)
    })
  }

  /** Newest first; `before` pages back from an entry's id. */
  list(options: { limit?: number; before?: number; keyId?: string } = {}): { entries: AuditEntry[]; total: number } {
    return this.read(() => {
      const limit = Math.max(1, Math.min(options.limit ?? 200, 1000))
      const rows = this.prepare(
        `SELECT * FROM audit_log WHERE (? IS NULL OR id < ?) AND (? IS NULL OR key_id = ?) ORDER BY id DESC LIMIT ?`,
      ).all(
        options.before ?? null,
        options.before ?? null,
        options.keyId ?? null,
        options.keyId ?? null,
        limit,
      ) as AuditRow[]
      const { total } = this.prepare('SELECT count(*) AS total FROM audit_log WHERE (? IS NULL OR key_id = ?)').get(
        options.keyId ?? null,
        options.keyId ?? null,
      ) as {
        total: number
      }
      return { entries: rows.map(toEntry), total }
    })
  }
}
