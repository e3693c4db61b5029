// Wraps the random 256-bit vault key with a key derived from the master password (Argon2id), and
// unwraps it. The header's identity and KDF parameters are bound into the AES-GCM tag, so editing
// them (say, lowering the cost) makes the unwrap fail instead of silently weakening the vault: a
// lowered cost already derives another key, and the binding keeps that true for every parameter.
// This, not the header's unkeyed checksum, is what protects the cost.
// Every key buffer made here belongs to the caller, who zero-fills it once done (wipeKey).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { KeywardError } from '../../common/errors'
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
  memoryKiB: cost.memoryKiB,
  iterations: cost.iterations,
  parallelism: cost.parallelism,
  salt: randomBytes(16).toString('base64'),
})

/**
 * Whether a header's Argon2id cost is below the one vaults get now. Memory and passes are what a
 * guess costs an attacker; lanes only spread the same work over cores, so they alone do not count.
 */
export const isWeakerThan = (kdf: KdfCost, current: KdfCost): boolean =>
  kdf.memoryKiB < current.memoryKiB || kdf.iterations < current.iterations

/** The cost to re-wrap at: the current one, without lowering anything the header already had. */
export const strengthenedCost = (kdf: KdfCost, current: KdfCost): KdfCost => ({
  memoryKiB: Math.max(kdf.memoryKiB, current.memoryKiB),
  iterations: Math.max(kdf.iterations, current.iterations),
  parallelism: current.parallelism,
})

/** Overwrites a key held in a buffer we own, so no copy outlives its use. */
export const wipeKey = (key: Buffer | null | undefined): void => {
  key?.fill(0)
}

/**
 * The native Argon2 binding, loaded at the first derivation: a command the unlocked agent answers
 * (or --help) never loads it.
 */
const argon2 = () => import('@node-rs/argon2')

/** The Argon2id output as it came from the native binding (no copy left behind); wipe it after use. */
export const deriveWrappingKey = async (password: string, kdf: KdfParameters): Promise<Buffer> =>
  (await argon2()).hashRaw(password.normalize('NFC'), {
    algorithm: ARGON2ID,
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    outputLen: 32,
    salt: Buffer.from(kdf.salt, 'base64'),
  })

const associatedData = (vaultId: string, kdf: KdfParameters): Buffer =>
  Buffer.from(
    JSON.stringify([
      'keyward-vault-key/v1',
      vaultId,
      kdf.algorithm,
      kdf.memoryKiB,
      kdf.iterations,
      kdf.parallelism,
      kdf.salt,
    ]),
  )

export const wrapVaultKey = (
  vaultKey: Buffer,
  wrappingKey: Buffer,
  vaultId: string,
  kdf: KdfParameters,
): WrappedKey => {
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
    const opened = decipher.update(Buffer.from(wrapped.ciphertext, 'base64'))
    let rest: Buffer
    try {
      rest = decipher.final()
    } catch (error) {
      wipeKey(opened)
      throw error
    }
    // Its own memory rather than a slice of Node's shared pool for small buffers.
    const key = Buffer.alloc(opened.length + rest.length)
    opened.copy(key)
    rest.copy(key, opened.length)
    wipeKey(opened)
    wipeKey(rest)
    if (key.length % VAULT_KEY_BYTES !== 0) {
      wipeKey(key)
      throw new KeywardError(
        'vault_corrupt',
        'The vault header holds a key of the wrong size. Restore it from a backup.',
      )
    }
    return key
  } catch (error) {
    if (error instanceof KeywardError) throw error
    return null
  }
}

export const newVaultKey = (): Buffer => randomBytes(VAULT_KEY_BYTES)
