// A vault's database opened directly with its key, as only the vault's owner could: for tests that look
// beneath the vault's own API (integrity checks, raw rows). The caller closes it.
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { openKeyedDatabase } from '../../main/vault/file/database'
import { readHeader } from '../../main/vault/file/header'
import { deriveWrappingKey, unwrapVaultKey } from '../../main/vault/file/keyWrapping'

export const openOwnerDatabase = async (vaultPath: string, password: string): Promise<Database> => {
  const header = readHeader(vaultPath)
  const vaultKey = unwrapVaultKey(
    header.wrappedKey,
    await deriveWrappingKey(password, header.kdf),
    header.vaultId,
    header.kdf,
  )
  if (!vaultKey) throw new Error('the password does not unwrap this vault’s key')
  return openKeyedDatabase(vaultPath, vaultKey, { create: false })
}
