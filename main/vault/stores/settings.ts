// Vault-wide settings, kept inside the encrypted database.
import type { Database } from 'better-sqlite3-multiple-ciphers'

export const DEFAULT_AUTO_LOCK_MINUTES = 5

export class VaultSettings {
  constructor(private readonly database: Database) {}

  get autoLockMinutes(): number {
    const row = this.database.prepare(`SELECT value FROM vault_meta WHERE name = 'auto_lock_minutes'`).get() as
      | { value: string }
      | undefined
    const minutes = Number(row?.value)
    return Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_AUTO_LOCK_MINUTES
  }

  set autoLockMinutes(minutes: number) {
    this.database
      .prepare(
        `INSERT INTO vault_meta (name, value) VALUES ('auto_lock_minutes', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      )
      .run(String(minutes))
  }
}
