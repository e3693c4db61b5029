// What rotation keeps inside the vault: each key's period, snooze and leak, the steps of a rotation
// (one in progress per key) with the status and dates of every value, the last state each key was
// announced in, and the vault's rotation policy. Every write is one transaction. A rotation's new
// value becomes current only through promote(); its values leave this module only through
// revealPendingValue (to test it) and revealRetiringValue (to copy the old one while services move).
import type { Database } from 'better-sqlite3-multiple-ciphers'
import type { RotationPolicy, VersionHistoryEntry } from '#contract'
import { KeywardError } from '../../common/errors'
import { lastTestOf } from './testHistory'
import type { KeyStore } from './keyStore'
import { maskValue } from './maskValue'
import {
  FLOW_SELECT,
  REFUSED_OUTCOMES,
  flowInProgress,
  notFound,
  toFlow,
  wrongStage,
  type FlowRow,
  type KeyRotationRecord,
  type NotificationLevelRecord,
  type PolicyRow,
  policyParameters,
  toPolicy,
  toVersionHistoryEntry,
  withRotation,
  type VersionRow,
  type RotationColumns,
  type RotationStage,
  type RotationTest,
  type StoredRotationFlow,
  type VersionStatus,
} from './rotationRecords'

export {
  DEFAULT_ROTATION_POLICY,
  ROTATION_STAGES,
  VERSION_STATUSES,
  type KeyRotationRecord,
  type NotificationLevelRecord,
  type RotationStage,
  type RotationTest,
  type StoredRotationFlow,
  type VersionStatus,
} from './rotationRecords'
import { StoreOnDatabase } from './storeOnDatabase'

export class RotationStore extends StoreOnDatabase {
  constructor(
    database: Database,
    vaultPath: string,
    private readonly keys: KeyStore,
  ) {
    super(database, vaultPath)
  }

  policy(): RotationPolicy {
    return this.read(() => {
      const row = this.prepare('SELECT * FROM rotation_policy WHERE id = 1').get() as PolicyRow | undefined
      return toPolicy(row)
    })
  }

  /** Stores the policy as given; main/rotation-service checks it first (the table's CHECKs are the backstop). */
  setPolicy(policy: RotationPolicy): RotationPolicy {
    this.write(() =>
      this.prepare(
        `INSERT INTO rotation_policy (id, default_period_days, test_key_period_days, lead_times_days, max_snooze_days, name_keys_in_notifications)
         VALUES (1, @defaultPeriodDays, @testKeyPeriodDays, @leadTimes, @maxSnoozeDays, @nameKeys)
         ON CONFLICT (id) DO UPDATE SET default_period_days = excluded.default_period_days,
           test_key_period_days = excluded.test_key_period_days, lead_times_days = excluded.lead_times_days,
           max_snooze_days = excluded.max_snooze_days, name_keys_in_notifications = excluded.name_keys_in_notifications`,
      ).run(policyParameters(policy)),
    )
    return this.policy()
  }

  /** Every key with its rotation fields and any rotation in progress. */
  list(): KeyRotationRecord[] {
    return this.read(() => {
      const keys = this.keys.list({ limit: Number.MAX_SAFE_INTEGER }).keys
      const extras = new Map(
        (
          this.prepare('SELECT id, rotation_period_days, snoozed_until, leaked_at FROM keys').all() as RotationColumns[]
        ).map((row) => [row.id, row]),
      )
      const flows = new Map((this.prepare(FLOW_SELECT).all() as FlowRow[]).map((row) => [row.key_id, toFlow(row)]))
      return keys.map((key) => withRotation(key, extras.get(key.id), flows.get(key.id) ?? null))
    })
  }

  get(keyId: string): KeyRotationRecord {
    return this.read(() => {
      const key = this.keys.get(keyId)
      const extras = this.prepare(
        'SELECT id, rotation_period_days, snoozed_until, leaked_at FROM keys WHERE id = ?',
      ).get(keyId) as RotationColumns
      return withRotation(key, extras, this.flow(keyId))
    })
  }

  /** Sets the key's own rotation period (1 to 3650 days), or null for the provider's or the vault's. */
  setPeriod(keyId: string, days: number | null): void {
    this.write(() => this.updateKey(keyId, 'UPDATE keys SET rotation_period_days = ? WHERE id = ?', days))
  }

  setSnoozedUntil(keyId: string, until: string | null): void {
    this.write(() => this.updateKey(keyId, 'UPDATE keys SET snoozed_until = ? WHERE id = ?', until))
  }

  /** The scanner found the key's value (current, or still retiring) where it should not be. The first finding's date is kept. */
  markLeaked(keyId: string, at: Date): void {
    this.write(() =>
      this.updateKey(keyId, 'UPDATE keys SET leaked_at = coalesce(leaked_at, ?) WHERE id = ?', at.toISOString()),
    )
  }

  /** The user dismissed the finding (a false positive); a rotation confirmed revoked clears it too. */
  clearLeaked(keyId: string): void {
    this.write(() => this.updateKey(keyId, 'UPDATE keys SET leaked_at = NULL WHERE id = ?'))
  }

  flow(keyId: string): StoredRotationFlow | null {
    return this.read(() => {
      const row = this.prepare(`${FLOW_SELECT} WHERE rotation_flows.key_id = ?`).get(keyId) as FlowRow | undefined
      return row ? toFlow(row) : null
    })
  }

  /**
   * Starts a rotation: the new value is stored as the key's next version, 'pending'. Refused while
   * another rotation of the key is in progress, and for a value the vault already holds.
   */
  startFlow(keyId: string, value: string, options: { newExpiresAt: string | null; at: Date }): StoredRotationFlow {
    return this.write(() => {
      const key = this.keys.get(keyId)
      const existing = this.flow(keyId)
      if (existing) throw flowInProgress(existing)
      const sameKey = this.prepare('SELECT version, status FROM key_versions WHERE key_id = ? AND value = ?').get(
        keyId,
        value,
      ) as { version: number; status: VersionStatus } | undefined
      if (sameKey?.status === 'current') {
        throw new KeywardError(
          'invalid_argument',
          `That is the value "${key.name}" already has. Create a new key at the provider and paste the new one.`,
        )
      }
      if (sameKey) {
        throw new KeywardError(
          'invalid_argument',
          `That is an earlier value of "${key.name}" (version ${sameKey.version}, ${sameKey.status}). Rotating back to an old value does not replace it: create a new key at the provider.`,
        )
      }
      const other = this.prepare(
        'SELECT keys.name FROM key_versions JOIN keys ON keys.id = key_versions.key_id WHERE key_versions.value = ? AND key_versions.key_id <> ? LIMIT 1',
      ).get(value, keyId) as { name: string } | undefined
      if (other) {
        throw new KeywardError(
          'invalid_argument',
          `That value belongs to another key in the vault, "${other.name}". Paste the new value of "${key.name}".`,
        )
      }
      const timestamp = options.at.toISOString()
      const pendingVersion = key.versionCount + 1
      this.prepare(
        `INSERT INTO key_versions (key_id, version, value, masked_value, reason, created_at, status) VALUES (?, ?, ?, ?, 'changed', ?, 'pending')`,
      ).run(keyId, pendingVersion, value, maskValue(value), timestamp)
      this.prepare(
        `INSERT INTO rotation_flows (key_id, stage, started_at, pending_version, old_version, new_expires_at, updated_at)
         VALUES (?, 'pending', ?, ?, ?, ?, ?)`,
      ).run(keyId, timestamp, pendingVersion, key.versionCount, options.newExpiresAt, timestamp)
      return this.flow(keyId)!
    })
  }

  /** Keeps what the in-place test of the new value said; testing again replaces it. */
  recordFlowTest(keyId: string, test: RotationTest, at: Date): StoredRotationFlow {
    return this.write(() => {
      const flow = this.requireFlow(keyId, ['pending', 'tested'], 'test')
      this.prepare(
        `UPDATE rotation_flows SET stage = 'tested', test_result = ?, tested_at = ?, test_outcome = ?, updated_at = ? WHERE key_id = ?`,
      ).run(JSON.stringify(test), test.testedAt, test.outcome, at.toISOString(), keyId)
      this.prepare('UPDATE key_versions SET tested_at = ?, test_outcome = ? WHERE key_id = ? AND version = ?').run(
        test.testedAt,
        test.outcome,
        keyId,
        flow.pendingVersion,
      )
      return this.flow(keyId)!
    })
  }

  /**
   * Makes the new value current and the old one retiring, in one transaction: only after the new
   * value tested valid, or with force when it could not be tested (never when the provider refused it).
   */
  promote(keyId: string, options: { force: boolean; at: Date }): StoredRotationFlow {
    return this.write(() => {
      const flow = this.requireFlow(keyId, ['pending', 'tested'], 'promote')
      const test = flow.test
      if (test && REFUSED_OUTCOMES.has(test.outcome)) {
        throw new KeywardError(
          'invalid_argument',
          `The provider refused the new value (${test.outcome}): ${test.reason} Paste the right value: cancel this rotation and start again.`,
        )
      }
      const valid = test?.outcome === 'valid'
      if (!valid && !options.force) {
        throw new KeywardError(
          'invalid_argument',
          test
            ? `The new value has not tested valid (${test.outcome}: ${test.reason}). Test it again, or make it current anyway if Keyward cannot test this provider.`
            : 'Test the new value before making it current (or make it current anyway if Keyward cannot test this provider).',
        )
      }
      const timestamp = options.at.toISOString()
      const result = valid ? test!.result : null
      const facts =
        result && Object.keys(result.facts).length > 0 ? { ...result.facts, observedAt: result.testedAt } : null
      const lastTest = result ? lastTestOf(result) : null
      this.prepare(`UPDATE key_versions SET status = 'retiring', retiring_at = ? WHERE key_id = ? AND version = ?`).run(
        timestamp,
        keyId,
        flow.oldVersion,
      )
      this.prepare(`UPDATE key_versions SET status = 'previous' WHERE key_id = ? AND status = 'current'`).run(keyId)
      this.prepare(`UPDATE key_versions SET status = 'current', promoted_at = ? WHERE key_id = ? AND version = ?`).run(
        timestamp,
        keyId,
        flow.pendingVersion,
      )
      // The old value's expiry, provider facts and last test described the old value: the new one
      // starts with what its own test (and the user) said.
      this.prepare(
        `UPDATE keys SET current_version = ?, masked_value = ?, last_rotated_at = ?, updated_at = ?, expires_at = ?,
           provider_facts = ?, last_test = ?, snoozed_until = NULL WHERE id = ?`,
      ).run(
        flow.pendingVersion,
        flow.newValueMasked,
        timestamp,
        timestamp,
        flow.newExpiresAt,
        facts ? JSON.stringify(facts) : null,
        lastTest ? JSON.stringify(lastTest) : null,
        keyId,
      )
      if (result) {
        this.prepare(
          `INSERT INTO key_tests (key_id, key_version, tested_at, outcome, reason, provider_message, http_status, latency_ms, attempts, next_test_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          keyId,
          flow.pendingVersion,
          result.testedAt,
          result.outcome,
          result.reason,
          result.providerMessage,
          result.httpStatus,
          result.latencyMilliseconds,
          result.attempts,
          result.nextTestAt,
        )
      }
      this.prepare(
        `UPDATE rotation_flows SET stage = 'promoted', promoted_at = ?, forced = ?, updated_at = ? WHERE key_id = ?`,
      ).run(timestamp, valid ? 0 : 1, timestamp, keyId)
      return this.flow(keyId)!
    })
  }

  /** The user revoked the old value at the provider: it is marked revoked and the rotation ends. */
  confirmRevoked(keyId: string, at: Date): StoredRotationFlow {
    return this.write(() => {
      const flow = this.requireFlow(keyId, ['promoted'], 'confirm')
      const timestamp = at.toISOString()
      this.prepare(`UPDATE key_versions SET status = 'revoked', revoked_at = ? WHERE key_id = ? AND version = ?`).run(
        timestamp,
        keyId,
        flow.oldVersion,
      )
      // A leak was of a value now dead at the provider.
      this.prepare('UPDATE keys SET leaked_at = NULL, updated_at = ? WHERE id = ?').run(timestamp, keyId)
      this.prepare('DELETE FROM rotation_flows WHERE key_id = ?').run(keyId)
      return { ...flow, updatedAt: timestamp }
    })
  }

  /** Drops a rotation before its new value was made current: the new value is discarded, the key is as it was. */
  cancelFlow(keyId: string): StoredRotationFlow {
    return this.write(() => {
      const flow = this.requireFlow(keyId, ['pending', 'tested'], 'cancel')
      this.prepare('DELETE FROM rotation_flows WHERE key_id = ?').run(keyId)
      this.prepare(`DELETE FROM key_versions WHERE key_id = ? AND version = ? AND status = 'pending'`).run(
        keyId,
        flow.pendingVersion,
      )
      return flow
    })
  }

  /** The new value of a rotation not yet promoted, to test it in place. */
  revealPendingValue(keyId: string): string {
    return this.read(() => {
      const flow = this.requireFlow(keyId, ['pending', 'tested'], 'test')
      return this.storedValue(keyId, flow.pendingVersion)
    })
  }

  /** The old value while services move to the new one: still copyable until confirmed revoked. */
  revealRetiringValue(keyId: string): string {
    return this.read(() => {
      const row = this.prepare(
        `SELECT value FROM key_versions WHERE key_id = ? AND status = 'retiring' ORDER BY version DESC LIMIT 1`,
      ).get(keyId) as { value: string } | undefined
      if (!row) {
        this.keys.get(keyId)
        throw new KeywardError(
          'not_found',
          'This key has no retiring value: its old value was confirmed revoked, or it was never rotated here.',
        )
      }
      return row.value
    })
  }

  history(keyId: string): VersionHistoryEntry[] {
    return this.read(() => {
      this.keys.get(keyId)
      const rows = this.prepare(
        `SELECT version, masked_value, reason, status, created_at, tested_at, test_outcome, promoted_at, retiring_at, revoked_at
         FROM key_versions WHERE key_id = ? ORDER BY version DESC`,
      ).all(keyId) as VersionRow[]
      return rows.map(toVersionHistoryEntry)
    })
  }

  /** The last state each key was announced in (or recorded in without a word). */
  notificationLevels(): Map<string, NotificationLevelRecord> {
    return this.read(() => {
      const rows = this.prepare('SELECT key_id, level, notified_at FROM rotation_notifications').all() as {
        key_id: string
        level: string
        notified_at: string
      }[]
      return new Map(rows.map((row) => [row.key_id, { level: row.level, notifiedAt: row.notified_at }]))
    })
  }

  recordNotificationLevels(entries: readonly { keyId: string; level: string }[], at: Date): void {
    if (entries.length === 0) return
    this.write(() => {
      const upsert = this.prepare(
        `INSERT INTO rotation_notifications (key_id, level, notified_at) VALUES (?, ?, ?)
         ON CONFLICT (key_id) DO UPDATE SET level = excluded.level, notified_at = excluded.notified_at`,
      )
      for (const entry of entries) upsert.run(entry.keyId, entry.level, at.toISOString())
    })
  }

  private updateKey(keyId: string, sql: string, ...values: unknown[]): void {
    if (this.prepare(sql).run(...values, keyId).changes === 0) throw notFound()
  }

  private requireFlow(
    keyId: string,
    stages: readonly RotationStage[],
    action: 'test' | 'promote' | 'confirm' | 'cancel',
  ): StoredRotationFlow {
    const flow = this.flow(keyId)
    if (!flow) {
      this.keys.get(keyId)
      throw new KeywardError(
        'invalid_argument',
        'No rotation of this key is in progress. Start one by pasting the new value.',
      )
    }
    if (!stages.includes(flow.stage)) throw wrongStage(flow, action)
    return flow
  }

  private storedValue(keyId: string, version: number): string {
    const row = this.prepare('SELECT value FROM key_versions WHERE key_id = ? AND version = ?').get(keyId, version) as
      | { value: string }
      | undefined
    if (!row) throw notFound()
    return row.value
  }
}
