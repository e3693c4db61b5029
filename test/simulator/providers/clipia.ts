// Clipia as its docs describe it: three equivalent header schemes (Bearer, Key, X-Api-Key), keys
// clipia_live_/clipia_test_, GET /v1/account for the balance (no scope), POST /v1/models/{model}
// needing the generate scope (403 insufficient_scope) and spending credits on live keys.
import {
  isExpired,
  readAuthorizationHeader,
  readDedicatedHeader,
  retryAfterHeader,
  type PresentedCredential,
  type ProviderModel,
  type RefusedAdmission,
} from './providerModel'
import type { ClipiaScope, RegisteredKey } from '../simulatedKeys'

export const clipiaVerifyPath = '/v1/account'
const generationPath = /^\/v1\/models\/([^/]+(?:\/[^/]+)?)$/

const error = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, ...extra },
})

const invalidKey = (reason: string) => ({
  status: 401,
  body: error(
    'invalid_api_key',
    'Missing, wrong or revoked API key. Check the environment prefix and send the key in one of the three supported headers.',
  ),
  reason,
})

const rateLimited = (_key: RegisteredKey, refusal: RefusedAdmission) => ({
  status: 429,
  body: error('rate_limited', `Too many requests: retry after ${refusal.retryAfterSeconds} seconds.`),
  headers: retryAfterHeader(refusal),
  reason: `rate-limited:${refusal.window}`,
})

const scopesOf = (key: RegisteredKey): ClipiaScope[] => [...(key.spec.scopes ?? ['generate', 'read'])]
const environmentOf = (key: RegisteredKey): 'live' | 'test' =>
  key.spec.value.startsWith('clipia_test_') ? 'test' : 'live'

// Authorization wins when both are sent; any Authorization scheme but Bearer or Key carries no key.
const readCredential = (headers: Parameters<ProviderModel['readCredential']>[0]): PresentedCredential => {
  const authorization = readAuthorizationHeader(headers)
  if (authorization.scheme !== 'none') return authorization
  return readDedicatedHeader(headers, 'x-api-key')
}

export const clipiaModel: ProviderModel = {
  id: 'clipia',
  readCredential,
  sideEffectOf: (method, pathname) => (method === 'POST' && generationPath.test(pathname) ? 'spend' : null),
  errorBody: (code, message) => error(code, message),
  rateLimited,

  answer({ request, credential, key, admit, now }) {
    if (credential.value === null) return invalidKey('missing-key')
    if (credential.scheme === 'authorization-without-scheme' || credential.scheme === 'other-scheme') {
      return invalidKey('missing-bearer-prefix')
    }
    if (!key) return invalidKey('unknown-key')
    if (key.spec.state === 'revoked') return invalidKey('revoked-key')
    // The docs know no expiry; an expired key is one the provider no longer accepts.
    if (isExpired(key, now)) return invalidKey('expired-key')
    const admission = admit()
    if (!admission.admitted) return rateLimited(key, admission)

    if (request.method === 'GET' && request.pathname === clipiaVerifyPath) {
      return {
        status: 200,
        body: { object: 'account', environment: environmentOf(key), balance: key.balance, currency: 'credits' },
        reason: 'valid',
      }
    }
    if (request.method === 'GET' && request.pathname === '/v1/models') {
      return { status: 200, body: { data: [{ id: 'clipia/video-fast' }, { id: 'clipia/video-pro' }] }, reason: 'valid' }
    }
    const generation = generationPath.exec(request.pathname)
    if (request.method === 'POST' && generation) {
      if (!scopesOf(key).includes('generate')) {
        return {
          status: 403,
          body: error('insufficient_scope', 'This key lacks the generate scope needed to create a generation.', {
            required_scope: 'generate',
          }),
          reason: 'insufficient-scope',
        }
      }
      // Live keys are charged; test keys get an instant mock result for free.
      if (environmentOf(key) === 'live') key.balance -= 1
      return {
        status: 200,
        body: {
          request_id: `req_${now.toString(36)}`,
          model: generation[1],
          status: environmentOf(key) === 'test' ? 'completed' : 'queued',
        },
        reason: 'spent',
      }
    }
    return {
      status: 404,
      body: error('not_found', `No route for ${request.method} ${request.pathname}.`),
      reason: 'no-route',
    }
  },
}
