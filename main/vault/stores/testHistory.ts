// Each key's auth-test history, and what the latest test and the provider's last valid answer said,
// kept on the key for lists. One transaction per recorded test.
import type { Database } from 'better-sqlite3-multiple-ciphers'
import type { KeyRecord, KeyTest, ProviderFacts } from '#contract'
import { KeywardError } from '../../common/errors'
import { unflushedWriteTransaction } from '../file/database'
import { StoreOnDatabase } from './storeOnDatabase'

/** A test as the auth-test service hands it over: the result, and what the answer told. */
export interface TestToRecord {
  testedAt: string
  outcome: KeyTest['outcome']
  reason: string
  providerMessage: string | null
  httpStatus: number | null
  latencyMilliseconds: number | null
  attempts: number
  nextTestAt: string | null
  facts: Omit<ProviderFacts, 'observedAt'>
}

interface TestRow {
  id: number
  key_id: string
  key_version: number
  tested_at: string
  outcome: KeyTest['outcome']
  reason: string
  provider_message: string | null
  http_status: number | null
  latency_ms: number | null
  attempts: number
  next_test_at: string | null
}

const toKeyTest = (row: TestRow): KeyTest => ({
  id: row.id,
  keyId: row.key_id,
  keyVersion: row.key_version,
  testedAt: row.tested_at,
  outcome: row.outcome,
  reason: row.reason,
  providerMessage: row.provider_message,
  httpStatus: row.http_status,
  latencyMilliseconds: row.latency_ms,
  attempts: row.attempts,
  nextTestAt: row.next_test_at,
})

/** What a key keeps of its latest test, for lists (keys.last_test). */
export const lastTestOf = (test: TestToRecord): NonNullable<KeyRecord['lastTest']> => ({
  outcome: test.outcome,
  testedAt: test.testedAt,
  reason: test.reason,
  latencyMilliseconds: test.latencyMilliseconds,
  httpStatus: test.httpStatus,
  nextTestAt: test.nextTestAt,
})

/** Tests kept per key; older ones are dropped as new ones come. */
export const TESTS_KEPT_PER_KEY = 200

export class TestHistory extends StoreOnDatabase {
  constructor(database: Database, vaultPath: string) {
    super(database, vaultPath)
  }

  /** Recorded without a disk flush: a result lost with a power cut is had again by testing again. */
  record(keyId: string, test: TestToRecord): KeyTest {
    return unflushedWriteTransaction(this.database, this.vaultPath, () => {
      const key = this.prepare('SELECT current_version FROM keys WHERE id = ?').get(keyId) as
        | { current_version: number }
        | undefined
      if (!key) throw new KeywardError('not_found', 'That key is no longer in the vault. It may have been deleted.')
      const { lastInsertRowid } = this.prepare(
        `INSERT INTO key_tests (key_id, key_version, tested_at, outcome, reason, provider_message, http_status, latency_ms, attempts, next_test_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        keyId,
        key.current_version,
        test.testedAt,
        test.outcome,
        test.reason,
        test.providerMessage,
        test.httpStatus,
        test.latencyMilliseconds,
        test.attempts,
        test.nextTestAt,
      )
      const lastTest = lastTestOf(test)
      this.prepare('UPDATE keys SET last_test = ? WHERE id = ?').run(JSON.stringify(lastTest), keyId)
      if (test.outcome === 'valid' && Object.keys(test.facts).length > 0) {
        const facts: ProviderFacts = { ...test.facts, observedAt: test.testedAt }
        this.prepare('UPDATE keys SET provider_facts = ? WHERE id = ?').run(JSON.stringify(facts), keyId)
      }
      this.prepare(
        `DELETE FROM key_tests WHERE key_id = ? AND id NOT IN
           (SELECT id FROM key_tests WHERE key_id = ? ORDER BY id DESC LIMIT ${TESTS_KEPT_PER_KEY})`,
      ).run(keyId, keyId)
      return toKeyTest(this.prepare('SELECT * FROM key_tests WHERE id = ?').get(lastInsertRowid) as TestRow)
    })
  }

  /** The key's tests, newest first. */
  list(keyId: string, limit = 100): KeyTest[] {
    const rows = this.database
      .prepare('SELECT * FROM key_tests WHERE key_id = ? ORDER BY id DESC LIMIT ?')
      .all(keyId, limit) as TestRow[]
    return rows.map(toKeyTest)
  }

  /** When requests were sent with this key since a time (a test with retries sent several). */
  sentSince(keyId: string, since: string): number[] {
    const rows = this.prepare('SELECT tested_at, attempts FROM key_tests WHERE key_id = ? AND tested_at >= ?').all(
      keyId,
      since,
    ) as { tested_at: string; attempts: number }[]
    return rows.flatMap((row) => Array.from({ length: row.attempts }, () => Date.parse(row.tested_at)))
  }
}
