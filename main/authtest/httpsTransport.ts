// Sends one verify request over HTTPS: a deadline for the whole exchange, a cap on how much of the
// body is read, no redirects followed (a redirect could carry the key elsewhere), keep-alive
// connections per trust setting, and an optional extra CA certificate for a proxy or staging host.
import { request, Agent } from 'node:https'
import { rootCertificates } from 'node:tls'
import type { ClientRequest, IncomingMessage } from 'node:http'
import type { ProviderAnswer } from './classifyAnswer'

export interface HttpsRequest {
  url: URL
  headers: Record<string, string>
  timeoutMilliseconds: number
  /** PEM text of extra CA certificates to trust, beside the system's. */
  extraCa?: string
  /** Cancels the request; the promise rejects with the signal's reason. */
  signal?: AbortSignal
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

/**
 * A host whose name did not resolve is not looked up again for this long: the rest of a run's keys
 * for it fail at once (2,000 keys of an unresolvable host took minutes, one lookup each).
 */
export const LOOKUP_FAILURE_KEPT_MILLISECONDS = 30_000

/** Idle keep-alive connections close after this, before a server's usual 5 s keep-alive ends them. */
const IDLE_SOCKET_MILLISECONDS = 4_000

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

const describeFailure = (error: NodeJS.ErrnoException, host: string, timeoutMilliseconds: number): NetworkFailure => {
  if (error instanceof NetworkFailure) return error
  const code = error.code ?? ''
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new NetworkFailure(
      'dns',
      `Could not find the host ${host}: check the network connection or the provider's base URL.`,
    )
  }
  if (code === 'ECONNREFUSED')
    return new NetworkFailure(
      'refused',
      `${host} refused the connection: the service is down or the base URL is wrong.`,
    )
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return new NetworkFailure('reset', `${host} closed the connection before answering. Try again.`)
  if (TLS_CODES.has(code) || code.includes('CERT')) {
    return new NetworkFailure(
      'tls',
      `The TLS certificate of ${host} is not trusted (${code}). For a proxy or staging host, add its CA certificate in the provider's settings.`,
    )
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO') {
    return new NetworkFailure(
      'tls',
      `Could not set up TLS with ${host} (${code}): is the base URL an https:// address of a TLS server?`,
    )
  }
  if (code === 'ETIMEDOUT')
    return new NetworkFailure('timeout', `No answer from ${host} within ${timeoutMilliseconds / 1000} s.`)
  return new NetworkFailure('other', `Could not reach ${host} (${code || error.name}).`)
}

export class HttpsTransport {
  private readonly agents = new Map<string, Agent>()
  /** Per host name, the lookup failure and when it was seen (performance.now()). */
  private readonly failedLookups = new Map<string, { failure: NetworkFailure; at: number }>()

  async send(outgoing: HttpsRequest): Promise<ProviderAnswer> {
    if (outgoing.url.protocol !== 'https:') throw new Error('verify requests are HTTPS only')
    outgoing.signal?.throwIfAborted()
    const hostname = outgoing.url.hostname
    const known = this.knownFailure(outgoing.url)
    if (known) {
      // Fail on the next turn of the event loop, as a lookup would: a run of such keys must not
      // starve the timers that report its progress.
      await new Promise((resolve) => setImmediate(resolve))
      throw known
    }
    const startedAt = performance.now()
    try {
      return await this.exchange(outgoing, outgoing.timeoutMilliseconds)
    } catch (error) {
      if (error instanceof NetworkFailure && error.kind === 'dns')
        this.failedLookups.set(hostname, { failure: error, at: performance.now() })
      // A kept-alive connection the server closed while idle fails at once; a GET is safe to send
      // again, once, on a fresh connection (the pattern Node's documentation gives for reusedSocket),
      // within what is left of the deadline: a request's slot is held no longer than that.
      if (error instanceof StaleConnection) {
        return this.exchange(outgoing, Math.max(1, outgoing.timeoutMilliseconds - (performance.now() - startedAt)))
      }
      throw error
    }
  }

  /** The lookup failure of this URL's host, while it is kept; null when none is. */
  knownFailure(url: URL): NetworkFailure | null {
    const failed = this.failedLookups.get(url.hostname)
    if (!failed || performance.now() - failed.at >= LOOKUP_FAILURE_KEPT_MILLISECONDS) return null
    return new NetworkFailure('dns', failed.failure.message)
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy()
    this.agents.clear()
    this.failedLookups.clear()
  }

  // Longer than 80 lines: the request's events (deadline, abort, lookup, TLS, response, body) all settle
  // one promise through one finish(), which they must share.
  private exchange(outgoing: HttpsRequest, deadlineMilliseconds: number): Promise<ProviderAnswer> {
    const host = outgoing.url.host
    const { signal, timeoutMilliseconds } = outgoing
    return new Promise<ProviderAnswer>((resolve, reject) => {
      let settled = false
      let clientRequest: ClientRequest | undefined
      const finish = (outcome: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(deadline)
        signal?.removeEventListener('abort', onAbort)
        outcome()
      }
      const deadline = setTimeout(() => {
        const failure = new NetworkFailure(
          'timeout',
          `No answer from ${host} within ${timeoutMilliseconds / 1000} s: the provider or the network is down, or a firewall drops the connection.`,
        )
        finish(() => reject(failure))
        clientRequest?.destroy(failure)
      }, deadlineMilliseconds)
      const onAbort = () => {
        finish(() => reject(signal!.reason))
        clientRequest?.destroy()
      }
      signal?.addEventListener('abort', onAbort, { once: true })

      try {
        clientRequest = request(outgoing.url, {
          method: 'GET',
          headers: outgoing.headers,
          agent: this.agentFor(outgoing.extraCa),
        })
      } catch (error) {
        // Node refuses a header it cannot send (planVerifyRequest checks first; this is the backstop).
        finish(() => reject(new NetworkFailure('other', `The request could not be built: ${(error as Error).message}`)))
        return
      }
      const sent = clientRequest
      sent.on('error', (error: NodeJS.ErrnoException) => {
        if (sent.reusedSocket && error.code === 'ECONNRESET' && !settled) {
          finish(() => reject(new StaleConnection()))
          return
        }
        finish(() => reject(describeFailure(error, host, timeoutMilliseconds)))
      })
      sent.on('response', (response: IncomingMessage) => {
        const declared = Number(response.headers['content-length'])
        if (Number.isFinite(declared) && declared > MAX_ANSWER_BYTES) {
          // Enough is known from the headers: do not download a body that is not a verify answer.
          response.destroy()
          finish(() => resolve(answerOf(response, [], true)))
          return
        }
        const chunks: Buffer[] = []
        let received = 0
        response.on('data', (chunk: Buffer) => {
          if (settled) return
          received += chunk.length
          if (received > MAX_ANSWER_BYTES) {
            chunks.push(chunk.subarray(0, chunk.length - (received - MAX_ANSWER_BYTES)))
            response.destroy()
            finish(() => resolve(answerOf(response, chunks, true)))
            return
          }
          chunks.push(chunk)
        })
        response.on('end', () => finish(() => resolve(answerOf(response, chunks, false))))
        response.on('error', (error) => finish(() => reject(describeFailure(error, host, timeoutMilliseconds))))
        response.on('close', () => {
          if (!response.complete)
            finish(() =>
              reject(
                new NetworkFailure('reset', `${host} closed the connection in the middle of its answer. Try again.`),
              ),
            )
        })
      })
      sent.end()
    })
  }

  private agentFor(extraCa: string | undefined): Agent {
    const cacheKey = extraCa ?? ''
    let agent = this.agents.get(cacheKey)
    if (!agent) {
      // An extra CA adds to the system's trust, it does not replace it.
      const ca = extraCa ? [...rootCertificates, extraCa] : undefined
      agent = new Agent({ keepAlive: true, maxSockets: 16, timeout: IDLE_SOCKET_MILLISECONDS, ...(ca ? { ca } : {}) })
      this.agents.set(cacheKey, agent)
    }
    return agent
  }
}

class StaleConnection extends Error {}

const answerOf = (response: IncomingMessage, chunks: Buffer[], truncated: boolean): ProviderAnswer => {
  const headers: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(response.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value
  return { status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8'), truncated }
}
