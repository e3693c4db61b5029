// Airclou as its docs describe it: Bearer keys ac_live_/ac_test_, GET /playbook/api/v1/auth/verify
// answering valid, key_id, permissions and expires_at; 401 with the documented error object for a
// revoked or unknown key; 403 for a valid key without the permissions a route needs.
import { createHash } from 'node:crypto'
import {
  expiryOf,
  isExpired,
  readAuthorizationHeader,
  retryAfterHeader,
  type ProviderAnswer,
  type ProviderModel,
  type RefusedAdmission,
} from './providerModel'
import type { AirclouPermission, RegisteredKey } from '../simulatedKeys'

export const airclouVerifyPath = '/playbook/api/v1/auth/verify'
const usersPath = '/playbook/api/v1/users'

const error = (code: string, message: string, details: string) => ({ error: { code, message, details } })

const revokedOrUnknown = error(
  'authentication_failed',
  'Invalid API key provided',
  'The API key has been revoked or does not exist',
)

const rateLimited = (_key: RegisteredKey, refusal: RefusedAdmission) => ({
  status: 429,
  body: error('rate_limit_exceeded', 'Too many requests', `Retry after ${refusal.retryAfterSeconds} seconds`),
  headers: retryAfterHeader(refusal),
  reason: `rate-limited:${refusal.window}`,
})

const permissionsOf = (key: RegisteredKey): AirclouPermission[] => [...(key.spec.permissions ?? ['read', 'write'])]

// Admin is for "administrative tasks": the simulator lets it do what read and write can too.
const grants = (key: RegisteredKey, needed: AirclouPermission): boolean => {
  const held = permissionsOf(key)
  return held.includes(needed) || held.includes('admin')
}

const forbidden = (needed: string): ProviderAnswer => ({
  status: 403,
  body: error(
    'insufficient_permissions',
    'API key lacks the required permissions',
    `This request needs the ${needed} permission`,
  ),
  reason: 'insufficient-permissions',
})

export const keyIdOf = (key: RegisteredKey): string => {
  if (key.spec.keyId) return key.spec.keyId
  const digest = createHash('sha256').update(key.spec.value).digest()
  return `key_${String(digest.readUInt32BE(0) * 10 + (digest[4]! % 10))
    .padStart(10, '0')
    .slice(-10)}`
}

export const airclouModel: ProviderModel = {
  id: 'airclou',
  readCredential: readAuthorizationHeader,
  sideEffectOf: (method) => (method === 'GET' || method === 'HEAD' ? null : 'write'),
  errorBody: (code, message) => error(code, message, message),
  rateLimited,

  answer({ request, credential, key, admit, now }) {
    if (credential.scheme === 'none') {
      return {
        status: 401,
        body: error(
          'authentication_failed',
          'Missing API key',
          'Send the key in the Authorization header using the Bearer scheme',
        ),
        reason: 'missing-key',
      }
    }
    if (credential.scheme !== 'bearer') {
      return {
        status: 401,
        body: error(
          'authentication_failed',
          'Malformed Authorization header',
          'Use the Bearer scheme: Authorization: Bearer <API key>',
        ),
        reason: 'missing-bearer-prefix',
      }
    }
    if (!key || key.spec.state === 'revoked') {
      return { status: 401, body: revokedOrUnknown, reason: key ? 'revoked-key' : 'unknown-key' }
    }
    if (isExpired(key, now)) {
      return {
        status: 401,
        body: error('authentication_failed', 'API key has expired', `The API key expired at ${expiryOf(key, now)}`),
        reason: 'expired-key',
      }
    }
    const admission = admit()
    if (!admission.admitted) return rateLimited(key, admission)

    if (request.method === 'GET' && request.pathname === airclouVerifyPath) {
      // A key with no permission at all can do nothing, verify included.
      if (permissionsOf(key).length === 0) return forbidden('read, write or admin')
      return {
        status: 200,
        body: {
          valid: true,
          key_id: keyIdOf(key),
          permissions: permissionsOf(key),
          expires_at: key.spec.expiresAt ?? null,
        },
        reason: 'valid',
      }
    }
    if (request.pathname === usersPath && (request.method === 'GET' || request.method === 'POST')) {
      const needed: AirclouPermission = request.method === 'GET' ? 'read' : 'write'
      if (!grants(key, needed)) return forbidden(needed)
      return request.method === 'GET'
        ? { status: 200, body: { data: [{ id: 'usr_1', email: 'ada@example.com' }] }, reason: 'valid' }
        : { status: 201, body: { id: 'usr_2' }, reason: 'wrote' }
    }
    return {
      status: 404,
      body: error('not_found', 'Not found', `No route for ${request.method} ${request.pathname}`),
      reason: 'no-route',
    }
  },
}
