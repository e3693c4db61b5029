// Builds the one read-only request that verifies a key: the provider's verify URL (or the key's own,
// for providers whose docs name none), moved to the base URL the user set for a staging host or a
// proxy, with the key in the header the chosen scheme names. It refuses anything that would send the
// key over plain HTTP or to a host that is not the provider's.
import type { UntestedCause } from '#contract'
import { KeywardError } from '../common/errors'
import { checkHttpsUrl, type AuthTestDefinition, type ProviderDefinition, type RateLimits } from '../providers/index'

export interface KeyUnderTest {
  id: string
  name: string
  value: string
  provider: string | null
  plan: string | null
  authScheme: string | null
  verifyUrl: string | null
}

export interface ProviderSettings {
  /** Replaces the verify URL's origin (and prefixes its path): a staging host or a proxy. */
  baseUrl: string | null
  /** PEM text of a CA certificate to trust for this provider's requests. */
  extraCa: string | null
}

export interface PlannedRequest {
  url: URL
  headers: Record<string, string>
  limits: RateLimits
  test: AuthTestDefinition
  extraCa: string | undefined
}

const USER_AGENT = 'Keyward (key verification; read-only)'

/** A key that cannot be tested as it is; `because` lets a run group such keys by what would fix them. */
export class NotTestableError extends KeywardError {
  constructor(
    message: string,
    readonly because: UntestedCause,
  ) {
    super('not_testable', message)
  }
}

const notTestable = (message: string, because: UntestedCause = 'provider_settings') =>
  new NotTestableError(message, because)

/** because: whose setting it is, the key's own verify URL ('other') or the provider's ('provider_settings'). */
const httpsUrl = (text: string, what: string, because: UntestedCause = 'provider_settings'): URL => {
  const checked = checkHttpsUrl(text, what)
  if (!checked.url) throw notTestable(checked.problem, because)
  return checked.url
}

/** The verify URL moved onto the base URL: its origin, with the base's path in front. */
export const applyBaseUrl = (verifyUrl: URL, baseUrl: string): URL => {
  const base = httpsUrl(baseUrl, 'The base URL')
  const prefix = base.pathname.replace(/\/+$/, '')
  // Set the parts, never parse a joined string: a path starting "//" would be read as another host.
  const moved = new URL(base.origin)
  moved.pathname = `${prefix}${verifyUrl.pathname}`
  moved.search = verifyUrl.search
  return moved
}

// What Node (and HTTP) let through in a header value: visible ASCII and the space. A line break
// would end the header; a tab, a control character or a curly quote pasted with the key is a typo.
const SENDABLE_HEADER_VALUE = /^[\x20-\x7e]*$/

const sameProvider = (named: string, provider: ProviderDefinition): boolean =>
  [provider.id, provider.name.toLowerCase()].includes(named.trim().toLowerCase())

/**
 * The URL a key's test request goes to: the key's own verify URL (within the provider's hosts, when it
 * names any) or the provider's, moved onto the base URL set for it. Where a key may be sent is judged
 * on this URL (main/key-test-service's keyReach), so a test never goes anywhere that judgement did not see.
 */
export const verifyTargetUrl = (
  key: Pick<KeyUnderTest, 'name' | 'verifyUrl'>,
  provider: ProviderDefinition,
  settings: Pick<ProviderSettings, 'baseUrl'>,
): URL => {
  let url: URL
  if (key.verifyUrl) {
    url = httpsUrl(key.verifyUrl, `The verify URL of "${key.name}"`, 'other')
    if (provider.hosts.length > 0 && !provider.hosts.includes(url.hostname)) {
      throw notTestable(
        `Keyward sends ${provider.name} keys only to ${provider.hosts.join(', ')}; the verify URL's host ${url.hostname} is not one of them.`,
        'other',
      )
    }
  } else if (provider.authTest?.verify) {
    url = httpsUrl(provider.authTest.verify.url, `${provider.name}'s verify URL`)
  } else {
    throw notTestable(
      `${provider.name}'s documentation names no endpoint to verify a key: set a verify URL for "${key.name}" (an https:// GET endpoint of ${provider.name} that needs the key).`,
      'no_verify_url',
    )
  }
  return settings.baseUrl ? applyBaseUrl(url, settings.baseUrl) : url
}

export const planVerifyRequest = (
  key: KeyUnderTest,
  provider: ProviderDefinition | undefined,
  settings: ProviderSettings,
): PlannedRequest => {
  if (!key.provider)
    throw notTestable(`"${key.name}" has no provider. Choose one, so Keyward knows how to test it.`, 'no_provider')
  if (!provider)
    throw notTestable(
      `Keyward does not know the provider "${key.provider}". Pick one from the list, or add it under Providers.`,
      'unknown_provider',
    )
  const test = provider.authTest
  if (!test) throw notTestable(`Keyward does not know how to test ${provider.name} keys yet.`, 'no_auth_test')
  if (!sameProvider(key.provider, provider)) {
    throw notTestable(
      `"${key.name}" belongs to "${key.provider}", not ${provider.name}: Keyward sends a key only to its own provider.`,
      'other',
    )
  }
  if (key.value.trim() === '')
    throw notTestable(`"${key.name}" has an empty value. Paste the key into it, then test again.`, 'unsendable_value')
  if (/[\r\n\0]/.test(key.value))
    throw notTestable(
      `"${key.name}" holds a line break, so it cannot be sent in a header. Check the value.`,
      'unsendable_value',
    )
  if (!SENDABLE_HEADER_VALUE.test(key.value)) {
    throw notTestable(
      `"${key.name}" holds a character that cannot be sent in a header (a tab, a control character, or a non-ASCII character such as a curly quote). Check the value.`,
      'unsendable_value',
    )
  }

  const url = verifyTargetUrl(key, provider, settings)

  const schemeId = key.authScheme ?? test.defaultScheme
  const scheme = test.schemes.find((candidate) => candidate.id === schemeId)
  if (!scheme) {
    throw notTestable(
      `"${schemeId}" is not one of ${provider.name}'s header schemes (${test.schemes.map((entry) => entry.id).join(', ')}).`,
    )
  }
  const planId = key.plan ?? test.defaultPlan
  // The vault may hold a plan's id ("starter") or the name the provider's docs use ("Starter").
  const plan =
    planId === null
      ? undefined
      : test.plans.find(
          (candidate) => candidate.id === planId || candidate.name.toLowerCase() === planId.trim().toLowerCase(),
        )
  if (planId !== null && !plan) {
    throw notTestable(
      `"${planId}" is not one of ${provider.name}'s plans (${test.plans.map((entry) => entry.id).join(', ')}).`,
    )
  }
  const credential = scheme.template.replace('{key}', () => key.value)
  if (!SENDABLE_HEADER_VALUE.test(credential)) {
    throw notTestable(
      `${provider.name}'s "${scheme.id}" scheme makes a header that cannot be sent; fix the template in the provider definition.`,
    )
  }
  return {
    url,
    headers: {
      [scheme.header]: credential,
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
    },
    limits: plan?.limits ?? {},
    test,
    extraCa: settings.extraCa ?? undefined,
  }
}
