// The Argon2id cost in the header: a vault below the current cost is re-wrapped at that cost on its
// next unlock (the header only: the database keeps its vault key), never lowered; and a header edited
// by hand is refused as edited or damaged, not mistaken for a wrong password.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createVault, headerPathFor, openVault, unlockAttemptsPathFor, type KdfCost } from '../../../main/vault/index'
import { headerChecksum, readHeader, type VaultHeader } from '../../../main/vault/file/header'
import { deriveWrappingKey, unwrapVaultKey } from '../../../main/vault/file/keyWrapping'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST } from '../../support/tempVault'
import { useTempVault } from '../../support/useTempVault'

const PASSWORD = 'correct horse battery'
/** Above the tests' cheap cost, still quick: 16 MiB, two passes. */
const MODEST_COST: KdfCost = { memoryKiB: 16 * 1024, iterations: 2, parallelism: 1 }

const disk = useTempVault()
const { track, forget } = disk

const headerText = () => readFileSync(headerPathFor(disk.vaultPath), 'utf8')
const header = (): VaultHeader => JSON.parse(headerText()) as VaultHeader
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const vaultKeyUnder = async (password: string, from: VaultHeader): Promise<string> => {
  const key = unwrapVaultKey(from.wrappedKey, await deriveWrappingKey(password, from.kdf), from.vaultId, from.kdf)
  if (!key) throw new Error('the header did not unwrap')
  return key.toString('hex')
}

describe('the cost recorded in the header', () => {
  it('is the cost the vault was made with, with its salt, bound to the wrapped key', async () => {
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: MODEST_COST })).close()
    expect(header().kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 16 * 1024, iterations: 2, parallelism: 1 })
    expect(header().kdf.salt).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(header().checksum).toBe(headerChecksum(readHeader(disk.vaultPath)))
  })
})

describe('upgrading a weaker vault on unlock', () => {
  it('re-wraps the same vault key at the current cost, rewrites only the header, and opens as before', async () => {
    const vault = await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
    const key = vault.keys.add({ name: 'Clipia prod', value: fakeKeys.clipiaLive() })
    const value = vault.keys.revealValue(key.id)
    vault.close()
    const weak = header()
    const databaseBefore = sha256(disk.vaultPath)

    track(await openVault(disk.vaultPath, PASSWORD, { kdfCost: MODEST_COST })).close()
    forget()
    const upgraded = header()
    expect(upgraded.kdf).toMatchObject({ memoryKiB: 16 * 1024, iterations: 2, parallelism: 1 })
    expect(upgraded.kdf.salt).not.toBe(weak.kdf.salt)
    expect(upgraded.wrappedKey.nonce).not.toBe(weak.wrappedKey.nonce)
    expect(upgraded).toMatchObject({ vaultId: weak.vaultId, createdAt: weak.createdAt })
    expect(upgraded.checksum).toBe(headerChecksum(upgraded))
    // The database was not re-encrypted: the same vault key sits under both wrappings.
    expect(await vaultKeyUnder(PASSWORD, upgraded)).toBe(await vaultKeyUnder(PASSWORD, weak))
    expect(sha256(disk.vaultPath)).toBe(databaseBefore)

    const reopened = track(await openVault(disk.vaultPath, PASSWORD, { kdfCost: MODEST_COST }))
    expect(reopened.keys.revealValue(key.id)).toBe(value)
    // At the current cost now: the second unlock leaves the header alone.
    expect(headerText()).toBe(JSON.stringify(upgraded, null, 2) + '\n')
  })

  it('uses DEFAULT_KDF_COST when no cost is given (the app and the CLI)', async () => {
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    track(await openVault(disk.vaultPath, PASSWORD))
    expect(header().kdf).toMatchObject({ memoryKiB: 65536, iterations: 3, parallelism: 4 })
  })

  it('leaves a vault at the current cost untouched, byte for byte', async () => {
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    const before = headerText()
    track(await openVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST }))
    expect(headerText()).toBe(before)
  })

  it('never lowers a cost: a stronger vault opened with a cheaper current cost keeps its header', async () => {
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: MODEST_COST })).close()
    const before = headerText()
    track(await openVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST }))
    expect(headerText()).toBe(before)
  })

  it('keeps the stronger part of a mixed cost (more memory, fewer passes)', async () => {
    const memoryHeavy: KdfCost = { memoryKiB: 32 * 1024, iterations: 1, parallelism: 1 }
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: memoryHeavy })).close()
    track(await openVault(disk.vaultPath, PASSWORD, { kdfCost: MODEST_COST }))
    expect(header().kdf).toMatchObject({ memoryKiB: 32 * 1024, iterations: 2 })
  })

  it('writes nothing on a wrong password', async () => {
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    const before = headerText()
    await expect(openVault(disk.vaultPath, 'not it', { kdfCost: MODEST_COST })).rejects.toMatchObject({
      code: 'wrong_password',
    })
    expect(headerText()).toBe(before)
  })

  it('adds a checksum to a header written before checksums existed, and opens it', async () => {
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    const { checksum: _removed, ...older } = header()
    writeFileSync(headerPathFor(disk.vaultPath), JSON.stringify(older, null, 2))
    track(await openVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST }))
    expect(header()).toEqual({ ...older, checksum: headerChecksum(older as VaultHeader) })
  })
})

describe('a header edited by hand', () => {
  const edits: Record<string, (edited: VaultHeader) => void> = {
    'its memory cost lowered': (edited) => {
      edited.kdf.memoryKiB = 8 * 1024
    },
    'its passes lowered': (edited) => {
      edited.kdf.iterations = 1
    },
    'its salt replaced': (edited) => {
      edited.kdf.salt = Buffer.alloc(16, 1).toString('base64')
    },
    'its wrapped key replaced': (edited) => {
      edited.wrappedKey.ciphertext = Buffer.alloc(32, 2).toString('base64')
    },
    'its vault id replaced': (edited) => {
      edited.vaultId = '00000000-0000-4000-8000-000000000000'
    },
  }

  for (const [what, edit] of Object.entries(edits)) {
    it(`is refused as edited or damaged when ${what}, and nothing is written`, async () => {
      ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: MODEST_COST })).close()
      const edited = header()
      edit(edited)
      writeFileSync(headerPathFor(disk.vaultPath), JSON.stringify(edited, null, 2))
      const before = { header: headerText(), vault: sha256(disk.vaultPath) }
      await expect(openVault(disk.vaultPath, PASSWORD, { kdfCost: MODEST_COST })).rejects.toMatchObject({
        code: 'vault_corrupt',
        message: expect.stringMatching(
          /^The vault header .* was edited or damaged: .*Keyward changed nothing; restore the header from a backup\.$/,
        ),
      })
      expect({ header: headerText(), vault: sha256(disk.vaultPath) }).toEqual(before)
      expect(existsSync(unlockAttemptsPathFor(disk.vaultPath))).toBe(false)
    })
  }

  it('with its checksum recomputed too, still opens nothing: the lowered cost derives another key, which the wrapped key refuses (read as a wrong password)', async () => {
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: MODEST_COST })).close()
    const edited = header()
    edited.kdf.memoryKiB = 8 * 1024
    edited.kdf.iterations = 1
    edited.checksum = headerChecksum(edited)
    writeFileSync(headerPathFor(disk.vaultPath), JSON.stringify(edited, null, 2))
    const before = headerText()
    await expect(openVault(disk.vaultPath, PASSWORD, { kdfCost: MODEST_COST })).rejects.toMatchObject({
      code: 'wrong_password',
    })
    // Not re-wrapped at the lowered cost, not "upgraded" from it: the header is as the attacker left it.
    expect(headerText()).toBe(before)
  })
})
