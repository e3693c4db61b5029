// Sends one verify request over HTTPS: a deadline for the whole exchange, a cap on how much of the
// body is read, no redirects followed (a redirect could carry the key elsewhere), keep-alive
// connections per trust setting, and an optional extra CA certificate for a proxy or staging host.
import { request, Agent } from 'node:https'
import { rootCertificates } from 'node:tls'
import type { IncomingMessage } from 'node:http'
import type { ProviderAnswer } from './classifyAnswer'

export interface HttpsRequest {
  url: URL
  headers: Record<string, string>
  timeoutMilliseconds: number
  /** PEM text of extra CA certificates to trust, beside the system's. */
  extraCa?: string
}

export type NetworkFailureKind = 'timeout' | 'dns' | 'refused' | 'tls' | 'reset' | 'other'

export class NetworkFailure extends Error {
  constructor(
    readonly kind: NetworkFailureKind,
    message: string,
  ) {
    super(message)
    this.name = 'NetworkFailure'
  }
}

/** Read at most this much of a verify answer: enough for any JSON a provider sends about a key. */
export const MAX_ANSWER_BYTES = 256 * 1024

const describeFailure = (error: NodeJS.ErrnoException, host: string, timeoutMilliseconds: number): NetworkFailure => {
  const code = error.code ?? ''
  if (error instanceof NetworkFailure) return error
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new NetworkFailure('dns', `Could not find the host ${host}: check the network connection or the provider's base URL.`)
  }
  if (code === 'ECONNREFUSED') return new NetworkFailure('refused', `${host} refused the connection: the service is down or the base URL is wrong.`)
  if (code === 'ECONNRESET' || code === 'EPIPE') return new NetworkFailure('reset', `${host} closed the connection before answering. Try again.`)
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return new NetworkFailure(
      'tls',
      `The TLS certificate of ${host} is not trusted (${code}). For a proxy or staging host, add its CA certificate in the provider's settings.`,
    )
  }
  if (code === 'ETIMEDOUT') return new NetworkFailure('timeout', `No answer from ${host} within ${timeoutMilliseconds / 1000} s.`)
  return new NetworkFailure('other', `Could not reach ${host} (${code || error.name}).`)
}

export class HttpsTransport {
  private readonly agents = new Map<string, Agent>()

  async send(outgoing: HttpsRequest): Promise<ProviderAnswer> {
    if (outgoing.url.protocol !== 'https:') throw new Error('verify requests are HTTPS only')
    const host = outgoing.url.host
    return new Promise<ProviderAnswer>((resolve, reject) => {
      let settled = false
      const finish = (outcome: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(deadline)
        outcome()
      }
      const clientRequest = request(outgoing.url, {
        method: 'GET',
        headers: outgoing.headers,
        agent: this.agentFor(outgoing.extraCa),
      })
      const deadline = setTimeout(() => {
        const failure = new NetworkFailure(
          'timeout',
          `No answer from ${host} within ${outgoing.timeoutMilliseconds / 1000} s: the provider or the network is down, or a firewall drops the connection.`,
        )
        finish(() => reject(failure))
        clientRequest.destroy(failure)
      }, outgoing.timeoutMilliseconds)
      clientRequest.on('error', (error) => finish(() => reject(describeFailure(error, host, outgoing.timeoutMilliseconds))))
      clientRequest.on('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = []
        let received = 0
        let truncated = false
        response.on('data', (chunk: Buffer) => {
          if (truncated) return
          received += chunk.length
          if (received > MAX_ANSWER_BYTES) {
            truncated = true
            chunks.push(chunk.subarray(0, chunk.length - (received - MAX_ANSWER_BYTES)))
            // Enough is known: stop reading a body that is not a key's verify answer.
            response.destroy()
            finish(() => resolve(answerOf(response, chunks, true)))
            return
          }
          chunks.push(chunk)
        })
        response.on('end', () => finish(() => resolve(answerOf(response, chunks, false))))
        response.on('error', (error) => finish(() => reject(describeFailure(error, host, outgoing.timeoutMilliseconds))))
      })
      clientRequest.end()
    })
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy()
    this.agents.clear()
  }

  private agentFor(extraCa: string | undefined): Agent {
    const cacheKey = extraCa ?? ''
    let agent = this.agents.get(cacheKey)
    if (!agent) {
      // An extra CA adds to the system's trust, it does not replace it.
      const ca = extraCa ? [...rootCertificates, extraCa] : undefined
      agent = new Agent({ keepAlive: true, maxSockets: 16, ...(ca ? { ca } : {}) })
      this.agents.set(cacheKey, agent)
    }
    return agent
  }
}

const answerOf = (response: IncomingMessage, chunks: Buffer[], truncated: boolean): ProviderAnswer => {
  const headers: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value
  return { status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8'), truncated }
}
