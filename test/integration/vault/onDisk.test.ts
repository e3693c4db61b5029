// What the vault's files reveal and survive: no plaintext in the bytes, a wrong password or a damaged
// file changes nothing, and an interrupted password change never loses the vault.
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createVault, headerPathFor, openVault, type OpenVault } from '../../../main/vault/index'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, tempVaultPath } from '../../support/tempVault'
import { plantKey, plantedSecrets } from '../../support/plantedSecrets'
import { useTempVault } from '../../support/useTempVault'
import { fileFingerprint as fingerprint } from '../../support/fileFingerprint'

const PASSWORD = 'correct horse battery'
/** Opening a cheap test vault at its own cost: nothing to upgrade, nothing slow. */
const cheap = { kdfCost: TEST_KDF_COST }
const disk = useTempVault()
const { track, closeAll, forget } = disk

const fingerprints = () => ({
  vault: fingerprint(disk.vaultPath),
  header: fingerprint(headerPathFor(disk.vaultPath)),
  wal: fingerprint(`${disk.vaultPath}-wal`),
})
const allBytes = (): Buffer =>
  Buffer.concat(
    [disk.vaultPath, `${disk.vaultPath}-wal`, `${disk.vaultPath}-shm`, headerPathFor(disk.vaultPath)]
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path)),
  )

describe('the vault file on disk', () => {
  it('holds no value, name, tag, note or env var in the database, its WAL or the header', async () => {
    const secrets = plantedSecrets()
    const vault = track(await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST }))
    plantKey(vault, secrets)

    // While open, the latest writes sit in the WAL: it must be encrypted too.
    expect(existsSync(`${disk.vaultPath}-wal`)).toBe(true)
    const check = (bytes: Buffer) => {
      for (const text of Object.values(secrets)) {
        expect(bytes.includes(Buffer.from(text, 'utf8')), `"${text.slice(0, 12)}…" found in the vault's bytes`).toBe(
          false,
        )
        expect(bytes.includes(Buffer.from(text, 'utf16le'))).toBe(false)
      }
      // SQLite's plaintext signature would mean an unencrypted page.
      expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false)
      expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false)
    }
    check(allBytes())
    vault.close()
    forget()
    check(allBytes())
  })

  it('refuses a wrong master password clearly and leaves every file byte for byte as it was', async () => {
    const vault = await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
    vault.keys.add({ name: 'k', value: fakeKeys.clodura() })
    vault.close()
    const before = fingerprints()
    await expect(openVault(disk.vaultPath, 'correct horse batterY')).rejects.toMatchObject({
      code: 'wrong_password',
      message: expect.stringMatching(/^Wrong master password/),
    })
    expect(fingerprints()).toEqual(before)
  })

  it('opens with the real default Argon2id cost (64 MiB, t=3, p=4) recorded in the header', async () => {
    const vault = await createVault(disk.vaultPath, PASSWORD)
    vault.close()
    const header = JSON.parse(readFileSync(headerPathFor(disk.vaultPath), 'utf8'))
    expect(header.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 })
    track(await openVault(disk.vaultPath, PASSWORD))
  })

  it('will not create a vault over an existing one', async () => {
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    const before = fingerprints()
    await expect(createVault(disk.vaultPath, 'another password', { kdfCost: TEST_KDF_COST })).rejects.toMatchObject({
      code: 'vault_exists',
    })
    expect(fingerprints()).toEqual(before)
  })

  it('says there is no vault when the file is missing', async () => {
    await expect(openVault(disk.vaultPath, PASSWORD)).rejects.toMatchObject({ code: 'vault_missing' })
  })
})

describe('a damaged vault', () => {
  const damage: Record<string, (path: string) => void> = {
    'truncated to half': (path) => truncateSync(path, Math.floor(readFileSync(path).length / 2)),
    'truncated to 100 bytes': (path) => truncateSync(path, 100),
    emptied: (path) => truncateSync(path, 0),
    'bytes flipped in a page': (path) => {
      const bytes = readFileSync(path)
      for (let index = 5000; index < 5100; index += 1) bytes[index] = bytes[index]! ^ 0xff
      writeFileSync(path, bytes)
    },
    'replaced by random bytes': (path) => writeFileSync(path, Buffer.alloc(16384, 7)),
  }

  for (const [how, spoil] of Object.entries(damage)) {
    it(`gives a clear error and is never overwritten when the file is ${how}`, async () => {
      const vault = await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
      for (let index = 0; index < 30; index += 1) vault.keys.add({ name: `key ${index}`, value: fakeKeys.cloro() })
      vault.close()
      spoil(disk.vaultPath)
      const before = fingerprints()
      await expect(openVault(disk.vaultPath, PASSWORD)).rejects.toMatchObject({
        code: 'vault_corrupt',
        message: expect.stringMatching(/damaged.*restore it from a backup/i),
      })
      expect(fingerprints()).toEqual(before)
    })
  }

  it('reports damage inside a data page when that page is read, and writes nothing', async () => {
    const vault = await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
    vault.keys.addMany(
      Array.from({ length: 400 }, (_, index) => ({
        name: `key ${index}`,
        value: fakeKeys.cloro(),
        notes: 'n'.repeat(300),
      })),
    )
    vault.close()
    // Every page of the second half: the schema and vault_meta sit in the first pages (the vault
    // still opens), and whichever table the middle page belongs to, listing and revealing read some.
    const bytes = readFileSync(disk.vaultPath)
    const pages = Math.floor(bytes.length / 4096)
    for (let page = Math.floor(pages / 2); page < pages; page += 1) {
      for (let index = page * 4096 + 100; index < page * 4096 + 200; index += 1) bytes[index] = bytes[index]! ^ 0x5a
    }
    writeFileSync(disk.vaultPath, bytes)
    const before = fingerprints()
    const attempt = async () => {
      const damaged = track(await openVault(disk.vaultPath, PASSWORD, cheap))
      damaged.keys.list({ limit: 100_000 })
      for (const key of damaged.keys.list({ limit: 100_000 }).keys) damaged.keys.revealValue(key.id)
    }
    await expect(attempt()).rejects.toMatchObject({ code: 'vault_corrupt', message: expect.stringMatching(/damaged/) })
    closeAll()
    expect(fingerprint(disk.vaultPath)).toBe(before.vault)
  })

  it('names the header when it is missing or garbled', async () => {
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    writeFileSync(headerPathFor(disk.vaultPath), '{"format": "keyward-vault", "version": 1')
    await expect(openVault(disk.vaultPath, PASSWORD)).rejects.toMatchObject({
      code: 'vault_corrupt',
      message: /header/,
    })
    writeFileSync(headerPathFor(disk.vaultPath), '{}')
    await expect(openVault(disk.vaultPath, PASSWORD)).rejects.toMatchObject({
      code: 'vault_corrupt',
      message: /header/,
    })
  })

  it('refuses another vault’s database behind this header, unchanged', async () => {
    const otherPath = tempVaultPath(disk.temp.directory, 'other.keyward')
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    ;(await createVault(otherPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    writeFileSync(disk.vaultPath, readFileSync(otherPath))
    const before = fingerprints()
    await expect(openVault(disk.vaultPath, PASSWORD)).rejects.toMatchObject({ code: 'vault_corrupt' })
    expect(fingerprints()).toEqual(before)
  })

  it('refuses a header whose KDF cost was edited, saying the header was edited or damaged, unchanged', async () => {
    ;(await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
    const header = JSON.parse(readFileSync(headerPathFor(disk.vaultPath), 'utf8'))
    header.kdf.iterations = 2
    writeFileSync(headerPathFor(disk.vaultPath), JSON.stringify(header))
    const before = fingerprints()
    await expect(openVault(disk.vaultPath, PASSWORD)).rejects.toMatchObject({
      code: 'vault_corrupt',
      message: expect.stringMatching(/header .* was edited or damaged.*restore the header from a backup/i),
    })
    expect(fingerprints()).toEqual(before)
  })
})

describe('changing the master password', () => {
  const setUp = async () => {
    const vault = await createVault(disk.vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
    const values = [fakeKeys.clipiaLive(), fakeKeys.clodura(), fakeKeys.airclouTest()]
    values.forEach((value, index) => vault.keys.add({ name: `key ${index}`, value }))
    return { vault, values }
  }
  const expectValues = (vault: OpenVault, values: string[]) =>
    expect(vault.keys.list().keys.map((key) => vault.keys.revealValue(key.id))).toEqual(values)

  it('re-keys the file: only the new password opens it, and every value is intact', async () => {
    const { vault, values } = await setUp()
    const before = fingerprint(disk.vaultPath)
    await vault.changeMasterPassword(PASSWORD, 'a whole new passphrase')
    vault.close()
    expect(fingerprint(disk.vaultPath)).not.toBe(before)
    await expect(openVault(disk.vaultPath, PASSWORD, cheap)).rejects.toMatchObject({ code: 'wrong_password' })
    const reopened = track(await openVault(disk.vaultPath, 'a whole new passphrase', cheap))
    expectValues(reopened, values)
    expect(JSON.parse(readFileSync(headerPathFor(disk.vaultPath), 'utf8')).pendingChange).toBeUndefined()
  })

  it('says the vault is busy when another connection holds it, and leaves the header as it was', async () => {
    const { vault } = await setUp()
    const other = track(await openVault(disk.vaultPath, PASSWORD, cheap))
    other.keys.list()
    const header = fingerprint(headerPathFor(disk.vaultPath))
    await expect(vault.changeMasterPassword(PASSWORD, 'a whole new passphrase')).rejects.toMatchObject({
      code: 'vault_busy',
    })
    expect(fingerprint(headerPathFor(disk.vaultPath))).toBe(header)
    vault.close()
  })

  it('refuses a wrong current password and changes nothing', async () => {
    const { vault } = await setUp()
    const before = fingerprints()
    await expect(vault.changeMasterPassword('not it', 'a whole new passphrase')).rejects.toMatchObject({
      code: 'wrong_password',
    })
    vault.close()
    forget()
    expect(fingerprint(headerPathFor(disk.vaultPath))).toBe(before.header)
    track(await openVault(disk.vaultPath, PASSWORD, cheap))
  })

  for (const step of ['recorded', 'rekeyed'] as const) {
    for (const typed of ['old', 'new'] as const) {
      it(`survives a crash after the change was ${step}, unlocking with the ${typed} password`, async () => {
        const { vault, values } = await setUp()
        vault.close()
        const crashing = await openVault(disk.vaultPath, PASSWORD, {
          kdfCost: TEST_KDF_COST,
          afterPasswordChangeStep: (reached) => {
            if (reached === step) throw new Error('simulated crash')
          },
        })
        await expect(crashing.changeMasterPassword(PASSWORD, 'a whole new passphrase')).rejects.toThrow(
          'simulated crash',
        )
        crashing.close()
        expect(JSON.parse(readFileSync(headerPathFor(disk.vaultPath), 'utf8')).pendingChange).toBeDefined()

        const password = typed === 'old' ? PASSWORD : 'a whole new passphrase'
        const recovered = await openVault(disk.vaultPath, password, cheap)
        expectValues(recovered, values)
        recovered.close()
        // Settled on the password typed: it opens again, the other does not, nothing pending.
        expect(JSON.parse(readFileSync(headerPathFor(disk.vaultPath), 'utf8')).pendingChange).toBeUndefined()
        track(await openVault(disk.vaultPath, password, cheap))
        await expect(
          openVault(disk.vaultPath, typed === 'old' ? 'a whole new passphrase' : PASSWORD, cheap),
        ).rejects.toMatchObject({
          code: 'wrong_password',
        })
      })
    }
  }
})
