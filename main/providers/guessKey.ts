// Guesses a key's provider and environment from its value's prefix, and failing that from the name
// of the variable it was stored in. A prefix two providers share is reported as ambiguous.
import type { Environment, KeyGuess, NewKey } from '#contract'
import { providerCatalog } from './catalog'
import type { ProviderDefinition } from './schema'

interface PrefixMatch {
  prefix: string
  providerId: string
  environment: Environment
}

const sortedPrefixes = (providers: readonly ProviderDefinition[]): PrefixMatch[] =>
  providers
    .flatMap((provider) =>
      provider.prefixes.map(({ prefix, environment }) => ({ prefix, providerId: provider.id, environment })),
    )
    .sort((left, right) => right.prefix.length - left.prefix.length)

const prefixMatches = sortedPrefixes(providerCatalog)

/** Kept per list of providers: an import guesses 10,000 values against the same list. */
const prefixesByList = new WeakMap<readonly ProviderDefinition[], PrefixMatch[]>()
const prefixMatchesOf = (providers: readonly ProviderDefinition[]): PrefixMatch[] => {
  let matches = prefixesByList.get(providers)
  if (!matches) {
    matches = sortedPrefixes(providers)
    prefixesByList.set(providers, matches)
  }
  return matches
}

/** The longest known prefix the value starts with, or '' (used to mask values readably). */
export const knownPrefixOf = (value: string): string =>
  prefixMatches.find((match) => value.startsWith(match.prefix))?.prefix ?? ''

const environmentFromVariable = (variable: string): Environment => {
  const words = variable.toUpperCase().split(/[^A-Z0-9]+/)
  if (words.some((word) => ['LIVE', 'PROD', 'PRODUCTION'].includes(word))) return 'live'
  if (words.some((word) => ['TEST', 'TESTING', 'DEV', 'SANDBOX', 'STAGING'].includes(word))) return 'test'
  return 'other'
}

const providerFromVariable = (providers: readonly ProviderDefinition[], variable: string): string | null => {
  const upper = variable.toUpperCase()
  return providers.find((provider) => provider.variableHints.some((hint) => upper.includes(hint)))?.id ?? null
}

/**
 * The guess for a value (and the variable it came from), among the built-in providers or the list
 * given (the built-in ones and the user's own).
 */
export const guessKey = (
  value: string,
  variable?: string,
  providers: readonly ProviderDefinition[] = providerCatalog,
): KeyGuess => {
  const candidates = providers === providerCatalog ? prefixMatches : prefixMatchesOf(providers)
  const trimmed = value.trim()
  const matches = candidates.filter((match) => trimmed.startsWith(match.prefix))
  const longest = matches[0]?.prefix.length ?? 0
  const best = matches.filter((match) => match.prefix.length === longest)
  const fromVariable = variable ? providerFromVariable(providers, variable) : null
  // A shared prefix (sk_live_) is settled by the variable name when it names one of the candidates.
  const chosen = best.find((match) => match.providerId === fromVariable) ?? best[0]
  const provider = chosen?.providerId ?? fromVariable
  const environment = chosen?.environment ?? (variable ? environmentFromVariable(variable) : 'other')
  const envVar = provider ? (providers.find((entry) => entry.id === provider)?.envVar ?? null) : null
  return {
    provider,
    environment,
    envVar,
    ambiguousWith:
      best.length > 1 && chosen ? best.filter((match) => match !== chosen).map((match) => match.providerId) : [],
  }
}

/**
 * A new key with the fields the user left out (provider, environment, variable) taken from a guess:
 * the vault stores what it is given and guesses nothing.
 */
export const withGuessedFields = (newKey: NewKey, guess: KeyGuess): NewKey => ({
  ...newKey,
  provider: newKey.provider === undefined ? guess.provider : newKey.provider,
  environment: newKey.environment ?? guess.environment,
  envVar: newKey.envVar === undefined ? guess.envVar : newKey.envVar,
})
