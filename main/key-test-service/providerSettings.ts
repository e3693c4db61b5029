// Changes to how a provider's keys are tested (its base URL, a CA certificate to trust, the user's own
// provider definitions), as one set of rules for the app and the CLI: the check, the question before a
// wider reach, the write, its audit entry and the answer. Each front door only supplies its own way of
// asking.
import type { ProviderSummary } from '#contract'
import { KeywardError } from '../common/errors'
import { shownText } from '../common/shownText'
import { checkHttpsUrl, parseCustomProvider, type KnownProvider } from '../providers/index'
import type { OpenVault } from '../vault/index'
import { providerChangeEntry, recordQuietly } from './auditEntries'
import type { ReachChange } from './keyReach'
import { providersOf, summarize } from './providerDirectory'

/**
 * Asks the user, in the front door's own way (main's message box, a terminal prompt), before a change
 * that may widen where keys are sent; resolves when allowed (or when nothing widens), throws otherwise.
 */
export type AskBeforeWiderReach = (
  vault: OpenVault,
  change: ReachChange,
  words: { change: string; caCertificate?: string },
) => Promise<void>

/**
 * The vault to write to, asked for again after the question: the vault may have been locked while the
 * user was answering, and then nothing is written.
 */
export type VaultNow = () => OpenVault

/** A provider by its id, or by its name in any case ("Clipia", "clipia"). */
export const findProviderByIdOrName = (vault: OpenVault, idOrName: string): KnownProvider | undefined => {
  const wanted = idOrName.trim().toLowerCase()
  const known = providersOf(vault)
  return (
    known.find((entry) => entry.definition.id === wanted) ??
    known.find((entry) => entry.definition.name.toLowerCase() === wanted)
  )
}

/** A provider the vault knows, by id or name; `listedBy` names where the user finds the list. */
export const requireProvider = (vault: OpenVault, idOrName: string, listedBy?: string): KnownProvider => {
  const provider = findProviderByIdOrName(vault, idOrName)
  if (!provider) {
    throw new KeywardError(
      'not_found',
      `Keyward knows no provider "${shownText(idOrName)}".${listedBy ? ` ${listedBy} lists them.` : ''}`,
    )
  }
  return provider
}

export const setProviderBaseUrl = async (
  vaultNow: VaultNow,
  provider: KnownProvider,
  baseUrl: string | null,
  ask: AskBeforeWiderReach,
): Promise<ProviderSummary> => {
  const checked = baseUrl === null ? null : checkHttpsUrl(baseUrl, 'A base URL')
  if (checked?.problem) throw new KeywardError('invalid_argument', checked.problem)
  const { id, name } = provider.definition
  await ask(
    vaultNow(),
    { provider: { id, settings: { baseUrl } } },
    {
      change:
        baseUrl === null ? `Send ${name}'s key tests to its own hosts again` : `Send ${name}'s key tests to ${baseUrl}`,
    },
  )
  const vault = vaultNow()
  vault.providers.setBaseUrl(id, baseUrl)
  recordQuietly(vault, providerChangeEntry.baseUrlSet(id, baseUrl))
  return summarize(vault, provider)
}

/** Trusts a CA certificate for a provider's tests beside the system's, or only the system's again (null). */
export const setProviderCaCertificate = async (
  vaultNow: VaultNow,
  provider: KnownProvider,
  certificate: { name: string; pem: string } | null,
  ask: AskBeforeWiderReach,
): Promise<ProviderSummary> => {
  const { id, name } = provider.definition
  await ask(
    vaultNow(),
    { provider: { id, settings: { extraCa: certificate?.pem ?? null } } },
    certificate === null
      ? { change: `Trust only the system's certificates for ${name}'s key tests again` }
      : {
          change: `Trust the CA certificate ${certificate.name} for ${name}'s key tests`,
          caCertificate: certificate.name,
        },
  )
  const vault = vaultNow()
  vault.providers.setCaCertificate(id, certificate)
  const summary = summarize(vault, provider)
  recordQuietly(
    vault,
    certificate === null ? providerChangeEntry.caRemoved(id) : providerChangeEntry.caTrusted(id, summary.caCertificate),
  )
  return summary
}

/** Adds the user's own provider from its JSON definition, or replaces theirs with the same id. */
export const saveCustomProvider = async (
  vaultNow: VaultNow,
  definitionText: string,
  ask: AskBeforeWiderReach,
): Promise<{ provider: ProviderSummary; replaced: boolean }> => {
  const definition = parseCustomProvider(definitionText)
  await ask(
    vaultNow(),
    { customProvider: definition },
    { change: `Save the provider "${definition.name}" (${definition.hosts.join(', ') || 'no hosts'})` },
  )
  const vault = vaultNow()
  const replaced = vault.providers.customDefinitions().some((entry) => entry.id === definition.id)
  vault.providers.saveCustom(definition.id, definitionText)
  recordQuietly(vault, providerChangeEntry.customSaved(definition.id))
  return { provider: summarize(vault, { definition, custom: true }), replaced }
}

/**
 * Removes a provider the user added (never a built-in one); says how many keys still name it, since
 * they cannot be tested until it is back.
 */
export const removeCustomProvider = (
  vault: OpenVault,
  idOrName: string,
): { removed: { id: string; name: string }; keysUsingIt: number } => {
  const known = findProviderByIdOrName(vault, idOrName)
  if (known && !known.custom) {
    throw new KeywardError(
      'invalid_argument',
      `"${known.definition.id}" is built into Keyward; only providers you added can be removed.`,
    )
  }
  const providerId = known?.definition.id ?? idOrName.trim()
  if (!vault.providers.deleteCustom(providerId)) {
    const yours = vault.providers.customDefinitions().map((entry) => entry.id)
    throw new KeywardError(
      'not_found',
      `There is no provider of yours with the id "${shownText(providerId)}".${yours.length ? ` Yours: ${yours.join(', ')}.` : ''}`,
    )
  }
  recordQuietly(vault, providerChangeEntry.customDeleted(providerId))
  return {
    removed: known?.definition ?? { id: providerId, name: providerId },
    keysUsingIt: vault.keys.list({ provider: providerId, limit: 1 }).total,
  }
}
