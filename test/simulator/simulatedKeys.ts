// The keys a simulated provider knows: what a test registers (the spec), the state each key carries
// while the simulator runs (windows, credits, balance), and how a key is shown without showing it.
import { createHash } from 'node:crypto'
import { KeyRateWindows, type ProviderLimitTable } from './rateLimits'
import type { ProviderId } from './providerIds'

export type KeyState = 'valid' | 'revoked' | 'expired'

/** Ways a key makes its provider misbehave, for the client's bad-input tests. */
export const keyBehaviours = [
  'timeout', // accepts the request, never answers
  'connection-reset', // reads the request, then drops the connection
  'html', // 200 with an HTML login page
  'html-502', // 502 with an HTML gateway error page
  'huge-body', // 200, application/json, 10 MiB with Content-Length
  'huge-body-chunked', // the same 10 MiB without Content-Length
  'unknown-shape', // 200 JSON of a shape no provider documents
  'unknown-status', // 418 with a body no rule knows
  'retry-after-seconds', // the provider's rate-limit answer with Retry-After: <seconds>, then normal answers
  'retry-after-date', // the same with Retry-After: <HTTP date>
  'retry-after-absurd', // the provider's rate-limit answer with Retry-After: 99999999999999999999
  'rate-limited-no-retry-after', // the provider's rate-limit answer with no Retry-After, for retryAfterSeconds, then normal answers
  'server-error-naming-key', // 503 whose body reads like the provider's refusal of the key (Bearer, invalid API key, revoked, expired)
] as const
export type KeyBehaviour = (typeof keyBehaviours)[number]

export const airclouPermissions = ['read', 'write', 'admin'] as const
export type AirclouPermission = (typeof airclouPermissions)[number]
export const clipiaScopes = ['generate', 'read'] as const
export type ClipiaScope = (typeof clipiaScopes)[number]

export interface SimulatedKeySpec {
  value: string
  /** Default 'valid'. */
  state?: KeyState
  /** A plan of the provider's limit table: Clodura's plan names, AgentClara's 'standard' | 'enterprise'. */
  plan?: string
  /** Airclou. Default ['read', 'write']; an empty list makes verify answer 403. */
  permissions?: AirclouPermission[]
  /** Clipia. Default ['generate', 'read'] as its docs say. */
  scopes?: ClipiaScope[]
  /** Airclou's key_id. Default derived from the value. */
  keyId?: string
  /** ISO time. Airclou and Cloro: a time at or before the simulator's clock makes the key expired. */
  expiresAt?: string
  /** Clodura: remaining credits reported by /api/v1/credits. Default 1000. */
  credits?: number
  /** Clipia: balance reported by /v1/account. Default 25. */
  balance?: number
  /** Clodura: requests already used today (UTC), so the daily 409 is reachable at once. */
  dailyUsed?: number
  /** Clodura: false when the key's plan does not permit the API (answers 403). Default true. */
  apiAccess?: boolean
  behaviour?: KeyBehaviour
  /** For the retry-after behaviours: how long the provider asks to wait. Default 2. */
  retryAfterSeconds?: number
}

export interface RegisteredKey {
  provider: ProviderId
  spec: Readonly<SimulatedKeySpec>
  plan: string
  windows: KeyRateWindows
  credits: number
  balance: number
  /** Set by the first request of a retry-after key; answers are 429-like until then. */
  throttledUntil: number | null
}

/** What a recorded request shows of a secret: enough to tell keys apart, never enough to use one. */
export interface SecretFingerprint {
  /** Last four characters, or '' when the value is too short to show any part of it. */
  last4: string
  /** First 12 hex digits of the SHA-256 of the value. */
  sha256: string
}

export const fingerprintSecret = (value: string): SecretFingerprint => ({
  last4: value.length >= 16 ? value.slice(-4) : '',
  sha256: createHash('sha256').update(value).digest('hex').slice(0, 12),
})

export const redactionFor = (value: string): string => {
  const { last4, sha256 } = fingerprintSecret(value)
  return `[REDACTED${last4 ? ` …${last4}` : ''} sha256:${sha256}]`
}

/**
 * A function replacing every occurrence of every secret in a text, longest first so no fragment of a
 * longer secret survives a shorter one. Made once per request: sorting and hashing are not free.
 */
export const secretRedactor = (secrets: Iterable<string>): ((text: string) => string) => {
  const ordered = [...new Set(secrets)].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length)
  return (text) => {
    let redacted = text
    for (const secret of ordered)
      if (redacted.includes(secret)) redacted = redacted.split(secret).join(redactionFor(secret))
    return redacted
  }
}

export const redactSecrets = (text: string, secrets: Iterable<string>): string => secretRedactor(secrets)(text)

const prefixesByProvider: Partial<Record<ProviderId, RegExp>> = {
  agentclara: /^sk_(live|test)_/,
  airclou: /^ac_(live|test)_/,
  clipia: /^clipia_(live|test)_/,
}

/** The keys registered with the simulator, by provider and value. */
export class KeyRegistry {
  private readonly byProvider = new Map<ProviderId, Map<string, RegisteredKey>>()

  constructor(
    private readonly limitTables: Record<ProviderId, ProviderLimitTable>,
    private readonly now: () => number,
  ) {}

  register(provider: ProviderId, spec: SimulatedKeySpec): void {
    const problem = this.problemWith(provider, spec)
    if (problem) throw new Error(`Cannot register a ${provider} key: ${problem}`)
    const table = this.limitTables[provider]
    const plan = spec.plan ?? table.defaultPlan
    const keys = this.byProvider.get(provider) ?? new Map<string, RegisteredKey>()
    keys.set(spec.value, {
      provider,
      spec: Object.freeze({ ...spec }),
      plan,
      windows: new KeyRateWindows(table.plans[plan]!, this.now(), spec.dailyUsed ?? 0),
      credits: spec.credits ?? 1000,
      balance: spec.balance ?? 25,
      throttledUntil: null,
    })
    this.byProvider.set(provider, keys)
  }

  find(provider: ProviderId, value: string | null): RegisteredKey | undefined {
    return value === null ? undefined : this.byProvider.get(provider)?.get(value)
  }

  /** Which provider a value was registered for: tells when a client sent one provider's key to another. */
  ownerOf(value: string | null): ProviderId | null {
    if (value === null) return null
    for (const [provider, keys] of this.byProvider) if (keys.has(value)) return provider
    return null
  }

  allValues(): string[] {
    return [...this.byProvider.values()].flatMap((keys) => [...keys.keys()])
  }

  /** Forgets windows, throttles and spending; keeps the keys as registered. */
  resetState(): void {
    for (const [provider, keys] of this.byProvider) for (const key of keys.values()) this.register(provider, key.spec)
  }

  private problemWith(provider: ProviderId, spec: SimulatedKeySpec): string | null {
    if (typeof spec.value !== 'string' || spec.value.length === 0) return 'the value is empty.'
    if (/\s/.test(spec.value)) return 'the value contains whitespace, which no provider issues.'
    const prefix = prefixesByProvider[provider]
    if (prefix && !prefix.test(spec.value))
      return `the value must start with ${prefix.source.slice(1)} as the provider's keys do.`
    const table = this.limitTables[provider]
    if (spec.plan !== undefined && !(spec.plan in table.plans)) {
      return `unknown plan "${spec.plan}"; known plans: ${Object.keys(table.plans).join(', ')}.`
    }
    const permissions: readonly string[] = airclouPermissions
    if (spec.permissions?.some((permission) => !permissions.includes(permission))) {
      return `permissions must be among ${airclouPermissions.join(', ')}.`
    }
    const scopes: readonly string[] = clipiaScopes
    if (spec.scopes?.some((scope) => !scopes.includes(scope))) return `scopes must be among ${clipiaScopes.join(', ')}.`
    if (spec.expiresAt !== undefined && Number.isNaN(Date.parse(spec.expiresAt))) return 'expiresAt is not an ISO time.'
    if (spec.behaviour !== undefined && !(keyBehaviours as readonly string[]).includes(spec.behaviour)) {
      return `unknown behaviour "${spec.behaviour}".`
    }
    return null
  }
}
