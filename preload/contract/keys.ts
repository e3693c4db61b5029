// The contract's key types: a key's fields, the masked record the renderer sees, its versions, the
// list with its filter counts, a search both sides match alike, and a pasted value's guess.
import { z } from 'zod'
import { Environment, EnvVarName, IsoDate, KeyName, MAX_VALUE_BYTES, SecretValue } from './fields'
import { boundedText, Id, Label, utf8Length } from './parts'
import { KeyTest, ProviderFacts } from './tests'

export const KeyFields = z.object({
  name: KeyName,
  provider: Label.nullable(),
  environment: Environment,
  scopes: z.array(Label).max(100),
  tags: z.array(Label).max(100),
  notes: boundedText('Notes', 20_000).refine((notes) => utf8Length(notes) <= MAX_VALUE_BYTES, {
    message: 'Notes are larger than 64 KB',
  }),
  envVar: EnvVarName.nullable(),
  expiresAt: IsoDate.nullable(),
  /** The provider plan the key is on (its rate limits); null: the provider's default. */
  plan: Label.nullable(),
  /** Which of the provider's header schemes to test with; null: the provider's default. */
  authScheme: Label.nullable(),
  /** The endpoint to verify this key with, for providers whose docs name none (Cloro). */
  verifyUrl: z.string().url().max(2000).nullable(),
})
export type KeyFields = z.infer<typeof KeyFields>

/** A key as the renderer sees it: every field but the value, which is masked. */
export const KeyRecord = KeyFields.extend({
  id: Id,
  maskedValue: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastRotatedAt: z.string(),
  versionCount: z.number().int(),
  lastTest: KeyTest.pick({
    outcome: true,
    testedAt: true,
    reason: true,
    latencyMilliseconds: true,
    httpStatus: true,
    nextTestAt: true,
  }).nullable(),
  providerFacts: ProviderFacts.nullable(),
})
export type KeyRecord = z.infer<typeof KeyRecord>

export const KeyVersion = z.object({
  version: z.number().int(),
  maskedValue: z.string(),
  createdAt: z.string(),
  reason: z.enum(['created', 'changed', 'imported']),
})
export type KeyVersion = z.infer<typeof KeyVersion>

// What a search matches in a key, in one place for both sides: main stores it per key (search_text,
// matched with LIKE) and the window filters the index it holds with it, so both find the same keys.
interface SearchableKey {
  name: string
  provider: string | null
  envVar: string | null
  notes: string | null
  tags: readonly string[]
  scopes: readonly string[]
}

/** The key's searchable text, lowercased: name, provider id, env var, notes, tags and scopes. */
export const keySearchText = (key: SearchableKey): string =>
  [key.name, key.provider, key.envVar, key.notes, ...key.tags, ...key.scopes].filter(Boolean).join('\n').toLowerCase()

/** Whether a typed search finds the key: the same as main's `search_text LIKE %text%` on lowercased text. */
export const matchesKeySearch = (key: SearchableKey, text: string): boolean =>
  keySearchText(key).includes(text.trim().toLowerCase())

/**
 * The most keys one listKeys answers: the renderer asks for the whole masked index once (10,000 keys
 * answer in tens of milliseconds, see docs/architecture.md) and scrolls it virtualised.
 */
export const KEY_INDEX_LIMIT = 100_000

export const KeyQuery = z.object({
  text: z.string().max(200).optional(),
  provider: Label.optional(),
  environment: Environment.optional(),
  tag: Label.optional(),
  offset: z.number().int().min(0).max(1_000_000).optional(),
  limit: z.number().int().min(1).max(KEY_INDEX_LIMIT).optional(),
})
export type KeyQuery = z.infer<typeof KeyQuery>

const Count = z.object({ value: z.string(), count: z.number().int() })
export const KeyList = z.object({
  keys: z.array(KeyRecord),
  total: z.number().int(),
  /** The sidebar's filter counts, each group within the other groups' filters (main/vault/stores/keyFacets.ts). */
  facets: z.object({
    providers: z.array(Count),
    environments: z.array(Count),
    tags: z.array(Count),
  }),
})
export type KeyList = z.infer<typeof KeyList>

export const NewKey = KeyFields.partial().extend({ name: KeyName, value: SecretValue })
export type NewKey = z.infer<typeof NewKey>

export const KeyChanges = KeyFields.partial().extend({ value: SecretValue.optional() })
export type KeyChanges = z.infer<typeof KeyChanges>

export const KeyGuess = z.object({
  provider: z.string().nullable(),
  environment: Environment,
  envVar: z.string().nullable(),
  /** Set when a prefix belongs to more than one provider (sk_live_: Stripe and AgentClara). */
  ambiguousWith: z.array(z.string()),
})
export type KeyGuess = z.infer<typeof KeyGuess>

/** A pasted value's guess, and the vault key already holding that value (now, or as an earlier version). */
export const ValueGuess = KeyGuess.extend({
  sameValueAs: z.object({ id: Id, name: z.string(), current: z.boolean() }).nullable(),
})
export type ValueGuess = z.infer<typeof ValueGuess>
