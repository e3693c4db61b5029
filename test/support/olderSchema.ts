// Takes a vault's database back to the schema an older Keyward left, as the tests of migrations and of
// backups made before one need. Each migration that the tests undo has its undo here, newest first.
import { LATEST_SCHEMA_VERSION } from '../../main/vault/file/migrations'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { openOwnerDatabase } from './ownerDatabase'

interface RawDatabase {
  exec(sql: string): unknown
  pragma(sql: string): unknown
}

export const SCHEMA_BEFORE_LATEST = LATEST_SCHEMA_VERSION - 1

const UNDO_OF: Readonly<Record<number, string>> = {
  // 9 let the audit log name 'cli via app': a table that allows one more actor is no harm to schema 8,
  // and migration 9 rebuilds it from its rows anyway.
  9: '',
  // 8: sightings recorded whether a copy was exposed or stored here; leaked marks could wait for a scan.
  8: `
    ALTER TABLE scan_sightings DROP COLUMN exposure;
    ALTER TABLE keys DROP COLUMN leak_unverified_at;
  `,
}

export const undoMigrationsTo = (database: RawDatabase, version: number): void => {
  for (let undone = LATEST_SCHEMA_VERSION; undone > version; undone--) {
    const sql = UNDO_OF[undone]
    if (sql === undefined) throw new Error(`test/support/olderSchema.ts has no undo for migration ${undone}`)
    if (sql) database.exec(sql)
  }
  database.pragma(`user_version = ${version}`)
}

export const undoLatestMigration = (database: RawDatabase): void => undoMigrationsTo(database, SCHEMA_BEFORE_LATEST)

/**
 * Opens the database of a vault file no one holds open (closed, or its app locked) with its password,
 * for work an older Keyward would have left (undoMigrationsTo, then its marks), and closes it again.
 */
export const withClosedVaultDatabase = async (
  vaultPath: string,
  password: string,
  work: (database: Database) => void,
): Promise<void> => {
  const database = await openOwnerDatabase(vaultPath, password)
  try {
    work(database)
  } finally {
    database.close()
  }
}
