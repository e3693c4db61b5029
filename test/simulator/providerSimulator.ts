// A real HTTPS simulator of the five providers Keyward tests keys against: one TLS server per provider
// on 127.0.0.1, a throwaway CA made at start, real sliding-window rate limits, every request recorded
// with its secrets redacted, and keys a test registers to produce each documented outcome.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TLSSocket } from 'node:tls'
import { generateTestCertificates } from './certificates'
import { providerHostnames, simulatedProviders, type ProviderId } from './providerIds'
import { agentClaraModel, agentClaraVerifyPath } from './providers/agentclara'
import { airclouModel, airclouVerifyPath } from './providers/airclou'
import { clipiaModel, clipiaVerifyPath } from './providers/clipia'
import { cloduraModel, cloduraVerifyPath } from './providers/clodura'
import { createCloroModel } from './providers/cloro'
import type { CredentialScheme, ProviderAnswer, ProviderModel, SideEffect } from './providers/providerModel'
import { mergeLimitTables, type LimitOverrides, type PlanLimits, type ProviderLimitTable } from './rateLimits'
import {
  fingerprintSecret,
  KeyRegistry,
  secretRedactor,
  type RegisteredKey,
  type SecretFingerprint,
  type SimulatedKeySpec,
} from './simulatedKeys'

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

const defaultHugeBodyBytes = 10 * 1024 * 1024

const joinHeader = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(', ') : value

const readBodyLength = (request: IncomingMessage): Promise<number> =>
  new Promise((resolve) => {
    let length = 0
    request.on('data', (chunk: Buffer) => {
      length += chunk.length
    })
    request.on('end', () => resolve(length))
    request.on('error', () => resolve(length))
  })

const htmlLoginPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Sign in to continue</h1><form method="post" action="/login"><input name="email"><input name="password" type="password"></form></body></html>
`
const htmlGatewayPage = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`

export const startProviderSimulator = async (options: ProviderSimulatorOptions = {}): Promise<ProviderSimulator> => {
  const clock = options.clock ?? { now: () => Date.now() }
  const cloroVerifyPath = options.cloroVerifyPath ?? '/v1/me'
  const hugeBodyBytes = options.hugeBodyBytes ?? defaultHugeBodyBytes
  const limitTables = mergeLimitTables(options.limits)
  const registry = new KeyRegistry(limitTables, () => clock.now())
  const models: Record<ProviderId, ProviderModel> = {
    clodura: cloduraModel,
    cloro: createCloroModel({ verifyPath: cloroVerifyPath, rateLimitStatus: options.cloroRateLimitStatus ?? 401 }),
    agentclara: agentClaraModel,
    airclou: airclouModel,
    clipia: clipiaModel,
  }

  const certificates = generateTestCertificates({
    names: [...Object.values(providerHostnames), 'localhost', '127.0.0.1', '::1'],
  })
  const directory = await mkdtemp(join(tmpdir(), 'keyward-simulator-'))
  const caPath = join(directory, 'simulator-ca.pem')
  await writeFile(caPath, certificates.caCertificatePem)

  const requests: RecordedRequest[] = []
  const handshakeFailures: HandshakeFailure[] = []
  const ports = {} as Record<ProviderId, number>
  const plainPorts = {} as Record<ProviderId, number>
  let sequence = 0

  const limitsOf = (key: RegisteredKey): PlanLimits => limitTables[key.provider].plans[key.plan]!

  const hostMatches = (provider: ProviderId, port: number, host: string | null, servername: string | null): boolean => {
    const hostname = providerHostnames[provider]
    const allowedHosts = [hostname, `${hostname}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
    const hostOk = host !== null && allowedHosts.includes(host.toLowerCase())
    const servernameOk = servername === null || [hostname, 'localhost'].includes(servername.toLowerCase())
    return hostOk && servernameOk
  }

  const writeAnswer = (
    response: ServerResponse,
    record: RecordedRequest,
    answer: ProviderAnswer,
    now: number,
  ): void => {
    record.status = answer.status
    record.reason = answer.reason
    const body = JSON.stringify(answer.body)
    response.writeHead(answer.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      // The simulator's clock, so a client comparing Retry-After dates with Date sees one timeline.
      Date: new Date(now).toUTCString(),
      ...answer.headers,
    })
    response.end(body)
  }

  const writeHtml = (
    response: ServerResponse,
    record: RecordedRequest,
    status: number,
    page: string,
    now: number,
  ): void => {
    record.status = status
    response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', Date: new Date(now).toUTCString() })
    response.end(page)
  }

  const streamHugeBody = (
    response: ServerResponse,
    record: RecordedRequest,
    withLength: boolean,
    now: number,
  ): void => {
    record.status = 200
    const opening = '{"data":"'
    const closing = '"}'
    let remaining = Math.max(0, hugeBodyBytes - opening.length - closing.length)
    response.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      Date: new Date(now).toUTCString(),
      ...(withLength ? { 'Content-Length': String(opening.length + remaining + closing.length) } : {}),
    })
    response.write(opening)
    const filler = Buffer.alloc(64 * 1024, 'x')
    // Honour backpressure and stop when the client hangs up, which a capped reader will do.
    const pump = (): void => {
      while (remaining > 0) {
        if (response.destroyed) return
        const size = Math.min(remaining, filler.length)
        remaining -= size
        if (!response.write(size === filler.length ? filler : filler.subarray(0, size))) {
          response.once('drain', pump)
          return
        }
      }
      response.end(closing)
    }
    pump()
  }

  /** Answers for a key with a behaviour; false when the behaviour lets the normal answer through. */
  const misbehave = (key: RegisteredKey, response: ServerResponse, record: RecordedRequest, now: number): boolean => {
    const behaviour = key.spec.behaviour!
    record.reason = `behaviour:${behaviour}`
    switch (behaviour) {
      case 'timeout':
        return true // accepted, read, never answered; close() ends the connection
      case 'connection-reset':
        response.socket?.destroy()
        return true
      case 'html':
        writeHtml(response, record, 200, htmlLoginPage, now)
        return true
      case 'html-502':
        writeHtml(response, record, 502, htmlGatewayPage, now)
        return true
      case 'huge-body':
      case 'huge-body-chunked':
        streamHugeBody(response, record, behaviour === 'huge-body', now)
        return true
      case 'unknown-shape':
        writeAnswer(
          response,
          record,
          { status: 200, body: { outcome: 'pending_review', ticket: 'T-4821', items: null }, reason: record.reason },
          now,
        )
        return true
      case 'unknown-status':
        writeAnswer(response, record, { status: 418, body: { note: 'short and stout' }, reason: record.reason }, now)
        return true
      case 'server-error-naming-key': {
        // A gateway or a failing provider whose error page quotes the words of a refusal: only the
        // status may decide, and a 5xx says nothing about the key.
        const refusal = 'Invalid API key: the Bearer token was revoked or has expired'
        const shaped = models[key.provider].errorBody('invalid_api_key', refusal)
        const body = typeof shaped === 'object' && shaped !== null ? { ...shaped, success: false, status: 401 } : shaped
        writeAnswer(response, record, { status: 503, body, reason: record.reason }, now)
        return true
      }
      case 'retry-after-absurd':
      case 'rate-limited-no-retry-after':
      case 'retry-after-seconds':
      case 'retry-after-date': {
        const seconds = key.spec.retryAfterSeconds ?? 2
        if (key.throttledUntil === null) {
          const until = now + seconds * 1000
          // An HTTP date has whole seconds: round up so waiting until it is always enough.
          key.throttledUntil = behaviour === 'retry-after-date' ? Math.ceil(until / 1000) * 1000 : until
        }
        if (now >= key.throttledUntil) return false
        const limits = limitsOf(key)
        const window = limits.perSecond !== undefined ? 'second' : 'minute'
        const remaining = Math.max(1, Math.ceil((key.throttledUntil - now) / 1000))
        const answer = models[key.provider].rateLimited(key, {
          admitted: false,
          window,
          limit: (window === 'second' ? limits.perSecond : limits.perMinute) ?? 1,
          retryAfterSeconds: remaining,
        })
        const retryAfter =
          behaviour === 'retry-after-date'
            ? new Date(key.throttledUntil).toUTCString()
            : behaviour === 'retry-after-absurd'
              ? '99999999999999999999'
              : String(remaining)
        const headers: Record<string, string> = { ...answer.headers, 'Retry-After': retryAfter }
        if (behaviour === 'rate-limited-no-retry-after') {
          for (const name of Object.keys(headers)) if (name.toLowerCase() === 'retry-after') delete headers[name]
        }
        writeAnswer(response, record, { ...answer, headers, reason: record.reason }, now)
        return true
      }
    }
  }

  const handlerFor =
    (provider: ProviderId, protocol: 'https' | 'http') =>
    async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
      const bodyBytes = await readBodyLength(request)
      const now = clock.now()
      const model = models[provider]
      const port = protocol === 'https' ? ports[provider] : plainPorts[provider]
      const url = new URL(request.url ?? '/', 'https://simulator.invalid')
      const credential = model.readCredential(request.headers)
      const key = registry.find(provider, credential.value)
      const redact = secretRedactor([...registry.allValues(), ...(credential.value ? [credential.value] : [])])
      const host = joinHeader(request.headers.host) ?? null
      const servername = protocol === 'https' ? (request.socket as TLSSocket).servername || null : null
      const record: RecordedRequest = {
        sequence: ++sequence,
        at: now,
        provider,
        protocol,
        method: request.method ?? 'GET',
        path: redact(request.url ?? '/'),
        host,
        servername,
        hostMatches: hostMatches(provider, port, host, servername),
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, redact(joinHeader(value) ?? '')]),
        ),
        credential: {
          scheme: credential.scheme,
          fingerprint: credential.value ? fingerprintSecret(credential.value) : null,
          registeredFor: registry.ownerOf(credential.value),
        },
        sideEffect: model.sideEffectOf(request.method ?? 'GET', url.pathname),
        bodyBytes,
        status: null,
        reason: 'pending',
      }
      requests.push(record)

      try {
        if (protocol === 'http') {
          const body = model.errorBody('https_required', 'HTTPS is required: plain HTTP requests are rejected.')
          return writeAnswer(response, record, { status: 403, body, reason: 'plain-http' }, now)
        }
        if (!record.hostMatches) {
          const body = model.errorBody(
            'misdirected_request',
            `This server answers for ${providerHostnames[provider]} only.`,
          )
          return writeAnswer(response, record, { status: 421, body, reason: 'wrong-host' }, now)
        }
        if (key?.spec.behaviour && misbehave(key, response, record, now)) return
        const answer = model.answer({
          request: {
            method: record.method,
            pathname: url.pathname,
            query: url.searchParams,
            headers: request.headers,
            bodyBytes,
          },
          credential,
          key,
          now,
          admit: () => key!.windows.admit(now),
          limits: limitsOf,
        })
        writeAnswer(response, record, answer, now)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        writeAnswer(
          response,
          record,
          { status: 500, body: { simulator_error: message }, reason: `simulator-error: ${message}` },
          now,
        )
      }
    }

  const listen = (server: http.Server | https.Server): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
    })

  const servers: (http.Server | https.Server)[] = []
  for (const provider of simulatedProviders) {
    const secure = https.createServer(
      { cert: certificates.serverCertificatePem, key: certificates.serverPrivateKeyPem },
      (request, response) => {
        void handlerFor(provider, 'https')(request, response)
      },
    )
    secure.on('tlsClientError', (error) =>
      handshakeFailures.push({ provider, at: clock.now(), message: error.message }),
    )
    const plain = http.createServer((request, response) => {
      void handlerFor(provider, 'http')(request, response)
    })
    servers.push(secure, plain)
    ports[provider] = await listen(secure)
    plainPorts[provider] = await listen(plain)
  }

  const perProvider = <T>(make: (provider: ProviderId) => T): Record<ProviderId, T> =>
    Object.fromEntries(simulatedProviders.map((provider) => [provider, make(provider)])) as Record<ProviderId, T>

  const baseUrls = perProvider((provider) => `https://127.0.0.1:${ports[provider]}`)
  const verifyPaths: Record<ProviderId, string> = {
    clodura: cloduraVerifyPath,
    cloro: cloroVerifyPath,
    agentclara: `${agentClaraVerifyPath}?limit=1`,
    airclou: airclouVerifyPath,
    clipia: clipiaVerifyPath,
  }
  let closed = false

  return {
    baseUrls,
    verifyUrls: perProvider((provider) => `${baseUrls[provider]}${verifyPaths[provider]}`),
    plainHttpBaseUrls: perProvider((provider) => `http://127.0.0.1:${plainPorts[provider]}`),
    hostnames: { ...providerHostnames },
    ports: { ...ports },
    caCertificatePem: certificates.caCertificatePem,
    caPath,
    limitTables,
    requests,
    handshakeFailures,
    registerKey: (provider, spec) => registry.register(provider, spec),
    limitsFor: (provider, plan) => {
      const table = limitTables[provider]
      const limits = table.plans[plan ?? table.defaultPlan]
      if (!limits)
        throw new Error(`${provider} has no plan "${plan}"; known plans: ${Object.keys(table.plans).join(', ')}.`)
      return limits
    },
    statusCounts: () => {
      const counts = perProvider(() => ({}) as Record<string, number>)
      for (const record of requests) {
        const status = record.status === null ? 'none' : String(record.status)
        counts[record.provider][status] = (counts[record.provider][status] ?? 0) + 1
      }
      return counts
    },
    reset: () => {
      requests.length = 0
      handshakeFailures.length = 0
      registry.resetState()
    },
    close: async () => {
      if (closed) return
      closed = true
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections()
              server.close(() => resolve())
            }),
        ),
      )
      await rm(directory, { recursive: true, force: true })
    },
  }
}
