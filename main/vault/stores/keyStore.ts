// The keys of an unlocked vault: add, edit, delete, search, reveal, and the version history of each
// value. Every write is one transaction. Values never leave this module except through revealValue
// and valuesForExport, both explicit (a rotation's new and retiring values: rotationStore.ts). Its
// longer queries are in keyQueries.ts, its rows and field defaults in keyRows.ts.
import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import type { Environment, KeyChanges, KeyList, KeyQuery, KeyRecord, KeyVersion, NewKey } from '#contract'
import { KeyChanges as KeyChangesSchema, NewKey as NewKeySchema } from '#contract'
import { definedOnly } from '../../common/definedOnly'
import { KeywardError } from '../../common/errors'
import { writeTransactionInSteps, type StepwiseWriteOptions } from '../file/database'
import { countFacets, facetFiltersKey } from './keyFacets'
import { maskValue } from './maskValue'
import { completeFields, duplicateNameError, fieldParameters, toRecord, type KeyRow } from './keyRows'
import {
  allValuesForScan,
  findReferenceCandidates,
  listKeyPage,
  type ReferenceToFind,
  type ValueForScan,
} from './keyQueries'
import { StoreOnDatabase } from './storeOnDatabase'

/** Keys written between two turns of the event loop in a long import: about 50 ms of work here. */
const KEYS_PER_STEP = 200

export type VersionReason = KeyVersion['reason']

export { DEFAULT_PAGE_SIZE } from './keyQueries'

export class KeyStore extends StoreOnDatabase {
  constructor(
    database: Database,
    vaultPath: string,
    private readonly now: () => Date,
  ) {
    super(database, vaultPath)
  }

  /**
   * Changes whenever the vault's rows may have: with each row this connection writes (any store's),
   * and with SQLite's data_version when another connection commits. An answer read while the mark
   * was the same still holds.
   */
  changeMark(): string {
    return this.read(() => {
      const mark = this.prepare(
        'SELECT total_changes() AS own, (SELECT data_version FROM pragma_data_version) AS others',
      ).get() as { own: number; others: number }
      return `${mark.own}:${mark.others}`
    })
  }

  count(): number {
    return this.read(() => {
      return (this.prepare('SELECT count(*) AS total FROM keys').get() as { total: number }).total
    })
  }

  list(query: KeyQuery = {}): KeyList {
    return this.read(() => this.listUnchecked(query))
  }

  private listUnchecked(query: KeyQuery): KeyList {
    return { ...listKeyPage(this.prepare, query), facets: this.facets(query) }
  }

  /**
   * Facet counts are the same for every page and search until the data changes, so they are kept
   * (per combination of filters) until this connection writes or SQLite's data_version says another
   * connection did.
   */
  private cachedFacets: { dataVersion: number; writes: number; byFilters: Map<string, KeyList['facets']> } | null = null
  private writes = 0

  private facets(query: KeyQuery): KeyList['facets'] {
    const dataVersion = this.prepare('PRAGMA data_version').pluck().get() as number
    let cached = this.cachedFacets
    if (!cached || cached.dataVersion !== dataVersion || cached.writes !== this.writes) {
      cached = { dataVersion, writes: this.writes, byFilters: new Map() }
      this.cachedFacets = cached
    }
    const key = facetFiltersKey(query)
    let facets = cached.byFilters.get(key)
    if (!facets) {
      facets = countFacets(this.prepare, query)
      cached.byFilters.set(key, facets)
    }
    return facets
  }

  get(id: string): KeyRecord {
    return this.read(() => {
      const row = this.prepare('SELECT * FROM keys WHERE id = ?').get(id) as KeyRow | undefined
      if (!row) throw new KeywardError('not_found', 'That key is no longer in the vault. It may have been deleted.')
      return toRecord(row)
    })
  }

  findByName(name: string): KeyRecord | undefined {
    return this.read(() => {
      const row = this.prepare('SELECT * FROM keys WHERE name = ? COLLATE NOCASE').get(name.trim()) as
        | KeyRow
        | undefined
      return row ? toRecord(row) : undefined
    })
  }

  /** The key whose current or earlier value is exactly this one, if any. */
  findByValue(value: string): KeyRecord | undefined {
    return this.findValueOwner(value)?.record
  }

  /** The key holding this value, and whether as its current value (preferred) or an earlier version. */
  findValueOwner(value: string): { record: KeyRecord; current: boolean } | undefined {
    return this.read(() => {
      const row = this.prepare(
        `SELECT keys.*, key_versions.version = keys.current_version AS is_current
             FROM key_versions JOIN keys ON keys.id = key_versions.key_id
            WHERE key_versions.value = ?
            ORDER BY is_current DESC LIMIT 1`,
      ).get(value) as (KeyRow & { is_current: number }) | undefined
      return row ? { record: toRecord(row), current: row.is_current === 1 } : undefined
    })
  }

  add(newKey: NewKey, reason: VersionReason = 'created'): KeyRecord {
    return this.write(() => this.insert(NewKeySchema.parse(newKey), reason))
  }

  /** Adds many keys in one transaction: all of them, or none. */
  addMany(newKeys: readonly NewKey[], reason: VersionReason = 'imported'): KeyRecord[] {
    const parsed = newKeys.map((newKey) => NewKeySchema.parse(newKey))
    return this.write(() => parsed.map((newKey) => this.insert(newKey, reason)))
  }

  /**
   * addMany for a long import: still one transaction (all or none), written in steps so the caller can
   * show progress and stop it (signal), which rolls it back whole and answers null.
   */
  async addManyInSteps(
    newKeys: readonly NewKey[],
    reason: VersionReason,
    options: Omit<StepwiseWriteOptions, 'stepSize'>,
  ): Promise<KeyRecord[] | null> {
    const parsed = newKeys.map((newKey) => NewKeySchema.parse(newKey))
    this.writes += 1
    return writeTransactionInSteps(this.database, this.vaultPath, parsed, (newKey) => this.insert(newKey, reason), {
      ...options,
      stepSize: KEYS_PER_STEP,
    })
  }

  update(id: string, changes: KeyChanges): KeyRecord {
    const parsed = KeyChangesSchema.parse(changes)
    return this.write(() => {
      const existing = this.get(id)
      const timestamp = this.now().toISOString()
      const fields = completeFields({ ...existing, ...definedOnly(parsed) })
      if (fields.name.toLowerCase() !== existing.name.toLowerCase()) this.assertNameFree(fields.name)
      let version = existing.versionCount
      let masked = existing.maskedValue
      let lastRotatedAt = existing.lastRotatedAt
      if (parsed.value !== undefined && parsed.value !== this.revealValue(id)) {
        // A rotation holds the next version number for its new value until it is promoted or canceled.
        this.assertNoPendingRotation(id)
        version += 1
        masked = maskValue(parsed.value)
        lastRotatedAt = timestamp
        this.prepare(`UPDATE key_versions SET status = 'previous' WHERE key_id = ? AND status = 'current'`).run(id)
        this.insertVersion(id, version, parsed.value, 'changed', timestamp)
      }
      this.prepare(
        `UPDATE keys SET name = @name, provider = @provider, environment = @environment, scopes = @scopes, tags = @tags,
           notes = @notes, env_var = @envVar, expires_at = @expiresAt, plan = @plan, auth_scheme = @authScheme,
           verify_url = @verifyUrl, search_text = @searchText, updated_at = @updatedAt,
           last_rotated_at = @lastRotatedAt, masked_value = @masked, current_version = @version
         WHERE id = @id`,
      ).run({ ...fieldParameters(fields), id, updatedAt: timestamp, lastRotatedAt, masked, version })
      this.replaceTags(id, fields.tags)
      return this.get(id)
    })
  }

  delete(id: string): void {
    this.write(() => {
      this.get(id)
      this.prepare('DELETE FROM keys WHERE id = ?').run(id)
    })
  }

  revealValue(id: string): string {
    return this.read(() => {
      const row = this.prepare(
        'SELECT value FROM key_versions JOIN keys ON keys.id = key_versions.key_id AND keys.current_version = key_versions.version WHERE keys.id = ?',
      ).get(id) as { value: string } | undefined
      if (!row) throw new KeywardError('not_found', 'That key is no longer in the vault. It may have been deleted.')
      return row.value
    })
  }

  /** The current values of several keys, read with one statement (a key no longer there is left out). */
  revealValues(ids: readonly string[]): Map<string, string> {
    return this.read(() => {
      const rows = this.prepare(
        `SELECT keys.id, key_versions.value FROM keys JOIN key_versions ON key_versions.key_id = keys.id AND key_versions.version = keys.current_version
         WHERE keys.id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(ids)) as { id: string; value: string }[]
      return new Map(rows.map((row) => [row.id, row.value]))
    })
  }

  /**
   * The keys a reference could name, found through the name index instead of by listing the vault:
   * those whose name, or provider/environment/name, matches ignoring ASCII case, and every key whose
   * name or provider is not plain ASCII (whose case folding SQLite does not know), for the resolver
   * to judge exactly as it would judge the whole vault.
   */
  referenceCandidates(references: readonly ReferenceToFind[]): KeyRecord[] {
    return this.read(() => findReferenceCandidates(this.prepare, references))
  }

  /** One version's value, current or not (testing whether a leaked older value is still live). */
  revealVersionValue(id: string, version: number): string {
    return this.read(() => {
      const row = this.prepare('SELECT value FROM key_versions WHERE key_id = ? AND version = ?').get(id, version) as
        | { value: string }
        | undefined
      if (!row) throw new KeywardError('not_found', 'That version of the key is no longer in the vault.')
      return row.value
    })
  }

  versions(id: string): KeyVersion[] {
    return this.read(() => {
      this.get(id)
      const rows = this.database
        // A rotation's pending value is not history yet (rotation.history() shows every step).
        .prepare(
          `SELECT version, masked_value, created_at, reason FROM key_versions WHERE key_id = ? AND status <> 'pending' ORDER BY version DESC`,
        )
        .all(id) as { version: number; masked_value: string; created_at: string; reason: VersionReason }[]
      return rows.map((row) => ({
        version: row.version,
        maskedValue: row.masked_value,
        createdAt: row.created_at,
        reason: row.reason,
      }))
    })
  }

  /**
   * Every value every key has held (current, earlier, retiring, revoked), for the secret scanner to
   * fingerprint in memory: a leak of an old version still means that key must be rotated.
   */
  valuesForScan(): ValueForScan[] {
    return this.read(() => allValuesForScan(this.prepare))
  }

  /** Every key of one environment with its current value, for an explicit export. */
  valuesForExport(environment: Environment): { record: KeyRecord; value: string }[] {
    return this.read(() => {
      const rows = this.prepare(
        `SELECT keys.*, key_versions.value AS current_value FROM keys
         JOIN key_versions ON key_versions.key_id = keys.id AND key_versions.version = keys.current_version
         WHERE keys.environment = ? ORDER BY keys.name COLLATE NOCASE`,
      ).all(environment) as (KeyRow & { current_value: string })[]
      return rows.map((row) => ({ record: toRecord(row), value: row.current_value }))
    })
  }

  protected override write<Result>(work: () => Result): Result {
    this.writes += 1
    return super.write(work)
  }

  /**
   * One new key. The name index refuses a name already taken (checked by the index rather than by a
   * lookup first, which cost an import of 10,000 keys a quarter of its time); the record answered is
   * the row as written, not read back.
   */
  private insert(newKey: NewKey, reason: VersionReason): KeyRecord {
    const id = randomUUID()
    const timestamp = this.now().toISOString()
    const fields = completeFields(newKey)
    const masked = maskValue(newKey.value)
    try {
      this.prepare(
        `INSERT INTO keys (id, name, provider, environment, scopes, tags, notes, env_var, expires_at, plan, auth_scheme,
           verify_url, search_text, created_at, updated_at, last_rotated_at, masked_value, current_version)
         VALUES (@id, @name, @provider, @environment, @scopes, @tags, @notes, @envVar, @expiresAt, @plan, @authScheme,
           @verifyUrl, @searchText, @timestamp, @timestamp, @timestamp, @masked, 1)`,
      ).run({ ...fieldParameters(fields), id, timestamp, masked })
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw duplicateNameError(fields.name)
      throw error
    }
    this.insertVersion(id, 1, newKey.value, reason, timestamp, masked)
    this.replaceTags(id, fields.tags)
    // In the order toRecord gives, so that JSON output reads the same either way.
    return {
      id,
      name: fields.name,
      provider: fields.provider,
      environment: fields.environment,
      scopes: fields.scopes,
      tags: fields.tags,
      notes: fields.notes,
      envVar: fields.envVar,
      expiresAt: fields.expiresAt,
      createdAt: timestamp,
      updatedAt: timestamp,
      lastRotatedAt: timestamp,
      maskedValue: masked,
      versionCount: 1,
      plan: fields.plan,
      authScheme: fields.authScheme,
      verifyUrl: fields.verifyUrl,
      lastTest: null,
      providerFacts: null,
    }
  }

  private assertNameFree(name: string): void {
    if (this.findByName(name)) throw duplicateNameError(name)
  }

  /** Inserts the key's new current value (the caller has marked the one before it 'previous'). */
  private insertVersion(
    id: string,
    version: number,
    value: string,
    reason: VersionReason,
    timestamp: string,
    masked = maskValue(value),
  ): void {
    this.prepare(
      `INSERT INTO key_versions (key_id, version, value, masked_value, reason, created_at, status) VALUES (?, ?, ?, ?, ?, ?, 'current')`,
    ).run(id, version, value, masked, reason, timestamp)
  }

  private assertNoPendingRotation(id: string): void {
    const flow = this.prepare(
      `SELECT stage FROM rotation_flows WHERE key_id = ? AND stage IN ('pending', 'tested')`,
    ).get(id)
    if (flow) {
      throw new KeywardError(
        'invalid_argument',
        'This key is being rotated: a new value is waiting to be tested and made current. Finish the rotation, or cancel it, before changing the value here.',
      )
    }
  }

  private replaceTags(id: string, tags: readonly string[]): void {
    this.prepare('DELETE FROM key_tags WHERE key_id = ?').run(id)
    const insertTag = this.prepare('INSERT INTO key_tags (key_id, tag) VALUES (?, ?)')
    for (const tag of tags) insertTag.run(id, tag)
  }
}
