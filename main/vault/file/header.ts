// The vault's plaintext header, kept beside the database file (<vault>.header): the Argon2id
// parameters and salt, and the vault key wrapped by the password-derived key. It holds nothing
// secret. Replacing it is atomic (write a temp file, fsync, rename) so a crash leaves the old or
// the new header, never half of one.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { KeywardError } from '../../common/errors'
import { writePrivateFileAtomically } from '../../common/privateFile'

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/)

export const KdfParameters = z.object({
  algorithm: z.literal('argon2id'),
  memoryKiB: z
    .number()
    .int()
    .min(8 * 1024)
    .max(4 * 1024 * 1024),
  iterations: z.number().int().min(1).max(100),
  parallelism: z.number().int().min(1).max(16),
  salt: Base64,
})
export type KdfParameters = z.infer<typeof KdfParameters>

export const WrappedKey = z.object({
  algorithm: z.literal('aes-256-gcm'),
  nonce: Base64,
  ciphertext: Base64,
  tag: Base64,
})
export type WrappedKey = z.infer<typeof WrappedKey>

export const VaultHeader = z.object({
  format: z.literal('keyward-vault'),
  version: z.literal(1),
  vaultId: z.string().uuid(),
  createdAt: z.string(),
  kdf: KdfParameters,
  wrappedKey: WrappedKey,
  /**
   * Present only while a master password change re-keys the database. Both vault keys (old, new)
   * are wrapped under the current password and under the next one, so if the process dies half
   * way, either password still opens the vault and the change is settled on that unlock.
   */
  pendingChange: z
    .object({ nextKdf: KdfParameters, keysUnderCurrent: WrappedKey, keysUnderNext: WrappedKey })
    .optional(),
  /**
   * SHA-256 of every other field (canonical JSON), so a header that was edited or damaged is told
   * apart from a wrong password. Unkeyed, it detects accidents, not attackers: anyone who edits the
   * header can recompute it. What protects the KDF cost is the wrapped key: it opens only under the
   * key Argon2id derives from exactly these parameters, which are also its AES-GCM associated data
   * (keyWrapping.ts), so a header with a lowered cost opens nothing. Headers written before the
   * checksum existed have none; the next unlock adds it.
   */
  checksum: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
})
export type VaultHeader = z.infer<typeof VaultHeader>

/** JSON with every object's keys sorted, so the same header always hashes the same. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export const headerChecksum = (header: VaultHeader): string => {
  const { checksum: _ignored, ...fields } = header
  return createHash('sha256').update(canonicalJson(fields)).digest('hex')
}

export const headerPathFor = (vaultPath: string): string => `${vaultPath}.header`

export const readHeader = (vaultPath: string): VaultHeader => {
  const path = headerPathFor(vaultPath)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new KeywardError(
        'vault_corrupt',
        `The vault's header file (${path}) is missing. It sits beside the vault file and holds what unlocks it; restore both from a backup.`,
      )
    }
    throw new KeywardError('io_error', `Could not read the vault header ${path}: ${(error as Error).message}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new KeywardError(
      'vault_corrupt',
      `The vault header ${path} is damaged (not valid JSON). Restore it from a backup.`,
    )
  }
  const result = VaultHeader.safeParse(parsed)
  if (!result.success) {
    throw new KeywardError(
      'vault_corrupt',
      `The vault header ${path} is damaged or from an unknown version (${result.error.issues[0]?.path.join('.') ?? 'format'}). Restore it from a backup.`,
    )
  }
  if (result.data.checksum !== undefined && result.data.checksum !== headerChecksum(result.data)) {
    throw new KeywardError(
      'vault_corrupt',
      `The vault header ${path} was edited or damaged: its contents (Argon2id parameters, salt or wrapped key) no longer match the checksum Keyward wrote with them. Keyward changed nothing; restore the header from a backup.`,
    )
  }
  return result.data
}

/** Replaces the header atomically, with a fresh checksum of what it holds. */
export const writeHeader = (vaultPath: string, header: VaultHeader): void => {
  const parsed = VaultHeader.parse({ ...header, checksum: undefined })
  const checked: VaultHeader = { ...parsed, checksum: headerChecksum(parsed) }
  writePrivateFileAtomically(headerPathFor(vaultPath), `${JSON.stringify(checked, null, 2)}\n`, { replace: true })
}
