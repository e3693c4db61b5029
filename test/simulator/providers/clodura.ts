// Clodura as its docs describe it: X-API-KEY, 401/403 with {"message"}, 429 past the per-second or
// per-minute plan limit, 409 past the daily one, and GET /api/v1/credits to read remaining credits.
import {
  isExpired,
  plural,
  readDedicatedHeader,
  retryAfterHeader,
  type ProviderModel,
  type RefusedAdmission,
} from './providerModel'
import type { RegisteredKey } from '../simulatedKeys'

export const cloduraVerifyPath = '/api/v1/credits'

const message = (text: string) => ({ message: text })

const rateLimited = (key: RegisteredKey, refusal: RefusedAdmission) => {
  if (refusal.window === 'day') {
    return {
      status: 409,
      body: message(`Daily limit exceeded: the ${key.plan} plan allows ${plural(refusal.limit, 'request')} per day.`),
      reason: 'daily-limit',
    }
  }
  return {
    status: 429,
    body: message(
      `Rate limit exceeded: the ${key.plan} plan allows ${plural(refusal.limit, 'request')} per ${refusal.window}.`,
    ),
    headers: retryAfterHeader(refusal),
    reason: `rate-limited:${refusal.window}`,
  }
}

export const cloduraModel: ProviderModel = {
  id: 'clodura',
  readCredential: (headers) => readDedicatedHeader(headers, 'x-api-key'),
  sideEffectOf: () => null,
  errorBody: (_code, text) => message(text),
  rateLimited,

  answer({ request, credential, key, admit, now }) {
    // "The API checks it before processing anything else": authentication comes before routing.
    if (credential.value === null) {
      return { status: 401, body: message('Missing API key: set the X-API-KEY header.'), reason: 'missing-key' }
    }
    if (credential.value.trim() === '' || /[\s,]/.test(credential.value)) {
      return { status: 401, body: message('Malformed API key in the X-API-KEY header.'), reason: 'malformed-key' }
    }
    if (!key) return { status: 401, body: message('Invalid API key.'), reason: 'unknown-key' }
    if (key.spec.state === 'revoked') return { status: 401, body: message('Invalid API key.'), reason: 'revoked-key' }
    if (isExpired(key, now)) {
      return { status: 401, body: message('Invalid API key: this key has expired.'), reason: 'expired-key' }
    }
    const admission = admit()
    if (!admission.admitted) return rateLimited(key, admission)
    if (key.spec.apiAccess === false) {
      return {
        status: 403,
        body: message(`Your ${key.plan} plan does not permit API access. Upgrade your plan to use this endpoint.`),
        reason: 'plan-forbids',
      }
    }
    if (request.method !== 'GET' || request.pathname !== cloduraVerifyPath) {
      return { status: 404, body: message('Not found.'), reason: 'no-route' }
    }
    return {
      status: 200,
      body: { credits: key.credits, plan: key.plan, daily_used: key.windows.requestsToday },
      reason: 'valid',
    }
  },
}
