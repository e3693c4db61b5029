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
import type { ProviderModel } from './providers/providerModel'
import { mergeLimitTables, type PlanLimits } from './rateLimits'
import { fingerprintSecret, KeyRegistry, secretRedactor, type RegisteredKey } from './simulatedKeys'
import { misbehave, writeAnswer, type MisbehaviourContext } from './answers'
import type { HandshakeFailure, ProviderSimulator, ProviderSimulatorOptions, RecordedRequest } from './simulatorTypes'

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

  const misbehaviourContext: MisbehaviourContext = { models, limitsOf, hugeBodyBytes }

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
        if (key?.spec.behaviour && misbehave(misbehaviourContext, key, response, record, now)) return
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
