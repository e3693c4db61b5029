// Keyed fingerprints: how a secret is named without being kept. One HMAC-SHA256 under the scan's
// fingerprint key, truncated to 128 bits; the purpose goes first so a secret's and a finding's differ.
import { createHmac } from 'node:crypto'

export type FingerprintPurpose = 'secret' | 'finding'

export const keyedFingerprint = (
  key: Uint8Array,
  purpose: FingerprintPurpose,
  ...parts: Array<Uint8Array | string>
): string => {
  const hmac = createHmac('sha256', key).update(purpose).update('\0')
  parts.forEach((part, index) => {
    if (index > 0) hmac.update('\0')
    hmac.update(part)
  })
  return hmac.digest('hex').slice(0, 32)
}
