// How the provider simulator writes its answers: JSON with the simulator's clock as Date, HTML pages, a
// huge body streamed with backpressure, and the misbehaviours a registered key can ask for (timeouts,
// resets, unknown shapes and statuses, 5xx pages that quote a refusal, every kind of Retry-After).
import type { ServerResponse } from 'node:http'
import type { ProviderId } from './providerIds'
import type { ProviderAnswer, ProviderModel } from './providers/providerModel'
import type { PlanLimits } from './rateLimits'
import type { RegisteredKey } from './simulatedKeys'
import type { RecordedRequest } from './simulatorTypes'

/** What the misbehaviours need of the running simulator. */
export interface MisbehaviourContext {
  models: Record<ProviderId, ProviderModel>
  limitsOf: (key: RegisteredKey) => PlanLimits
  /** Size of the 'huge-body' answers. */
  hugeBodyBytes: number
}

const htmlLoginPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Sign in to continue</h1><form method="post" action="/login"><input name="email"><input name="password" type="password"></form></body></html>
`
const htmlGatewayPage = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`

export const writeAnswer = (
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
  hugeBodyBytes: number,
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
export const misbehave = (
  { models, limitsOf, hugeBodyBytes }: MisbehaviourContext,
  key: RegisteredKey,
  response: ServerResponse,
  record: RecordedRequest,
  now: number,
): boolean => {
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
      streamHugeBody(response, record, behaviour === 'huge-body', now, hugeBodyBytes)
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
