// Versioned schema migrations. PRAGMA user_version holds the version the file is at; each step runs
// in one transaction with its version bump, so a crash leaves the file at the old or the new version.
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { KeywardError } from '../common/errors'

interface Migration {
  version: number
  description: string
  up: string
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'keys, their value versions and tags; vault settings',
    up: `
      CREATE TABLE vault_meta (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      CREATE TABLE keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        provider TEXT,
        environment TEXT NOT NULL CHECK (environment IN ('live', 'test', 'other')),
        scopes TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        env_var TEXT,
        expires_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_rotated_at TEXT NOT NULL,
        masked_value TEXT NOT NULL,
        current_version INTEGER NOT NULL,
        -- name, provider, env var, notes, tags and scopes, lower-cased: one column to search
        search_text TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX keys_by_name ON keys (name COLLATE NOCASE);
      CREATE TABLE key_versions (
        key_id TEXT NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        value TEXT NOT NULL,
        masked_value TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (key_id, version)
      ) STRICT;
      CREATE INDEX key_versions_by_value ON key_versions (value);
      CREATE TABLE key_tags (
        key_id TEXT NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (key_id, tag)
      ) STRICT;
      CREATE INDEX key_tags_by_tag ON key_tags (tag);
    `,
  },
  {
    version: 2,
    description: 'auth tests: what a test needs per key, test history, provider settings, custom providers',
    up: `
      ALTER TABLE keys ADD COLUMN plan TEXT;
      ALTER TABLE keys ADD COLUMN auth_scheme TEXT;
      ALTER TABLE keys ADD COLUMN verify_url TEXT;
      -- JSON: the latest test's outcome, time, reason and latency, for lists
      ALTER TABLE keys ADD COLUMN last_test TEXT;
      -- JSON: what the provider's last valid answer said about the key (permissions, expiry, credits…)
      ALTER TABLE keys ADD COLUMN provider_facts TEXT;
      CREATE TABLE key_tests (
        id INTEGER PRIMARY KEY,
        key_id TEXT NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
        key_version INTEGER NOT NULL,
        tested_at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        reason TEXT NOT NULL,
        provider_message TEXT,
        http_status INTEGER,
        latency_ms REAL,
        attempts INTEGER NOT NULL,
        next_test_at TEXT
      ) STRICT;
      CREATE INDEX key_tests_by_key ON key_tests (key_id, tested_at);
      CREATE TABLE provider_settings (
        provider_id TEXT PRIMARY KEY,
        base_url TEXT,
        ca_certificate_name TEXT,
        ca_certificate_pem TEXT
      ) STRICT;
      CREATE TABLE custom_providers (
        id TEXT PRIMARY KEY,
        definition TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;
    `,
  },
]

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0

export const migrateToLatest = (database: Database): void => {
  const current = database.pragma('user_version', { simple: true }) as number
  if (current > LATEST_SCHEMA_VERSION) {
    throw new KeywardError(
      'vault_corrupt',
      `This vault was written by a newer Keyward (schema ${current}; this one knows up to ${LATEST_SCHEMA_VERSION}). Update Keyward to open it.`,
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    database.transaction(() => {
      database.exec(migration.up)
      database.pragma(`user_version = ${migration.version}`)
    })()
  }
}
