// Finding keys by what a person types: a name (with "did you mean" when it is not there), all keys
// matching a query, page by page, or the keys references name, looked up through the name index.
import type { KeyQuery, KeyRecord } from '#contract'
import { KeywardError } from '../common/errors'
import type { KeyStore } from '../vault/index'
import { quoted } from './keyDisplay'
import {
  ReferenceResolver,
  emptyValueProblem,
  isEmptyValue,
  suggestNames,
  type ParsedReference,
} from '../reference-service/index'

/**
 * Every key the query matches, in one read: paging with OFFSET walked the name index from the start
 * again for every page (ten pages, five times the rows, at 10,000 keys).
 */
export const listAllKeys = (keys: KeyStore, query: KeyQuery = {}): KeyRecord[] =>
  keys.list({ ...query, offset: 0, limit: Number.MAX_SAFE_INTEGER }).keys

export const findKeyByName = (keys: KeyStore, name: string): KeyRecord => {
  const key = keys.findByName(name)
  if (key) return key
  const close = suggestNames(
    name,
    listAllKeys(keys).map((record) => record.name),
  )
  const hint = close.length ? ` Did you mean ${close.map(quoted).join(', ')}?` : ''
  throw new KeywardError(
    'not_found',
    `No key named ${quoted(name)} in the vault.${hint} "keyward list" shows every key.`,
  )
}

export type ReferenceValue = { ok: true; value: string; keyName: string } | { ok: false; message: string }

/**
 * Each reference's value, or why it has none, in the order given. The keys they could name come
 * from the name index (not a listing of the vault), and the resolver judges among those exactly as
 * among all keys; only a reference that names nothing lists the vault, for its "did you mean".
 */
export const resolveReferenceValues = (keys: KeyStore, references: readonly ParsedReference[]): ReferenceValue[] => {
  const nearby = new ReferenceResolver(keys.referenceCandidates(references))
  let everyKey: ReferenceResolver<KeyRecord> | null = null
  const resolutions = references.map((reference) => {
    const resolution = nearby.resolve(reference)
    if (resolution.ok || resolution.problem.kind !== 'not_found') return resolution
    everyKey ??= new ReferenceResolver(listAllKeys(keys))
    return everyKey.resolve(reference)
  })
  const values = keys.revealValues([
    ...new Set(resolutions.flatMap((resolution) => (resolution.ok ? [resolution.key.id] : []))),
  ])
  return resolutions.map((resolution): ReferenceValue => {
    if (!resolution.ok) return { ok: false, message: resolution.problem.message }
    const value = values.get(resolution.key.id)
    if (value === undefined) return { ok: false, message: `${quoted(resolution.key.name)} is no longer in the vault.` }
    if (isEmptyValue(value))
      return { ok: false, message: emptyValueProblem(resolution.reference, resolution.key).message }
    return { ok: true, value, keyName: resolution.key.name }
  })
}
