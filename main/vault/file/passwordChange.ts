// The master password typed again, and changed: confirming it (throttled like an unlock), and
// re-keying the database under a new vault key in three durable steps that a crash at any point
// leaves finishable with either password (openVault settles a change left pending).
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { systemClock } from '../../common/clock'
import { rekeyDatabase, translateSqliteError } from './database'
import { readHeader, writeHeader } from './header'
import {
  deriveWrappingKey,
  newKdfParameters,
  newVaultKey,
  strengthenedCost,
  unwrapVaultKey,
  wipeKey,
  wrapVaultKey,
} from './keyWrapping'
import { UnlockThrottle } from './unlockThrottle'
import { currentCost, wrongPasswordFor, type VaultFileOptions } from '../vaultOptions'
/** The password unwraps the header's vault key: it is the master password. Throttled like unlock. */
export const confirmPassword = async (
  vaultPath: string,
  password: string,
  options: VaultFileOptions,
): Promise<void> => {
  const header = readHeader(vaultPath)
  const throttle = new UnlockThrottle(vaultPath, options.clock ?? systemClock)
  throttle.assertMayTry()
  const wrappingKey = await deriveWrappingKey(password, header.kdf)
  const vaultKey = unwrapVaultKey(header.wrappedKey, wrappingKey, header.vaultId, header.kdf)
  wipeKey(wrappingKey)
  if (!vaultKey) throw wrongPasswordFor(throttle)
  wipeKey(vaultKey)
  throttle.recordSuccess()
}

export const changeMasterPassword = async (
  vaultPath: string,
  database: Database,
  currentPassword: string,
  newPassword: string,
  options: VaultFileOptions,
): Promise<void> => {
  const header = readHeader(vaultPath)
  // The current password is a guess like an unlock's (a compromised renderer, or someone at an
  // unlocked screen, could otherwise try passwords here without limit): it goes through the same
  // count of wrong passwords, shared with unlock, the app and the CLI.
  const throttle = new UnlockThrottle(vaultPath, options.clock ?? systemClock)
  throttle.assertMayTry()
  const currentWrappingKey = await deriveWrappingKey(currentPassword, header.kdf)
  const oldKey = unwrapVaultKey(header.wrappedKey, currentWrappingKey, header.vaultId, header.kdf)
  if (!oldKey) {
    wipeKey(currentWrappingKey)
    throw wrongPasswordFor(throttle)
  }
  throttle.recordSuccess()
  // Never lower the cost: the new wrapping gets the current cost or the header's, whichever is more.
  const nextKdf = newKdfParameters(strengthenedCost(header.kdf, currentCost(options)))
  const nextKey = newVaultKey()
  const bothKeys = Buffer.concat([oldKey, nextKey])
  let nextWrappingKey: Buffer | null = null
  try {
    nextWrappingKey = await deriveWrappingKey(newPassword, nextKdf)
    // 1. Record the change, so either password can finish or undo it after a crash.
    writeHeader(vaultPath, {
      ...header,
      pendingChange: {
        nextKdf,
        keysUnderCurrent: wrapVaultKey(bothKeys, currentWrappingKey, header.vaultId, header.kdf),
        keysUnderNext: wrapVaultKey(bothKeys, nextWrappingKey, header.vaultId, nextKdf),
      },
    })
    options.afterPasswordChangeStep?.('recorded')
    // 2. Re-encrypt the database (SQLite3MultipleCiphers re-keys outside WAL mode only).
    try {
      database.pragma('wal_checkpoint(TRUNCATE)')
      const mode = database.pragma('journal_mode = DELETE', { simple: true })
      if (mode !== 'delete') throw Object.assign(new Error('journal mode unchanged'), { code: 'SQLITE_BUSY' })
      rekeyDatabase(database, nextKey)
      database.pragma('journal_mode = WAL')
    } catch (error) {
      // The file was not re-keyed: put the header back as it was.
      writeHeader(vaultPath, header)
      throw translateSqliteError(vaultPath, error)
    }
    options.afterPasswordChangeStep?.('rekeyed')
    // 3. Settle: the new password alone now opens the vault.
    writeHeader(vaultPath, {
      format: header.format,
      version: header.version,
      vaultId: header.vaultId,
      createdAt: header.createdAt,
      kdf: nextKdf,
      wrappedKey: wrapVaultKey(nextKey, nextWrappingKey, header.vaultId, nextKdf),
    })
  } finally {
    for (const key of [currentWrappingKey, oldKey, nextKey, bothKeys, nextWrappingKey]) wipeKey(key)
  }
}
