// Wraps the random 256-bit vault key with a key derived from the master password (Argon2id), and
// unwraps it. The header's identity and KDF parameters are bound into the AES-GCM tag, so editing
// them (say, lowering the cost) makes the unwrap fail instead of silently weakening the vault.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { hashRaw } from '@node-rs/argon2'
import { KeywardError } from '../common/errors'
import type { KdfParameters, WrappedKey } from './header'

export const VAULT_KEY_BYTES = 32
/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2

export interface KdfCost {
  memoryKiB: number
  iterations: number
  parallelism: number
}

/** The cost new vaults get: Argon2id, 64 MiB, 3 passes, 4 lanes (about 150 ms on a 2-core machine). */
export const DEFAULT_KDF_COST: KdfCost = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 }

export const newKdfParameters = (cost: KdfCost = DEFAULT_KDF_COST): KdfParameters => ({
  algorithm: 'argon2id',
  ...cost,
  salt: randomBytes(16).toString('base64'),
})

export const deriveWrappingKey = async (password: string, kdf: KdfParameters): Promise<Buffer> =>
  Buffer.from(
    await hashRaw(password.normalize('NFC'), {
      algorithm: ARGON2ID,
      memoryCost: kdf.memoryKiB,
      timeCost: kdf.iterations,
      parallelism: kdf.parallelism,
      outputLen: 32,
      salt: Buffer.from(kdf.salt, 'base64'),
    }),
  )

const associatedData = (vaultId: string, kdf: KdfParameters): Buffer =>
  Buffer.from(
    JSON.stringify(['keyward-vault-key/v1', vaultId, kdf.algorithm, kdf.memoryKiB, kdf.iterations, kdf.parallelism, kdf.salt]),
  )

export const wrapVaultKey = (vaultKey: Buffer, wrappingKey: Buffer, vaultId: string, kdf: KdfParameters): WrappedKey => {
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, nonce)
  cipher.setAAD(associatedData(vaultId, kdf))
  const ciphertext = Buffer.concat([cipher.update(vaultKey), cipher.final()])
  return {
    algorithm: 'aes-256-gcm',
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  }
}

/** Answers the vault key (or keys, concatenated), or null when the wrapping key is wrong (wrong password or edited header). */
export const unwrapVaultKey = (
  wrapped: WrappedKey,
  wrappingKey: Buffer,
  vaultId: string,
  kdf: KdfParameters,
): Buffer | null => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(wrapped.nonce, 'base64'))
    decipher.setAAD(associatedData(vaultId, kdf))
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'))
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()])
    if (key.length % VAULT_KEY_BYTES !== 0) {
      throw new KeywardError('vault_corrupt', 'The vault header holds a key of the wrong size. Restore it from a backup.')
    }
    return key
  } catch (error) {
    if (error instanceof KeywardError) throw error
    return null
  }
}

export const newVaultKey = (): Buffer => randomBytes(VAULT_KEY_BYTES)
