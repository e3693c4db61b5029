// A key as the keys table holds it, and the record the rest of main sees: the row's shape, turning a
// row into a record, a key's fields completed with their defaults and turned into statement
// parameters, and the small rules both directions share (labels kept unique, LIKE escaped).
import type { Environment, KeyFields, KeyRecord } from '#contract'
import { keySearchText } from '#contract'
import { KeywardError } from '../../common/errors'

export interface KeyRow {
  id: string
  name: string
  provider: string | null
  environment: Environment
  scopes: string
  tags: string
  notes: string
  env_var: string | null
  expires_at: string | null
  created_at: string
  updated_at: string
  last_rotated_at: string
  masked_value: string
  current_version: number
  plan: string | null
  auth_scheme: string | null
  verify_url: string | null
  last_test: string | null
  provider_facts: string | null
}

export const toRecord = (row: KeyRow): KeyRecord => ({
  id: row.id,
  name: row.name,
  provider: row.provider,
  environment: row.environment,
  scopes: JSON.parse(row.scopes) as string[],
  tags: JSON.parse(row.tags) as string[],
  notes: row.notes,
  envVar: row.env_var,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  lastRotatedAt: row.last_rotated_at,
  maskedValue: row.masked_value,
  versionCount: row.current_version,
  plan: row.plan,
  authScheme: row.auth_scheme,
  verifyUrl: row.verify_url,
  lastTest: row.last_test ? (JSON.parse(row.last_test) as KeyRecord['lastTest']) : null,
  providerFacts: row.provider_facts ? (JSON.parse(row.provider_facts) as KeyRecord['providerFacts']) : null,
})

export const unique = (labels: readonly string[]): string[] => [
  ...new Set(labels.map((label) => label.trim()).filter(Boolean)),
]

export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`)

export const duplicateNameError = (name: string): KeywardError =>
  new KeywardError('duplicate_name', `A key named "${name.trim()}" is already in the vault. Choose another name.`)

/**
 * Fills the fields left out with their defaults. The vault guesses no provider: its callers do, with
 * every provider the user knows (withGuessedFields), and pass the guess in.
 */
export const completeFields = (fields: Partial<KeyFields> & { name: string }): KeyFields => ({
  name: fields.name.trim(),
  provider: fields.provider ?? null,
  environment: fields.environment ?? 'other',
  scopes: unique(fields.scopes ?? []),
  tags: unique(fields.tags ?? []),
  notes: fields.notes ?? '',
  envVar: fields.envVar ?? null,
  expiresAt: fields.expiresAt ?? null,
  plan: fields.plan ?? null,
  authScheme: fields.authScheme ?? null,
  verifyUrl: fields.verifyUrl ?? null,
})

/** A key's fields as the keys table's statement parameters (lists as JSON, with the search text). */
export const fieldParameters = (fields: KeyFields) => ({
  name: fields.name,
  provider: fields.provider,
  environment: fields.environment,
  scopes: JSON.stringify(fields.scopes),
  tags: JSON.stringify(fields.tags),
  notes: fields.notes,
  envVar: fields.envVar,
  expiresAt: fields.expiresAt,
  plan: fields.plan,
  authScheme: fields.authScheme,
  verifyUrl: fields.verifyUrl,
  searchText: keySearchText(fields),
})
