// The vault keys a master password unlocks from a header: the one it wraps, or both while a
// password change is recorded but not settled (the header a backup was taken with may be one).
// Opening a database with the first of those keys that reads it. Every key buffer answered belongs
// to the caller, who wipes it.
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { KeywardError } from '../../common/errors'
import { damagedVaultError, openKeyedDatabase } from './database'
import type { VaultHeader } from './header'
import { VAULT_KEY_BYTES, deriveWrappingKey, unwrapVaultKey, wipeKey } from './keyWrapping'

/** The candidate vault keys (the next one first while a change is pending); empty for a wrong password. */
export const unlockHeaderKeys = async (header: VaultHeader, password: string): Promise<Buffer[]> => {
  const pending = header.pendingChange
  if (!pending) {
    const wrappingKey = await deriveWrappingKey(password, header.kdf)
    try {
      const key = unwrapVaultKey(header.wrappedKey, wrappingKey, header.vaultId, header.kdf)
      return key ? [key] : []
    } finally {
      wipeKey(wrappingKey)
    }
  }
  for (const [wrapped, kdf] of [
    [pending.keysUnderCurrent, header.kdf],
    [pending.keysUnderNext, pending.nextKdf],
  ] as const) {
    const wrappingKey = await deriveWrappingKey(password, kdf)
    const keys = unwrapVaultKey(wrapped, wrappingKey, header.vaultId, kdf)
    wipeKey(wrappingKey)
    if (!keys) continue
    if (keys.length !== 2 * VAULT_KEY_BYTES) {
      wipeKey(keys)
      throw new KeywardError('vault_corrupt', 'A vault header holds keys of the wrong size. Restore it from a backup.')
    }
    const candidates = [Buffer.from(keys.subarray(VAULT_KEY_BYTES)), Buffer.from(keys.subarray(0, VAULT_KEY_BYTES))]
    wipeKey(keys)
    return candidates
  }
  return []
}

export const wipeKeys = (keys: readonly (Buffer | null | undefined)[]): void => {
  for (const key of keys) wipeKey(key)
}

export const vaultIdIn = (database: Database): string | undefined =>
  (database.prepare(`SELECT value FROM vault_meta WHERE name = 'vault_id'`).get() as { value: string } | undefined)
    ?.value

/**
 * Opens the database with the first candidate key that reads it and holds the vault id expected;
 * answers that key (one of the candidates, not a copy). Throws the vault's "damaged" error otherwise.
 */
export const openWithOneOf = (
  path: string,
  keys: readonly Buffer[],
  vaultId: string,
): { database: Database; key: Buffer } => {
  let lastError: unknown = damagedVaultError(path)
  for (const key of keys) {
    let database: Database
    try {
      database = openKeyedDatabase(path, key, { create: false })
    } catch (error) {
      lastError = error
      continue
    }
    try {
      if (vaultIdIn(database) === vaultId) return { database, key }
      lastError = damagedVaultError(path)
    } catch (error) {
      lastError = damagedVaultError(path, error)
    }
    database.close()
  }
  throw lastError
}
