// Takes a vault's database back to the schema the Keyward before the latest migration left, as the
// tests of migrations and of backups made before one need: schema 7, before sightings recorded whether
// a copy was exposed or stored here, and before leaked marks could wait for a scan to confirm them.
import { LATEST_SCHEMA_VERSION } from '../../main/vault/file/migrations'

interface RawDatabase {
  exec(sql: string): unknown
  pragma(sql: string): unknown
}

export const SCHEMA_BEFORE_LATEST = LATEST_SCHEMA_VERSION - 1

export const undoLatestMigration = (database: RawDatabase): void => {
  database.exec(`
    ALTER TABLE scan_sightings DROP COLUMN exposure;
    ALTER TABLE keys DROP COLUMN leak_unverified_at;
  `)
  database.pragma(`user_version = ${SCHEMA_BEFORE_LATEST}`)
}
