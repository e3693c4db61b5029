// Where a key's value goes when Keyward tests it, and the one rule for when a change to that needs the
// user's confirmation in main: a key may go without asking only where it already went, or to its
// provider's own hosts as stored, trusting no CA it did not trust before. Everything else widens its reach.
import type { KeyRecord } from '#contract'
import { verifyTargetUrl, type ProviderSettings } from '../authtest/index'
import { isKeywardError } from '../common/errors'
import type { KnownProvider, ProviderDefinition } from '../providers/index'
import type { OpenVault } from '../vault/index'
import { providersOf, testSettingsFor } from './providerDirectory'

/** Where a test sends a key: the request's host (with its port when not 443) and the extra CA trusted there. */
export interface KeyReach {
  host: string
  extraCa: string | null
}

type ReachFields = Pick<KeyRecord, 'name' | 'provider' | 'verifyUrl'>

/** The key's reach under these providers and settings; null when no test could send it anywhere. */
export const reachOf = (
  key: ReachFields,
  known: KnownProvider | undefined,
  settings: ProviderSettings,
): KeyReach | null => {
  if (key.provider === null || known === undefined || known.definition.authTest === null) return null
  try {
    return { host: verifyTargetUrl(key, known.definition, settings).host, extraCa: settings.extraCa }
  } catch (error) {
    // A key its test would refuse (no verify URL, a host not the provider's) is sent nowhere.
    if (isKeywardError(error) && error.code === 'not_testable') return null
    throw error
  }
}

/**
 * THE rule of where a key may be sent without the user confirming it in main. `before` is where it
 * went until now (the vault holds only what was confirmed, or what the catalog says); `after` is
 * where the change would send it; `stored` is the key's provider (after the change) as the vault
 * holds it now: the catalog's, or the user's own as confirmed when saved. A key may go where it went,
 * or to that provider's own hosts, and never with a CA it did not trust yet.
 */
export const mayReachWithoutAsking = (
  before: KeyReach | null,
  after: KeyReach | null,
  stored: KnownProvider | undefined,
): boolean => {
  if (after === null) return true
  if (after.extraCa !== null && after.extraCa !== before?.extraCa) return false
  if (before !== null && after.host === before.host) return true
  return stored !== undefined && stored.definition.hosts.includes(after.host)
}

/** A change the renderer asked for, as the reach it would give keys. */
export interface ReachChange {
  /** A provider's test settings after the change (base URL, extra CA). */
  provider?: { id: string; settings: Partial<ProviderSettings> }
  /** A custom provider's definition after the change (added or replaced). */
  customProvider?: ProviderDefinition
  /** A key's fields after the change. */
  key?: { id: string; fields: ReachFields }
}

/** What a change would widen: the hosts newly reached, the keys sent there, whether later keys go too. */
export interface WiderReach {
  hosts: string[]
  keyNames: string[]
  /** The provider whose keys added later would go there as well (a provider-wide change). */
  laterKeysOf: string | null
  /** The change trusts a CA certificate the keys' requests did not trust before. */
  trustsNewCa: boolean
}

const FUTURE_KEY = 'a key added later'

/**
 * Every key's reach before and after the change, and the reach of keys not added yet (a provider
 * without a verify URL of its own: one for each host it names). Null when nothing widens.
 */
export const widerReachOf = (vault: OpenVault, change: ReachChange): WiderReach | null => {
  const providersBefore = providersOf(vault)
  const providersAfter = change.customProvider
    ? [
        ...providersBefore.filter((entry) => entry.definition.id !== change.customProvider!.id),
        { definition: change.customProvider, custom: true },
      ]
    : providersBefore
  const known = (list: KnownProvider[], id: string | null) =>
    id === null ? undefined : list.find((entry) => entry.definition.id === id)
  const settingsBefore = (id: string | null) => testSettingsFor(vault, id)
  const settingsAfter = (id: string | null) =>
    change.provider && id === change.provider.id
      ? { ...settingsBefore(id), ...change.provider.settings }
      : settingsBefore(id)

  const subjects: { before: ReachFields | null; after: ReachFields; later: boolean }[] = vault.keys
    .list({ limit: 1_000_000 })
    .keys.map((key) => ({ before: key, after: change.key?.id === key.id ? change.key.fields : key, later: false }))
  const changedProviderId = change.provider?.id ?? change.customProvider?.id
  if (changedProviderId !== undefined) {
    const provider = known(providersAfter, changedProviderId)
    const ownHosts = new Set([
      ...(known(providersBefore, changedProviderId)?.definition.hosts ?? []),
      ...(provider?.definition.hosts ?? []),
    ])
    const futureKeys: ReachFields[] = [
      { name: FUTURE_KEY, provider: changedProviderId, verifyUrl: null },
      ...[...ownHosts].map((host) => ({
        name: FUTURE_KEY,
        provider: changedProviderId,
        verifyUrl: `https://${host}/`,
      })),
    ]
    subjects.push(...futureKeys.map((fields) => ({ before: fields, after: fields, later: true })))
  }

  const hosts = new Set<string>()
  const keyNames = new Set<string>()
  let later = false
  let trustsNewCa = false
  for (const subject of subjects) {
    const before =
      subject.before &&
      reachOf(subject.before, known(providersBefore, subject.before.provider), settingsBefore(subject.before.provider))
    const after = reachOf(
      subject.after,
      known(providersAfter, subject.after.provider),
      settingsAfter(subject.after.provider),
    )
    if (mayReachWithoutAsking(before, after, known(providersBefore, subject.after.provider))) continue
    hosts.add(after!.host)
    if (after!.extraCa !== null && after!.extraCa !== before?.extraCa) trustsNewCa = true
    if (subject.later) later = true
    else keyNames.add(subject.after.name)
  }
  if (hosts.size === 0) return null
  const laterKeysOf =
    later && changedProviderId !== undefined
      ? (known(providersAfter, changedProviderId)?.definition.name ?? changedProviderId)
      : null
  return { hosts: [...hosts].sort(), keyNames: [...keyNames].sort(), laterKeysOf, trustsNewCa }
}
