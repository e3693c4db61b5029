// The options that set a key's fields (add and edit share them), and their translation into the
// contract's KeyFields, validated by the contract's own schemas.
import { Option, type Command } from 'commander'
import type { z } from 'zod'
import { ENVIRONMENTS, KeyFields, type Environment } from '#contract'
import { KeywardError } from '../common/errors'

export interface KeyFieldOptions {
  provider?: string
  env?: Environment
  tag?: string[]
  scope?: string[]
  notes?: string
  envVar?: string
  expires?: string
  plan?: string
  scheme?: string
  verifyUrl?: string
  clearTags?: boolean
  clearScopes?: boolean
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** The word that clears a field in `edit` (and, in `add`, keeps Keyward from guessing it). */
export const NONE = 'none'

export const addKeyFieldOptions = (command: Command, { forEdit }: { forEdit: boolean }): Command => {
  command
    .option(
      '--provider <provider>',
      forEdit ? 'provider id or name ("none" to clear)' : 'provider id or name (guessed from the value when left out)',
    )
    .addOption(
      new Option(
        '--env <environment>',
        forEdit ? 'environment' : 'environment (guessed from the value when left out)',
      ).choices(ENVIRONMENTS),
    )
    .option(
      '--tag <tag>',
      forEdit ? 'a tag; repeat for several (replaces the tags)' : 'a tag; repeat for several',
      collect,
    )
    .option(
      '--scope <scope>',
      forEdit ? 'a scope; repeat for several (replaces the scopes)' : 'a scope; repeat for several',
      collect,
    )
  if (forEdit) {
    command.option('--clear-tags', 'remove every tag').option('--clear-scopes', 'remove every scope')
  }
  return command
    .option('--notes <text>', 'free-form notes')
    .option(
      '--env-var <VAR>',
      forEdit
        ? 'the variable it is exported as ("none" for one made from its name)'
        : "the variable it is exported as (the provider's usual one when left out)",
    )
    .option('--expires <date>', forEdit ? 'expiry date, YYYY-MM-DD ("none" to clear)' : 'expiry date, YYYY-MM-DD')
    .option(
      '--plan <plan>',
      `the provider plan the key is on, which sets its test rate limits${forEdit ? ' ("none": the provider\'s default)' : ''}`,
    )
    .option(
      '--scheme <scheme>',
      `the header scheme its tests use${forEdit ? ' ("none": the provider\'s default)' : ''}`,
    )
    .option(
      '--verify-url <url>',
      `the https:// endpoint that verifies it, for providers that name none (Cloro)${forEdit ? ' ("none" to clear)' : ''}`,
    )
}

const OPTION_FOR_FIELD: Record<string, string> = {
  name: 'NAME',
  provider: '--provider',
  environment: '--env',
  scopes: '--scope',
  tags: '--tag',
  notes: '--notes',
  envVar: '--env-var',
  expiresAt: '--expires',
  plan: '--plan',
  authScheme: '--scheme',
  verifyUrl: '--verify-url',
}

const HINT_FOR_FIELD: Record<string, string> = {
  provider: 'needs 1 to 100 characters',
  scopes: 'takes 1 to 100 characters, at most 100 times',
  tags: 'takes 1 to 100 characters, at most 100 times',
  expiresAt: 'takes a date like 2026-12-31 (or an ISO date-time with a time zone), or "none"',
  plan: 'needs 1 to 100 characters',
  authScheme: 'needs 1 to 100 characters',
  verifyUrl: 'takes a full URL such as https://api.example.com/v1/me (at most 2000 characters), or "none"',
}

/** A schema failure as a message naming the option to fix; never quoting what was given. */
export const invalidOptionError = (error: z.ZodError, names: Record<string, string> = {}): KeywardError => {
  const issue = error.issues[0]
  const field = String(issue?.path[0] ?? '')
  const option = names[field] ?? OPTION_FOR_FIELD[field] ?? field
  const explanation = HINT_FOR_FIELD[field]
    ? `${option} ${HINT_FOR_FIELD[field]}`
    : `${option}: ${issue?.message ?? 'not valid'}`
  return new KeywardError('invalid_argument', `${explanation}. Nothing was changed.`)
}

/** The provider as given; the service writes a name as its provider's id, the user's own included. */
const providerId = (provider: string): string | null =>
  provider.trim().toLowerCase() === NONE ? null : provider.trim()

const orNull = (value: string): string | null => (value.trim().toLowerCase() === NONE ? null : value)

/** The fields the options set (only those given), checked against the contract. */
export const fieldsFromOptions = (options: KeyFieldOptions): Partial<KeyFields> => {
  const fields: Partial<KeyFields> = {}
  if (options.provider !== undefined) fields.provider = providerId(options.provider)
  if (options.env !== undefined) fields.environment = options.env
  if (options.clearTags) fields.tags = []
  if (options.tag !== undefined) fields.tags = options.tag
  if (options.clearScopes) fields.scopes = []
  if (options.scope !== undefined) fields.scopes = options.scope
  if (options.notes !== undefined) fields.notes = options.notes
  if (options.envVar !== undefined) fields.envVar = orNull(options.envVar)
  if (options.expires !== undefined) fields.expiresAt = orNull(options.expires)
  if (options.plan !== undefined) fields.plan = orNull(options.plan)
  if (options.scheme !== undefined) fields.authScheme = orNull(options.scheme)
  if (options.verifyUrl !== undefined) fields.verifyUrl = orNull(options.verifyUrl)
  const checked = KeyFields.partial().safeParse(fields)
  if (!checked.success) throw invalidOptionError(checked.error)
  return checked.data
}
