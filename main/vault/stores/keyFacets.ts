// The sidebar's filter counts. Each group is counted within the filters of the other groups (with
// "live" chosen, each provider's count is its live keys), never its own, so every value of the group
// stays on offer and its count says what choosing it would list.
import type { KeyList, KeyQuery } from '#contract'
import type { StatementCache } from '../file/database'

type FacetFilters = Pick<KeyQuery, 'provider' | 'environment' | 'tag'>
type Count = KeyList['facets']['providers'][number]

/** The WHERE clause over `keys` for the filters other than the one a group is counting. */
const conditionsWithout = (filters: FacetFilters, group: keyof FacetFilters) => {
  const conditions: string[] = []
  const parameters: Record<string, string> = {}
  if (filters.provider && group !== 'provider') {
    conditions.push('keys.provider = @provider COLLATE NOCASE')
    parameters.provider = filters.provider
  }
  if (filters.environment && group !== 'environment') {
    conditions.push('keys.environment = @environment')
    parameters.environment = filters.environment
  }
  if (filters.tag && group !== 'tag') {
    conditions.push('EXISTS (SELECT 1 FROM key_tags AS chosen WHERE chosen.key_id = keys.id AND chosen.tag = @tag)')
    parameters.tag = filters.tag
  }
  return { conditions, parameters }
}

const where = (conditions: string[]): string => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '')

export const countFacets = (prepare: StatementCache, filters: FacetFilters): KeyList['facets'] => {
  const providers = conditionsWithout(filters, 'provider')
  const environments = conditionsWithout(filters, 'environment')
  const tags = conditionsWithout(filters, 'tag')
  // One statement per combination of filters (at most eight per group), kept by the statement cache.
  return {
    providers: prepare(
      `SELECT provider AS value, count(*) AS count FROM keys
        ${where(['provider IS NOT NULL', ...providers.conditions])} GROUP BY provider ORDER BY provider`,
    ).all(providers.parameters) as Count[],
    environments: prepare(
      `SELECT environment AS value, count(*) AS count FROM keys
        ${where(environments.conditions)} GROUP BY environment ORDER BY environment`,
    ).all(environments.parameters) as Count[],
    // Without other filters the tags table alone answers (no join: the unfiltered sidebar costs what it did).
    tags: prepare(
      tags.conditions.length === 0
        ? `SELECT tag AS value, count(*) AS count FROM key_tags GROUP BY tag ORDER BY tag`
        : `SELECT key_tags.tag AS value, count(*) AS count FROM key_tags JOIN keys ON keys.id = key_tags.key_id
            ${where(tags.conditions)} GROUP BY key_tags.tag ORDER BY key_tags.tag`,
    ).all(tags.parameters) as Count[],
  }
}

/** The key a set of counts is kept under until the data changes. */
export const facetFiltersKey = (filters: FacetFilters): string =>
  JSON.stringify([filters.provider?.toLowerCase() ?? null, filters.environment ?? null, filters.tag ?? null])
