// What the app says about providers for one open vault: the catalog with the user's settings and
// definitions laid over it, and the settings a test of a provider's key runs with.
import type { KeyGuess, ProviderSummary } from '#contract'
import type { ProviderSettings } from '../authtest/index'
import { guessKey, knownProviders, type KnownProvider, type ProviderDefinition } from '../providers/index'
import type { OpenVault } from '../vault/index'

export const providersOf = (vault: OpenVault): KnownProvider[] =>
  knownProviders(vault.providers.customDefinitions().map((entry) => entry.definition))

/** The guess for a value among every provider this vault knows: the built-in ones and the user's own. */
export const guessKeyIn = (vault: OpenVault, value: string, variable?: string): KeyGuess =>
  guessKey(
    value,
    variable,
    providersOf(vault).map((entry) => entry.definition),
  )

export const findKnownProvider = (vault: OpenVault, providerId: string | null): ProviderDefinition | undefined =>
  providerId === null ? undefined : providersOf(vault).find((entry) => entry.definition.id === providerId)?.definition

export const testSettingsFor = (vault: OpenVault, providerId: string | null): ProviderSettings => {
  if (providerId === null) return { baseUrl: null, extraCa: null }
  const stored = vault.providers.settings(providerId)
  return { baseUrl: stored.baseUrl, extraCa: stored.caCertificatePem }
}

export const summarize = (vault: OpenVault, { definition, custom }: KnownProvider): ProviderSummary => {
  const stored = vault.providers.settings(definition.id)
  const test = definition.authTest
  return {
    id: definition.id,
    name: definition.name,
    prefixes: definition.prefixes,
    envVar: definition.envVar,
    hosts: definition.hosts,
    scopes: definition.scopes,
    rotationPeriodDays: definition.rotationPeriodDays,
    authTest: test && {
      schemes: test.schemes.map(({ id, label }) => ({ id, label })),
      defaultScheme: test.defaultScheme,
      plans: test.plans,
      defaultPlan: test.defaultPlan,
      verifyUrl: test.verify?.url ?? null,
    },
    baseUrl: stored.baseUrl,
    caCertificate: stored.caCertificateName,
    custom,
  }
}

export const providerSummaries = (vault: OpenVault): ProviderSummary[] =>
  providersOf(vault).map((entry) => summarize(vault, entry))
