// The keys store's longer queries, over the statement cache it holds: a page of the list, the keys a
// reference could name, and every value for the secret scanner. KeyStore runs each inside its read.
import type { Environment, KeyList, KeyQuery, KeyRecord } from '#contract'
import type { StatementCache } from '../file/database'
import { escapeLike, toRecord, type KeyRow } from './keyRows'

export const DEFAULT_PAGE_SIZE = 200

/** A reference as the resolver reads it: a name, or a provider/environment/name path. */
export interface ReferenceToFind {
  name: string
  path: { provider: string; environment: string; name: string } | null
}

/** One value a key holds or held, for the scanner to fingerprint. */
export interface ValueForScan {
  keyId: string
  keyName: string
  version: number
  current: boolean
  provider: string | null
  environment: Environment
  value: string
}

/** One page of keys matching the query (search text, provider, environment, tag), sorted by name, and how many match. */
export const listKeyPage = (prepare: StatementCache, query: KeyQuery): Omit<KeyList, 'facets'> => {
  const conditions: string[] = []
  const parameters: Record<string, unknown> = {}
  const text = query.text?.trim()
  if (text) {
    conditions.push(`search_text LIKE @text ESCAPE '\\'`)
    parameters.text = `%${escapeLike(text.toLowerCase())}%`
  }
  if (query.provider) {
    conditions.push('provider = @provider COLLATE NOCASE')
    parameters.provider = query.provider
  }
  if (query.environment) {
    conditions.push('environment = @environment')
    parameters.environment = query.environment
  }
  if (query.tag) {
    conditions.push('EXISTS (SELECT 1 FROM key_tags WHERE key_tags.key_id = keys.id AND key_tags.tag = @tag)')
    parameters.tag = query.tag
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''
  const limit = query.limit ?? DEFAULT_PAGE_SIZE
  const offset = query.offset ?? 0
  // Kept per SQL text: a handful of filter combinations, not one statement per page.
  const rows = prepare(`SELECT * FROM keys ${where} ORDER BY name COLLATE NOCASE LIMIT @limit OFFSET @offset`).all({
    ...parameters,
    limit,
    offset,
  }) as KeyRow[]
  const total =
    offset === 0 && rows.length < limit
      ? rows.length
      : (prepare(`SELECT count(*) AS total FROM keys ${where}`).get(parameters) as { total: number }).total
  return { keys: rows.map(toRecord), total }
}

/** referenceCandidates' query (KeyStore.referenceCandidates says which keys it finds, and why). */
export const findReferenceCandidates = (
  prepare: StatementCache,
  references: readonly ReferenceToFind[],
): KeyRecord[] => {
  const byName = prepare('SELECT * FROM keys WHERE name = ? COLLATE NOCASE')
  const byPath = prepare(
    'SELECT * FROM keys WHERE name = ? COLLATE NOCASE AND environment = ? AND provider = ? COLLATE NOCASE',
  )
  const found = new Map<string, KeyRow>()
  const add = (rows: KeyRow[]) => rows.forEach((row) => found.set(row.id, row))
  add(prepare(`SELECT * FROM keys WHERE name GLOB '*[^ -~]*' OR provider GLOB '*[^ -~]*'`).all() as KeyRow[])
  for (const reference of references) {
    add(byName.all(reference.name.trim()) as KeyRow[])
    if (reference.path)
      add(byPath.all(reference.path.name, reference.path.environment, reference.path.provider) as KeyRow[])
  }
  return [...found.values()].map(toRecord)
}

/** valuesForScan's query: every value every key has held, with its key's name, provider and environment. */
export const allValuesForScan = (prepare: StatementCache): ValueForScan[] => {
  const rows = prepare(
    `SELECT keys.id AS key_id, keys.name, keys.provider, keys.environment, key_versions.version, key_versions.value,
       key_versions.version = keys.current_version AS current
     FROM key_versions JOIN keys ON keys.id = key_versions.key_id ORDER BY keys.name, key_versions.version`,
  ).all() as {
    key_id: string
    name: string
    provider: string | null
    environment: Environment
    version: number
    value: string
    current: number
  }[]
  return rows.map((row) => ({
    keyId: row.key_id,
    keyName: row.name,
    version: row.version,
    current: row.current === 1,
    provider: row.provider,
    environment: row.environment,
    value: row.value,
  }))
}
