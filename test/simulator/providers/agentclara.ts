// AgentClara as its docs describe it: Bearer keys sk_live_/sk_test_, GET /conversations?limit=1 to
// test a key, {"success": false, "error": "Invalid API key"} for any bad key, and the exact 429 body.
import {
  isExpired,
  readAuthorizationHeader,
  retryAfterHeader,
  type ProviderModel,
  type RefusedAdmission,
} from './providerModel'
import type { RegisteredKey } from '../simulatedKeys'

export const agentClaraVerifyPath = '/conversations'

const invalidKey = { success: false, error: 'Invalid API key' }

const rateLimited = (_key: RegisteredKey, refusal: RefusedAdmission) => ({
  status: 429,
  body: { success: false, error: 'Rate limited', status: 429 },
  headers: retryAfterHeader(refusal),
  reason: `rate-limited:${refusal.window}`,
})

const conversation = (index: number) => ({
  id: `conv_${String(1000 + index)}`,
  channel: 'web',
  status: 'closed',
  created_at: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(),
})

export const agentClaraModel: ProviderModel = {
  id: 'agentclara',
  readCredential: readAuthorizationHeader,
  // "Anyone with your key can … create/delete records": anything but a read changes data.
  sideEffectOf: (method) => (method === 'GET' || method === 'HEAD' ? null : 'write'),
  errorBody: (_code, text) => ({ success: false, error: text }),
  rateLimited,

  answer({ request, credential, key, admit, now }) {
    // The docs show one failure body for every bad key: missing header, no Bearer, revoked, expired.
    const expired = key !== undefined && isExpired(key, now)
    if (credential.scheme !== 'bearer' || !key || key.spec.state === 'revoked' || expired) {
      const reason =
        credential.scheme === 'none'
          ? 'missing-key'
          : credential.scheme !== 'bearer'
            ? 'missing-bearer-prefix'
            : !key
              ? 'unknown-key'
              : expired
                ? 'expired-key'
                : 'revoked-key'
      return { status: 401, body: invalidKey, reason }
    }
    const admission = admit()
    if (!admission.admitted) return rateLimited(key, admission)
    if (request.method !== 'GET' || request.pathname !== agentClaraVerifyPath) {
      return { status: 404, body: { success: false, error: 'Not found' }, reason: 'no-route' }
    }
    const asked = Number(request.query.get('limit') ?? 20)
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 100) : 20
    return {
      status: 200,
      body: { success: true, data: Array.from({ length: Math.min(limit, 3) }, (_, index) => conversation(index)) },
      reason: 'valid',
    }
  },
}
