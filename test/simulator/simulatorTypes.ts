// The provider simulator's shape as its users see it: the options it starts with, the records of every
// request and failed handshake it keeps, and what startProviderSimulator hands back.
import type { ProviderId } from './providerIds'
import type { CredentialScheme, SideEffect } from './providers/providerModel'
import type { LimitOverrides, PlanLimits, ProviderLimitTable } from './rateLimits'
import type { SecretFingerprint, SimulatedKeySpec } from './simulatedKeys'

export interface SimulatorClock {
  now(): number
}

export interface ProviderSimulatorOptions {
  /** The clock windows, expiry, daily limits and Retry-After dates are read from. Default: Date.now. */
  clock?: SimulatorClock
  /** Per-provider plan limits merged over the defaults (Clodura's table, AgentClara's tiers, …). */
  limits?: LimitOverrides
  /** Cloro's docs name no verify endpoint; the user sets one. Default '/v1/me'. */
  cloroVerifyPath?: string
  /** Status of Cloro's rate-limit refusal. Default 401, as its docs list it among the 401 causes. */
  cloroRateLimitStatus?: 401 | 429
  /** Size of the 'huge-body' answers. Default 10 MiB. */
  hugeBodyBytes?: number
}

export interface RecordedRequest {
  /** 1, 2, 3… in arrival order. */
  sequence: number
  /** The simulator's clock when the request arrived. */
  at: number
  provider: ProviderId
  /** 'http' only on the plain-HTTP listeners, which exist to catch a client that downgrades. */
  protocol: 'https' | 'http'
  method: string
  /** Path and query, secrets redacted. */
  path: string
  /** The Host header as sent. */
  host: string | null
  /** The TLS server name (SNI) the client asked for; null for plain HTTP or an IP-address URL. */
  servername: string | null
  /** False when Host or SNI names another host than this provider's (answered 421). */
  hostMatches: boolean
  /** Lower-case header names; every registered key value and the presented key are redacted. */
  headers: Record<string, string>
  credential: {
    scheme: CredentialScheme
    fingerprint: SecretFingerprint | null
    /** The provider this value was registered for: not this one means a key went to the wrong host. */
    registeredFor: ProviderId | null
  }
  /** Whether the route spends money or writes data, whatever the answer was. */
  sideEffect: SideEffect
  bodyBytes: number
  /** null while unanswered, and for 'timeout' and 'connection-reset'. */
  status: number | null
  /** Why the simulator answered so: 'valid', 'unknown-key', 'rate-limited:second', 'behaviour:html'… */
  reason: string
}

export interface HandshakeFailure {
  provider: ProviderId
  at: number
  /** e.g. a plain-HTTP request sent to the TLS port, or a client that does not trust the CA. */
  message: string
}

export interface ProviderSimulator {
  /** https://127.0.0.1:PORT per provider; the certificate names 127.0.0.1, so plain URLs verify. */
  baseUrls: Record<ProviderId, string>
  /** The full URL of each provider's read-only verify request. */
  verifyUrls: Record<ProviderId, string>
  /** http://127.0.0.1:PORT per provider: answers 403 "HTTPS is required" and records the attempt. */
  plainHttpBaseUrls: Record<ProviderId, string>
  /** The real host of each provider, valid as TLS servername and Host header on its port. */
  hostnames: Record<ProviderId, string>
  ports: Record<ProviderId, number>
  caCertificatePem: string
  /** The CA written to a temporary file (removed by close()), for clients that take a path. */
  caPath: string
  limitTables: Record<ProviderId, ProviderLimitTable>
  /** Live list: every request in arrival order. reset() empties it in place. */
  requests: RecordedRequest[]
  handshakeFailures: HandshakeFailure[]
  registerKey(provider: ProviderId, spec: SimulatedKeySpec): void
  /** The limits a key of `plan` (default: the provider's default plan) is held to. */
  limitsFor(provider: ProviderId, plan?: string): PlanLimits
  /** How many requests got each status, per provider ('none' for unanswered ones). */
  statusCounts(): Record<ProviderId, Record<string, number>>
  /** Empties the records and restarts every key's windows, throttles and balances; keeps the keys. */
  reset(): void
  close(): Promise<void>
}
