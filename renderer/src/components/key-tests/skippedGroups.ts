// The keys a Test all skipped, one group per thing to fix ("4 Cloro keys need a verify URL"): by
// main's cause and the key's provider, so five skipped keys read as one or two lines, not five
// sentences. Each group says where it is fixed: on the key itself, or in Settings › Providers.
import type { TestRunStatus, UntestedCause } from '#contract'
import { countNoun } from '../../format/countNoun'

type Skipped = TestRunStatus['skipped'][number]

/** Where a group is fixed: the first key of it (opened in the vault), or its provider's settings. */
export type SkippedWayOut =
  | { kind: 'key'; keyId: string; name: string }
  | { kind: 'provider'; providerId: string }
  | null

export interface SkippedGroup {
  id: string
  /** "4 Cloro keys need a verify URL". */
  text: string
  names: string[]
  wayOut: SkippedWayOut
}

/** Causes fixed on each key; the rest are fixed once for the provider, or by waiting. */
const FIXED_ON_THE_KEY: ReadonlySet<UntestedCause> = new Set([
  'no_provider',
  // A Cloro key's verify URL is the key's own field (Settings › Providers › Cloro only says so).
  'no_verify_url',
  // Choose a provider Keyward knows, on the key (or add one of your own in Settings).
  'unknown_provider',
  'unsendable_value',
  'other',
])
const FIXED_FOR_THE_PROVIDER: ReadonlySet<UntestedCause> = new Set(['no_auth_test', 'provider_settings'])

/** Main's reason often starts with the key's name in quotes; as a group's words it reads without. */
const reasonWithoutName = (name: string, reason: string): string => {
  const prefix = `"${name}" `
  if (!reason.startsWith(prefix)) return reason
  const rest = reason.slice(prefix.length)
  return rest.charAt(0).toUpperCase() + rest.slice(1)
}

const sentence = (cause: UntestedCause, entries: Skipped[], providerName: string): string => {
  const count = entries.length
  const keys = (adjective = '') => countNoun(count, `${adjective}key`)
  const verb = (one: string, many: string) => (count === 1 ? one : many)
  switch (cause) {
    case 'no_provider':
      return `${keys()} ${verb('has', 'have')} no provider: choose one so Keyward knows how to test ${verb('it', 'them')}`
    case 'unknown_provider':
      return `${keys()} name “${providerName}”, a provider Keyward does not know`
    case 'no_auth_test':
      return `Keyward cannot test ${providerName} keys yet (${keys()})`
    case 'no_verify_url':
      return `${keys(`${providerName} `)} need${verb('s', '')} a verify URL`
    case 'unsendable_value':
      return `${keys()} hold${verb('s', '')} a value no request header can carry`
    case 'rate_limited':
      return `${keys()} held back by ${verb('its', 'their')} plan’s limits`
    default: {
      const first = entries[0]!
      const reason = reasonWithoutName(first.name, first.reason)
      return count === 1 ? `${first.name}: ${reason}` : `${keys(`${providerName} `)}: ${reason}`
    }
  }
}

/** Groups in the order of the causes' first appearance; providerName turns a stored provider into words. */
export const groupSkipped = (
  skipped: readonly Skipped[],
  providerName: (provider: string | null) => string,
): SkippedGroup[] => {
  const groups = new Map<string, Skipped[]>()
  for (const entry of skipped) {
    // Other causes are told in main's words, so only keys with the same words share a line.
    const words = entry.cause === 'other' ? reasonWithoutName(entry.name, entry.reason) : ''
    const id = `${entry.cause}\u0000${entry.cause === 'no_provider' ? '' : (entry.provider ?? '').toLowerCase()}\u0000${words}`
    const group = groups.get(id)
    if (group) group.push(entry)
    else groups.set(id, [entry])
  }
  return [...groups].map(([id, entries]) => {
    const first = entries[0]!
    const name = first.provider ? providerName(first.provider) : 'No provider'
    const wayOut: SkippedWayOut = FIXED_ON_THE_KEY.has(first.cause)
      ? { kind: 'key', keyId: first.keyId, name: first.name }
      : FIXED_FOR_THE_PROVIDER.has(first.cause) && first.provider
        ? { kind: 'provider', providerId: first.provider }
        : null
    return { id, text: sentence(first.cause, entries, name), names: entries.map((entry) => entry.name), wayOut }
  })
}
