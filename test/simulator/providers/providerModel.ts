// What every simulated provider is made of: how it reads a key from a request, how it answers, and its
// own shapes for errors and rate-limit refusals, so the server around it stays provider-neutral.
import type { IncomingHttpHeaders } from 'node:http'
import type { Admission, PlanLimits } from '../rateLimits'
import type { ProviderId } from '../providerIds'
import type { RegisteredKey } from '../simulatedKeys'

export type CredentialScheme =
  | 'x-api-key' // a dedicated header (Clodura's X-API-KEY, Clipia's X-Api-Key)
  | 'bearer' // Authorization: Bearer <key>
  | 'key' // Authorization: Key <key>
  | 'authorization-without-scheme' // Authorization: <key>, the "missing Bearer prefix" mistake
  | 'other-scheme' // Authorization: Basic …, or any scheme the provider does not speak
  | 'none'

export interface PresentedCredential {
  scheme: CredentialScheme
  /** The key as sent (the token after the scheme); null when nothing was sent. */
  value: string | null
}

export interface SimulatedRequest {
  method: string
  pathname: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  bodyBytes: number
}

export interface ProviderAnswer {
  status: number
  /** Serialised as JSON. */
  body: unknown
  headers?: Record<string, string>
  /** Why the simulator answered so, e.g. 'valid', 'unknown-key', 'rate-limited:second'. */
  reason: string
}

export interface ProviderContext {
  request: SimulatedRequest
  credential: PresentedCredential
  key: RegisteredKey | undefined
  /** The simulator's clock, in milliseconds. */
  now: number
  /** Takes one slot in the key's windows (key must be defined and valid). */
  admit: () => Admission
  limits(key: RegisteredKey): PlanLimits
}

export type RefusedAdmission = Extract<Admission, { admitted: false }>
export type SideEffect = 'spend' | 'write' | null

export interface ProviderModel {
  id: ProviderId
  readCredential(headers: IncomingHttpHeaders): PresentedCredential
  /** Routes that spend money or change data; recorded so a test can assert a client never calls one. */
  sideEffectOf(method: string, pathname: string): SideEffect
  answer(context: ProviderContext): ProviderAnswer
  /** The provider's refusal when a key is over its limits; carries a Retry-After in seconds. */
  rateLimited(key: RegisteredKey, refusal: RefusedAdmission): ProviderAnswer
  /** A provider-shaped error body for answers the docs do not shape (404, 421, plain HTTP). */
  errorBody(code: string, message: string): unknown
}

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(', ') : value
}

/** Reads Authorization the way RFC 9110 puts it: a case-insensitive scheme, whitespace, a token. */
export const readAuthorizationHeader = (headers: IncomingHttpHeaders): PresentedCredential => {
  const raw = headerValue(headers, 'authorization')
  if (raw === undefined || raw.trim() === '') return { scheme: 'none', value: null }
  const match = /^\s*(\S+)(?:\s+(.*?))?\s*$/.exec(raw)
  const first = match?.[1] ?? ''
  const rest = match?.[2] ?? ''
  const scheme = first.toLowerCase()
  // "Bearer" alone is a scheme with no key, not a key without a scheme.
  if (!rest && scheme === 'bearer') return { scheme: 'bearer', value: null }
  if (!rest && scheme === 'key') return { scheme: 'key', value: null }
  if (!rest) return { scheme: 'authorization-without-scheme', value: first }
  if (scheme === 'bearer') return { scheme: 'bearer', value: rest }
  if (scheme === 'key') return { scheme: 'key', value: rest }
  return { scheme: 'other-scheme', value: rest }
}

export const readDedicatedHeader = (headers: IncomingHttpHeaders, name: string): PresentedCredential => {
  const raw = headerValue(headers, name)
  if (raw === undefined) return { scheme: 'none', value: null }
  return { scheme: 'x-api-key', value: raw }
}

/** Expired by state, or by an expiresAt at or before the simulator's clock. */
export const isExpired = (key: RegisteredKey, now: number): boolean =>
  key.spec.state === 'expired' || (key.spec.expiresAt !== undefined && Date.parse(key.spec.expiresAt) <= now)

/** When an expired key expired: its expiresAt, else a day before now. */
export const expiryOf = (key: RegisteredKey, now: number): string =>
  key.spec.expiresAt ?? new Date(now - 86_400_000).toISOString()

export const retryAfterHeader = (refusal: RefusedAdmission): Record<string, string> => ({
  'Retry-After': String(refusal.retryAfterSeconds),
})

export const windowWord = { second: 'second', minute: 'minute', day: 'day' } as const

export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`
