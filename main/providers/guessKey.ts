// Guesses a key's provider and environment from its value's prefix, and failing that from the name
// of the variable it was stored in. A prefix two providers share is reported as ambiguous.
import type { Environment, KeyGuess } from '../../preload/contract'
import { providerCatalog } from './catalog'

interface PrefixMatch {
  prefix: string
  providerId: string
  environment: Environment
}

const prefixMatches: PrefixMatch[] = providerCatalog
  .flatMap((provider) =>
    provider.prefixes.map(({ prefix, environment }) => ({ prefix, providerId: provider.id, environment })),
  )
  .sort((left, right) => right.prefix.length - left.prefix.length)

/** The longest known prefix the value starts with, or '' (used to mask values readably). */
export const knownPrefixOf = (value: string): string =>
  prefixMatches.find((match) => value.startsWith(match.prefix))?.prefix ?? ''

const environmentFromVariable = (variable: string): Environment => {
  const words = variable.toUpperCase().split(/[^A-Z0-9]+/)
  if (words.some((word) => ['LIVE', 'PROD', 'PRODUCTION'].includes(word))) return 'live'
  if (words.some((word) => ['TEST', 'TESTING', 'DEV', 'SANDBOX', 'STAGING'].includes(word))) return 'test'
  return 'other'
}

const providerFromVariable = (variable: string): string | null => {
  const upper = variable.toUpperCase()
  return providerCatalog.find((provider) => provider.variableHints.some((hint) => upper.includes(hint)))?.id ?? null
}

export const guessKey = (value: string, variable?: string): KeyGuess => {
  const trimmed = value.trim()
  const matches = prefixMatches.filter((match) => trimmed.startsWith(match.prefix))
  const longest = matches[0]?.prefix.length ?? 0
  const best = matches.filter((match) => match.prefix.length === longest)
  const fromVariable = variable ? providerFromVariable(variable) : null
  // A shared prefix (sk_live_) is settled by the variable name when it names one of the candidates.
  const chosen = best.find((match) => match.providerId === fromVariable) ?? best[0]
  const provider = chosen?.providerId ?? fromVariable
  const environment = chosen?.environment ?? (variable ? environmentFromVariable(variable) : 'other')
  const envVar = provider ? (providerCatalog.find((entry) => entry.id === provider)?.envVar ?? null) : null
  return {
    provider,
    environment,
    envVar,
    ambiguousWith: best.length > 1 && chosen ? best.filter((match) => match !== chosen).map((match) => match.providerId) : [],
  }
}
