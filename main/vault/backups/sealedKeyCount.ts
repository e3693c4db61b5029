// How many keys a backup holds, readable only with the vault open. A backup's manifest is plaintext,
// and a count there would tell whoever copies the file how many keys it guards; so the count is
// sealed (AES-256-GCM) under a random key kept inside the encrypted database, bound to the backup's
// vault id and time. The unlocked app reads the counts of its own vault's backups; anyone else, and
// a vault that never had the key, reads none.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Database } from 'better-sqlite3-multiple-ciphers'

const SEAL_KEY_ROW = 'backup_count_seal_key'
const IV_BYTES = 12
const TAG_BYTES = 16

/** Creates the vault's seal key when it has none (a write: call it outside the copy's transaction). */
export const ensureCountSealKey = (database: Database): void => {
  database
    .prepare('INSERT INTO vault_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING')
    .run(SEAL_KEY_ROW, randomBytes(32).toString('hex'))
}

/** The vault's seal key, or null when it has none yet (a vault no backup was made of by this Keyward). */
export const countSealKey = (database: Database): Buffer | null => {
  const row = database.prepare('SELECT value FROM vault_meta WHERE name = ?').get(SEAL_KEY_ROW) as
    | { value: string }
    | undefined
  return row && /^[0-9a-f]{64}$/.test(row.value) ? Buffer.from(row.value, 'hex') : null
}

export const countKeys = (database: Database): number =>
  (database.prepare('SELECT count(*) AS count FROM keys').get() as { count: number }).count

/** What the seal is bound to: a count moved to another backup's manifest no longer opens. */
const bindingOf = (vaultId: string, createdAt: string): Buffer => Buffer.from(`${vaultId}\n${createdAt}`, 'utf8')

export const sealKeyCount = (key: Buffer, count: number, vaultId: string, createdAt: string): string => {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(bindingOf(vaultId, createdAt))
  const sealed = Buffer.concat([cipher.update(String(count), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')
}

/** The count, or null when this key did not seal it (another vault, an edited manifest, no count). */
export const unsealKeyCount = (
  key: Buffer | null,
  sealed: string | null | undefined,
  vaultId: string | null,
  createdAt: string,
): number | null => {
  if (!key || !sealed || !vaultId) return null
  try {
    const bytes = Buffer.from(sealed, 'base64url')
    if (bytes.length <= IV_BYTES + TAG_BYTES) return null
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
    decipher.setAAD(bindingOf(vaultId, createdAt))
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
    const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    )
    const count = Number(text)
    return Number.isSafeInteger(count) && count >= 0 ? count : null
  } catch {
    return null
  }
}
