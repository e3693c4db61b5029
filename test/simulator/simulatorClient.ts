// A plain node:https client for tests that talk to the simulator directly: trusts the simulator's CA,
// sends the provider's real host name as SNI and Host, and enforces a timeout and a body-size cap.
import type { IncomingHttpHeaders } from 'node:http'
import https from 'node:https'
import type { ProviderSimulator } from './simulatorTypes'
import type { ProviderId } from './providerIds'

export interface SimulatorRequestOptions {
  method?: string
  /** Path and query. Default: the provider's verify request. */
  path?: string
  headers?: Record<string, string>
  body?: string
  /**
   * TLS servername and Host header. Default: the provider's real host name, as a client that resolved
   * it to 127.0.0.1 would send. null: behave like a client given the plain https://127.0.0.1:PORT URL.
   */
  hostname?: string | null
  /** Default 5000 ms: the whole exchange, headers and body. */
  timeoutMs?: number
  /** Default 1 MiB: reading stops (and the request fails) past this. */
  maxBodyBytes?: number
  /** Default: the simulator's CA. null: only the system's trust store. */
  ca?: string | null
  /** Default: none, a fresh connection per request. Pass a keep-alive agent for load. */
  agent?: https.Agent
}

export interface SimulatorResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
  /** The body parsed as JSON; throws when it is not JSON. */
  json(): unknown
}

export class SimulatorRequestError extends Error {
  constructor(
    readonly code: 'timeout' | 'body-too-large' | 'network',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'SimulatorRequestError'
  }
}

export const requestProvider = (
  simulator: ProviderSimulator,
  provider: ProviderId,
  options: SimulatorRequestOptions = {},
): Promise<SimulatorResponse> => {
  const verifyUrl = new URL(simulator.verifyUrls[provider])
  const hostname = options.hostname === undefined ? simulator.hostnames[provider] : options.hostname
  const timeoutMs = options.timeoutMs ?? 5000
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  return new Promise((resolve, reject) => {
    let settled = false
    const finish = (outcome: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      outcome()
    }
    const request = https.request(
      {
        host: '127.0.0.1',
        port: simulator.ports[provider],
        method: options.method ?? 'GET',
        path: options.path ?? `${verifyUrl.pathname}${verifyUrl.search}`,
        headers: { ...(hostname ? { Host: hostname } : {}), ...options.headers },
        ...(hostname ? { servername: hostname } : {}),
        ...(options.ca === null ? {} : { ca: options.ca ?? simulator.caCertificatePem }),
        agent: options.agent ?? false,
      },
      (response) => {
        const chunks: Buffer[] = []
        let length = 0
        response.on('data', (chunk: Buffer) => {
          length += chunk.length
          if (length > maxBodyBytes) {
            finish(() =>
              reject(
                new SimulatorRequestError('body-too-large', `The body passed ${maxBodyBytes} bytes; reading stopped.`),
              ),
            )
            request.destroy()
            return
          }
          chunks.push(chunk)
        })
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          finish(() =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text,
              json: () => JSON.parse(text) as unknown,
            }),
          )
        })
        response.on('error', (error) =>
          finish(() => reject(new SimulatorRequestError('network', error.message, { cause: error }))),
        )
      },
    )
    const timer = setTimeout(() => {
      finish(() => reject(new SimulatorRequestError('timeout', `No complete answer within ${timeoutMs} ms.`)))
      request.destroy()
    }, timeoutMs)
    request.on('error', (error) =>
      finish(() => reject(new SimulatorRequestError('network', error.message, { cause: error }))),
    )
    request.end(options.body)
  })
}
