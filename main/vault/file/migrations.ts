// Versioned schema migrations. PRAGMA user_version holds the version the file is at; each step runs
// in one transaction with its version bump, so a crash leaves the file at the old or the new version.
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { version as KEYWARD_VERSION } from '../../../package.json'
import { KeywardError } from '../../common/errors'
import { VAULT_SCHEMA_VERSION } from '../../common/vaultSchema'

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
  {
    version: 3,
    description: 'rotation: per-key period, snooze and leak, version statuses, the rotate flow, notifications, policy',
    up: `
      -- null: the provider's period, else the vault's default (test keys: the test-key period)
      ALTER TABLE keys ADD COLUMN rotation_period_days INTEGER CHECK (rotation_period_days BETWEEN 1 AND 3650);
      ALTER TABLE keys ADD COLUMN snoozed_until TEXT;
      -- set by the scanner when it finds the key's value where it should not be
      ALTER TABLE keys ADD COLUMN leaked_at TEXT;
      ALTER TABLE key_versions ADD COLUMN status TEXT NOT NULL DEFAULT 'previous'
        CHECK (status IN ('current', 'previous', 'pending', 'retiring', 'revoked'));
      -- the steps of a rotation, each with its date: tested (and what the test said), made current,
      -- retiring since, confirmed revoked at the provider
      ALTER TABLE key_versions ADD COLUMN tested_at TEXT;
      ALTER TABLE key_versions ADD COLUMN test_outcome TEXT;
      ALTER TABLE key_versions ADD COLUMN promoted_at TEXT;
      ALTER TABLE key_versions ADD COLUMN retiring_at TEXT;
      ALTER TABLE key_versions ADD COLUMN revoked_at TEXT;
      UPDATE key_versions SET status = 'current'
        WHERE version = (SELECT current_version FROM keys WHERE keys.id = key_versions.key_id);
      -- one rotation in progress per key; the row goes when the old value is confirmed revoked
      CREATE TABLE rotation_flows (
        key_id TEXT PRIMARY KEY REFERENCES keys (id) ON DELETE CASCADE,
        stage TEXT NOT NULL CHECK (stage IN ('pending', 'tested', 'promoted')),
        started_at TEXT NOT NULL,
        pending_version INTEGER NOT NULL,
        old_version INTEGER NOT NULL,
        -- the expiry the user entered for the new value, if any
        new_expires_at TEXT,
        -- JSON: the in-place test of the new value (outcome, reason, facts…), or why it could not run
        test_result TEXT,
        tested_at TEXT,
        test_outcome TEXT,
        promoted_at TEXT,
        forced INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- the last state each key was announced in (or silently recorded as), so a change is told once
      CREATE TABLE rotation_notifications (
        key_id TEXT PRIMARY KEY REFERENCES keys (id) ON DELETE CASCADE,
        level TEXT NOT NULL,
        notified_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE rotation_policy (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        default_period_days INTEGER NOT NULL CHECK (default_period_days BETWEEN 1 AND 3650),
        -- null: test keys follow the same periods as live keys
        test_key_period_days INTEGER CHECK (test_key_period_days BETWEEN 1 AND 3650),
        -- JSON array of days before the due date, largest first
        lead_times_days TEXT NOT NULL,
        max_snooze_days INTEGER NOT NULL CHECK (max_snooze_days BETWEEN 1 AND 365),
        name_keys_in_notifications INTEGER NOT NULL CHECK (name_keys_in_notifications IN (0, 1))
      ) STRICT;
      INSERT INTO rotation_policy (id, default_period_days, test_key_period_days, lead_times_days, max_snooze_days, name_keys_in_notifications)
        VALUES (1, 90, 180, '[30,7,1]', 14, 1);
    `,
  },
  {
    version: 4,
    description: 'scanner: the fingerprint key, ignored findings, where each key was last seen',
    up: `
      -- the key finding fingerprints are made with, so a finding ignored today is known tomorrow
      CREATE TABLE scan_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint_key BLOB NOT NULL CHECK (length(fingerprint_key) = 32)
      ) STRICT;
      INSERT INTO scan_settings (id, fingerprint_key) VALUES (1, randomblob(32));
      -- findings the user marked; only what identifies them (a keyed fingerprint, a masked secret)
      CREATE TABLE scan_ignores (
        fingerprint TEXT PRIMARY KEY,
        reason TEXT NOT NULL CHECK (reason IN ('false_positive', 'accepted')),
        rule_id TEXT NOT NULL,
        path TEXT NOT NULL,
        redacted_secret TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      -- where a scan last found a vault key's value (any version): the rotate flow lists these as the
      -- places to update; a new scan of the same folder and scope replaces that folder's rows
      CREATE TABLE scan_sightings (
        key_id TEXT NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        folder TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('tree', 'index', 'history')),
        path TEXT NOT NULL,
        line INTEGER NOT NULL,
        commit_id TEXT,
        in_head INTEGER NOT NULL CHECK (in_head IN (0, 1)),
        found_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX scan_sightings_by_key ON scan_sightings (key_id);
      CREATE INDEX scan_sightings_by_folder ON scan_sightings (folder, kind);
    `,
  },
  {
    version: 5,
    description: 'the audit log: who did what to which key, and when; never a value',
    up: `
      -- no foreign key: an entry outlives the key it is about (its name is kept as it was then)
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL CHECK (actor IN ('app', 'cli')),
        action TEXT NOT NULL,
        key_id TEXT,
        subject TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX audit_log_by_key ON audit_log (key_id);
    `,
  },
  {
    version: 6,
    description: "auth tests: request slots per key, shared by every process, for the plans' limits",
    up: `
      -- one row per verify request with a key, reserved before it is sent (times in ms since 1970);
      -- it counts from the later of sent_at and answered_at, and a row never answered (its process
      -- died) from deadline_at. Rows older than a day are dropped as the key's next slot is reserved.
      CREATE TABLE rate_slots (
        id INTEGER PRIMARY KEY,
        key_id TEXT NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
        sent_at INTEGER NOT NULL,
        answered_at INTEGER,
        deadline_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX rate_slots_by_key ON rate_slots (key_id);
      -- the last day's tests, so the daily windows survive the upgrade: each request counted from its
      -- test's answer (the time the test was sent plus its latency), retries too
      INSERT INTO rate_slots (key_id, sent_at, answered_at, deadline_at)
        WITH RECURSIVE attempt (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM attempt WHERE n < 3),
        tested AS (
          SELECT key_id, attempts, CAST(round((julianday(tested_at) - 2440587.5) * 86400000) AS INTEGER) AS sent_at,
                 CAST(round(coalesce(latency_ms, 0)) AS INTEGER) AS latency
            FROM key_tests WHERE julianday(tested_at) >= julianday('now') - 1
        )
        SELECT key_id, sent_at, sent_at + latency, sent_at + latency FROM tested JOIN attempt ON attempt.n <= tested.attempts;
    `,
  },
  {
    version: 7,
    description: "the audit log names the unlocked agent's work as 'cli via agent'",
    up: `
      -- SQLite cannot change a CHECK in place: the table is copied into one that allows the new actor
      CREATE TABLE audit_log_next (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL CHECK (actor IN ('app', 'cli', 'cli via agent')),
        action TEXT NOT NULL,
        key_id TEXT,
        subject TEXT,
        detail TEXT
      ) STRICT;
      INSERT INTO audit_log_next SELECT id, at, actor, action, key_id, subject, detail FROM audit_log;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_next RENAME TO audit_log;
      CREATE INDEX audit_log_by_key ON audit_log (key_id);
    `,
  },
  {
    version: 8,
    description: 'scanner: where each sighting was (exposed or stored here), and leak marks no exposed copy confirms',
    up: `
      -- exposed: tracked, staged or committed; stored: only in a git-ignored or untracked local file;
      -- unknown: seen before schema 8, which did not record it. Staged and committed copies are exposed.
      ALTER TABLE scan_sightings ADD COLUMN exposure TEXT NOT NULL DEFAULT 'unknown'
        CHECK (exposure IN ('exposed', 'stored', 'unknown'));
      UPDATE scan_sightings SET exposure = 'exposed' WHERE kind IN ('index', 'history');
      -- a leaked mark set when a copy in a git-ignored file marked a key leaked too: the mark (its date)
      -- that waits for the next scan of the folders holding its copies of unknown place, which keeps it
      -- when a copy is exposed and clears it when every copy is stored here (ScanStore.settleUnverifiedLeaks)
      ALTER TABLE keys ADD COLUMN leak_unverified_at TEXT;
      UPDATE keys SET leak_unverified_at = leaked_at
        WHERE leaked_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM scan_sightings WHERE key_id = keys.id AND exposure = 'unknown')
          AND NOT EXISTS (SELECT 1 FROM scan_sightings WHERE key_id = keys.id AND exposure = 'exposed');
    `,
  },
  {
    version: 9,
    description: "the audit log names the open app's work for a command as 'cli via app'",
    up: `
      CREATE TABLE audit_log_next (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL CHECK (actor IN ('app', 'cli', 'cli via agent', 'cli via app')),
        action TEXT NOT NULL,
        key_id TEXT,
        subject TEXT,
        detail TEXT
      ) STRICT;
      INSERT INTO audit_log_next SELECT id, at, actor, action, key_id, subject, detail FROM audit_log;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_next RENAME TO audit_log;
      CREATE INDEX audit_log_by_key ON audit_log (key_id);
    `,
  },
]

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0
if (LATEST_SCHEMA_VERSION !== VAULT_SCHEMA_VERSION) {
  throw new Error(
    `main/common/vaultSchema.ts says schema ${VAULT_SCHEMA_VERSION}, the last migration is ${LATEST_SCHEMA_VERSION}: make them agree.`,
  )
}

/**
 * The vault_meta row naming the Keyward that last moved the vault's schema forward, so that an older
 * Keyward meeting it can say which version to update to. A row, not a schema change: every schema has
 * vault_meta, so every Keyward from this one on can read it.
 */
const SCHEMA_WRITTEN_BY = 'schema_written_by'

const schemaWrittenBy = (database: Database): string | null => {
  try {
    const row = database.prepare(`SELECT value FROM vault_meta WHERE name = ?`).get(SCHEMA_WRITTEN_BY) as
      | { value: string }
      | undefined
    // Shown in a message: only a version's own characters, whatever a hostile file holds.
    return row && /^[0-9A-Za-z.+-]{1,40}$/.test(row.value) ? row.value : null
  } catch {
    return null
  }
}

/**
 * Refuses a vault whose schema is newer than this code knows, before anything is written to it: an
 * older Keyward would read tables it does not know as if they held what it expects.
 */
export const assertSchemaKnown = (database: Database): void => {
  const current = database.pragma('user_version', { simple: true }) as number
  if (current <= LATEST_SCHEMA_VERSION) return
  const writer = schemaWrittenBy(database)
  throw new KeywardError(
    'vault_corrupt',
    `This vault was written by ${writer ? `Keyward ${writer}` : 'a newer Keyward'} (vault schema ${current}); this is Keyward ${KEYWARD_VERSION}, which knows vault schemas up to ${LATEST_SCHEMA_VERSION}. Update Keyward (the app and the keyward command) to open it; nothing was changed.`,
  )
}

export const migrateToLatest = (database: Database): void => {
  assertSchemaKnown(database)
  const current = database.pragma('user_version', { simple: true }) as number
  if (current === LATEST_SCHEMA_VERSION) return
  for (const migration of migrations) {
    if (migration.version <= current) continue
    database.transaction(() => {
      database.exec(migration.up)
      database.pragma(`user_version = ${migration.version}`)
    })()
  }
  database
    .prepare(
      `INSERT INTO vault_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
    )
    .run(SCHEMA_WRITTEN_BY, KEYWARD_VERSION)
}
