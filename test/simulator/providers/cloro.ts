// Cloro as its docs describe it: Authorization: Bearer, and every authentication failure a 401 —
// missing Bearer prefix, invalid key, expired key and (to the letter of the docs) rate limit exceeded.
// The docs name no verify endpoint, so the path is the simulator's option, as the user sets one.
import {
  isExpired,
  expiryOf,
  readAuthorizationHeader,
  retryAfterHeader,
  type ProviderAnswer,
  type ProviderModel,
  type RefusedAdmission,
} from './providerModel'
import type { RegisteredKey } from '../simulatedKeys'

export interface CloroOptions {
  verifyPath: string
  /** The docs list "Rate limit exceeded" under 401; 429 is there for a client that wants to test both. */
  rateLimitStatus: 401 | 429
}

const failure = (reason: string, text: string) => ({ error: 'unauthorized', reason, message: text })

export const createCloroModel = (options: CloroOptions): ProviderModel => {
  const rateLimited = (_key: RegisteredKey, refusal: RefusedAdmission): ProviderAnswer => ({
    status: options.rateLimitStatus,
    body: failure('rate_limit_exceeded', "Rate limit exceeded: you've exceeded your plan's rate limit."),
    headers: retryAfterHeader(refusal),
    reason: `rate-limited:${refusal.window}`,
  })

  return {
    id: 'cloro',
    readCredential: readAuthorizationHeader,
    sideEffectOf: () => null,
    errorBody: (code, text) => ({ error: code, message: text }),
    rateLimited,

    answer({ request, credential, key, admit, now }) {
      if (credential.scheme === 'none') {
        return {
          status: 401,
          body: failure('missing_api_key', 'Missing API key: send Authorization: Bearer <your API key>.'),
          reason: 'missing-key',
        }
      }
      if (credential.scheme !== 'bearer') {
        return {
          status: 401,
          body: failure('missing_bearer_prefix', 'Missing Bearer prefix: include Bearer before your API key.'),
          reason: 'missing-bearer-prefix',
        }
      }
      if (!key || key.spec.state === 'revoked') {
        return {
          status: 401,
          body: failure('invalid_api_key', "Invalid API key: check that you're using the correct API key."),
          reason: key ? 'revoked-key' : 'unknown-key',
        }
      }
      if (isExpired(key, now)) {
        return {
          status: 401,
          body: failure('expired_api_key', `Expired API key: this key expired at ${expiryOf(key, now)}.`),
          reason: 'expired-key',
        }
      }
      const admission = admit()
      if (!admission.admitted) return rateLimited(key, admission)
      if (request.method !== 'GET' || request.pathname !== options.verifyPath) {
        return { status: 404, body: { error: 'not_found', message: 'Not found.' }, reason: 'no-route' }
      }
      return {
        status: 200,
        body: { authenticated: true, plan: key.plan, expires_at: key.spec.expiresAt ?? null },
        reason: 'valid',
      }
    },
  }
}
