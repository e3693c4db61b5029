// The vault header's Argon2id parameters and vault id are the AES-GCM associated data of the wrapped
// vault key: with the very key that wrapped it, the key still does not unwrap under any other
// parameters. (A lowered cost also derives another key, so an unlock test alone would pass without
// the binding: this test takes the derived key out of the picture.) And the docs say what protects
// the cost, and that the header's unkeyed checksum does not.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { KdfParameters } from '../../main/vault/file/header'
import {
  deriveWrappingKey,
  newKdfParameters,
  newVaultKey,
  unwrapVaultKey,
  wrapVaultKey,
} from '../../main/vault/file/keyWrapping'
import { TEST_KDF_COST } from '../support/tempVault'

const VAULT_ID = '3f0c6f7e-8a51-4c0e-9a51-2b3c4d5e6f70'

describe('the wrapped vault key is bound to the KDF parameters and the vault id', () => {
  it('unwraps under the parameters it was wrapped with, and under no edited ones, even with the right key', async () => {
    const kdf = newKdfParameters({ ...TEST_KDF_COST, iterations: 2 })
    const wrappingKey = await deriveWrappingKey('correct horse battery', kdf)
    const vaultKey = newVaultKey()
    const wrapped = wrapVaultKey(vaultKey, wrappingKey, VAULT_ID, kdf)
    expect(unwrapVaultKey(wrapped, wrappingKey, VAULT_ID, kdf)?.equals(vaultKey)).toBe(true)

    const edits: Record<string, KdfParameters> = {
      'memory lowered': { ...kdf, memoryKiB: kdf.memoryKiB - 1024 },
      'passes lowered': { ...kdf, iterations: 1 },
      'lanes changed': { ...kdf, parallelism: kdf.parallelism + 1 },
      'salt replaced': { ...kdf, salt: Buffer.alloc(16, 7).toString('base64') },
    }
    for (const [what, edited] of Object.entries(edits)) {
      expect(unwrapVaultKey(wrapped, wrappingKey, VAULT_ID, edited), what).toBeNull()
    }
    expect(
      unwrapVaultKey(wrapped, wrappingKey, '00000000-0000-4000-8000-000000000000', kdf),
      'another vault id',
    ).toBeNull()
  })
})

describe('docs/architecture.md on the header', () => {
  const text = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8').replace(/\s+/g, ' ')

  const says = (sentence: string) =>
    expect(text.includes(sentence), `docs/architecture.md says: ${sentence}`).toBe(true)

  it('says the KDF parameters and the vault id are the associated data of the wrapped key', () => {
    says(
      'The KDF parameters (algorithm, memory, passes, lanes, salt) and the vault id are the AES-GCM associated data of the wrapped vault key.',
    )
  })

  it('says the checksum is unkeyed and detects accidents, not attackers', () => {
    says("The header's SHA-256 checksum of its fields is unkeyed: it detects accidents")
    says('not attackers, who can recompute it')
  })
})
