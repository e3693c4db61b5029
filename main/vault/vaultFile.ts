// Creating and opening a vault: the encrypted database file and its header beside it. Nothing here
// writes to either file until the master password has been proven right. Every unlock goes through
// the throttle (wrong passwords slow down), and the keys made on the way are wiped. Changing the
// master password: file/passwordChange.ts; the options and the open vault: vaultOptions.ts.
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { systemClock } from '../common/clock'
import { KeywardError } from '../common/errors'
import { damagedVaultError, openKeyedDatabase, translateSqliteError } from './file/database'
import { headerChecksum, headerPathFor, readHeader, writeHeader, type VaultHeader } from './file/header'
import {
  VAULT_KEY_BYTES,
  deriveWrappingKey,
  isWeakerThan,
  newKdfParameters,
  newVaultKey,
  strengthenedCost,
  unwrapVaultKey,
  wipeKey,
  wrapVaultKey,
} from './file/keyWrapping'
import { KeyStore } from './stores/keyStore'
import { refuseLinkedVaultFiles } from './file/linkGuard'
import { LATEST_SCHEMA_VERSION, migrateToLatest } from './file/migrations'
import { RateSlots } from './stores/rateSlots'
import { backupBeforeMigration, createBackup, listBackups } from './backups/backups'
import { ProviderStore } from './stores/providerStore'
import { RotationStore } from './stores/rotationStore'
import { ScanStore } from './stores/scanStore'
import { AuditLog } from './stores/auditLog'
import { VaultSettings } from './stores/settings'
import { TestHistory } from './stores/testHistory'
import { UnlockThrottle } from './file/unlockThrottle'
import { changeMasterPassword, confirmPassword } from './file/passwordChange'
import { currentCost, wrongPasswordFor, type OpenVault, type VaultFileOptions } from './vaultOptions'

export type { OpenVault, VaultFileOptions } from './vaultOptions'

export const vaultExists = (vaultPath: string): boolean => existsSync(vaultPath)

export const createVault = async (
  vaultPath: string,
  password: string,
  options: VaultFileOptions = {},
): Promise<OpenVault> => {
  refuseLinkedVaultFiles(vaultPath, 'create')
  if (existsSync(vaultPath)) {
    throw new KeywardError('vault_exists', `A vault already exists at ${vaultPath}. Unlock it, or choose another path.`)
  }
  mkdirSync(dirname(vaultPath), { recursive: true, mode: 0o700 })
  const vaultId = randomUUID()
  const vaultKey = newVaultKey()
  const kdf = newKdfParameters(currentCost(options))
  const wrappingKey = await deriveWrappingKey(password, kdf)
  try {
    // Build the database under a temporary name and move it into place last, so a crash leaves
    // either no vault or a whole one. Leftovers (or links planted) under that name go first.
    const buildingPath = `${vaultPath}.creating`
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${buildingPath}${suffix}`, { force: true })
    const database = openKeyedDatabase(buildingPath, vaultKey, { create: true })
    try {
      migrateToLatest(database)
      database.prepare('INSERT INTO vault_meta (name, value) VALUES (?, ?)').run('vault_id', vaultId)
    } finally {
      database.close()
    }
    chmodSync(buildingPath, 0o600)
    writeHeader(vaultPath, {
      format: 'keyward-vault',
      version: 1,
      vaultId,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      kdf,
      wrappedKey: wrapVaultKey(vaultKey, wrappingKey, vaultId, kdf),
    })
    renameSync(buildingPath, vaultPath)
    // A count of wrong passwords left by an earlier vault at this path says nothing about this one.
    new UnlockThrottle(vaultPath, options.clock ?? systemClock).recordSuccess()
    return openWithKey(vaultPath, readHeader(vaultPath), vaultKey, options)
  } finally {
    wipeKey(vaultKey)
    wipeKey(wrappingKey)
  }
}

export const openVault = async (
  vaultPath: string,
  password: string,
  options: VaultFileOptions = {},
): Promise<OpenVault> => {
  refuseLinkedVaultFiles(vaultPath, 'open')
  if (!existsSync(vaultPath)) {
    throw new KeywardError('vault_missing', `No vault at ${vaultPath}. Create one first (keyward init).`)
  }
  const header = readHeader(vaultPath)
  const throttle = new UnlockThrottle(vaultPath, options.clock ?? systemClock)
  throttle.assertMayTry()
  if (header.pendingChange) return settlePendingChange(vaultPath, header, password, options, throttle)
  const wrappingKey = await deriveWrappingKey(password, header.kdf)
  const vaultKey = unwrapVaultKey(header.wrappedKey, wrappingKey, header.vaultId, header.kdf)
  wipeKey(wrappingKey)
  if (!vaultKey) throw wrongPasswordFor(throttle)
  try {
    throttle.recordSuccess()
    const vault = openWithKey(vaultPath, header, vaultKey, options)
    try {
      await refreshHeader(vaultPath, header, vaultKey, password, options)
    } catch (error) {
      vault.close()
      throw error
    }
    return vault
  } finally {
    wipeKey(vaultKey)
  }
}

/**
 * Brings the header of a vault just opened up to date: a KDF cost below the current one is
 * re-wrapped at the current cost (only the wrapping changes; the database keeps its vault key), and
 * a header without a checksum gets one. Written atomically, and only if nobody replaced the header
 * since it was read (another Keyward changing the password, say).
 */
const refreshHeader = async (
  vaultPath: string,
  header: VaultHeader,
  vaultKey: Buffer,
  password: string,
  options: VaultFileOptions,
): Promise<void> => {
  const weaker = isWeakerThan(header.kdf, currentCost(options))
  if (!weaker && header.checksum !== undefined) return
  let refreshed: VaultHeader = header
  if (weaker) {
    const kdf = newKdfParameters(strengthenedCost(header.kdf, currentCost(options)))
    const wrappingKey = await deriveWrappingKey(password, kdf)
    try {
      refreshed = { ...header, kdf, wrappedKey: wrapVaultKey(vaultKey, wrappingKey, header.vaultId, kdf) }
    } finally {
      wipeKey(wrappingKey)
    }
  }
  if (headerChecksum(readHeader(vaultPath)) !== headerChecksum(header)) return
  try {
    writeHeader(vaultPath, refreshed)
  } catch (error) {
    throw new KeywardError(
      'io_error',
      `Keyward could not update the vault header ${headerPathFor(vaultPath)} (${(error as NodeJS.ErrnoException).code ?? 'write failed'}), so it left the vault locked; the old header is still in place and still opens it. Check the folder's free space and permissions, then unlock again.`,
      { cause: error },
    )
  }
}

const openWithKey = (
  vaultPath: string,
  header: VaultHeader,
  vaultKey: Buffer,
  options: VaultFileOptions,
): OpenVault => {
  const database = openKeyedDatabase(vaultPath, vaultKey, { create: false })
  try {
    assertSameVault(database, vaultPath, header.vaultId)
    // An upgrade of the file's schema is the one write no earlier Keyward can undo: keep a copy first.
    const schemaVersion = database.pragma('user_version', { simple: true }) as number
    if (schemaVersion < LATEST_SCHEMA_VERSION) {
      backupBeforeMigration(vaultPath, database, schemaVersion, LATEST_SCHEMA_VERSION, options.now?.() ?? new Date())
    }
    migrateToLatest(database)
  } catch (error) {
    database.close()
    throw translateSqliteError(vaultPath, error)
  }
  const now = options.now ?? (() => new Date())
  let open = true
  const keys = new KeyStore(database, vaultPath, now)
  return {
    path: vaultPath,
    vaultId: header.vaultId,
    keys,
    tests: new TestHistory(database, vaultPath),
    providers: new ProviderStore(database, vaultPath, now),
    settings: new VaultSettings(database),
    rotation: new RotationStore(database, vaultPath, keys),
    scans: new ScanStore(database, vaultPath, now),
    audit: new AuditLog(database, vaultPath, now, options.actor ?? 'app'),
    rateSlots: new RateSlots(database, vaultPath),
    backUp: (backupOptions = {}) =>
      createBackup({ vaultPath, database }, { reason: 'manual', now: now(), keep: backupOptions.keep }),
    listBackups: () => listBackups(vaultPath, database),
    changeMasterPassword: (currentPassword, newPassword) =>
      changeMasterPassword(vaultPath, database, currentPassword, newPassword, options),
    confirmPassword: (password) => confirmPassword(vaultPath, password, options),
    close() {
      if (!open) return
      open = false
      database.close()
    },
  }
}

const assertSameVault = (database: Database, vaultPath: string, vaultId: string): void => {
  let row: { value: string } | undefined
  try {
    row = database.prepare(`SELECT value FROM vault_meta WHERE name = 'vault_id'`).get() as
      | { value: string }
      | undefined
  } catch (error) {
    throw damagedVaultError(vaultPath, error)
  }
  if (row === undefined) throw damagedVaultError(vaultPath)
  if (row.value !== vaultId) {
    throw new KeywardError(
      'vault_corrupt',
      `The vault file ${vaultPath} belongs to another vault than its header ${headerPathFor(vaultPath)} (vault id ${row.value} in the file, ${vaultId} in the header): one of the two was replaced. Keyward left both untouched; put back the file and header that belong together, from a backup.`,
    )
  }
}

/** Opens a vault whose password change was interrupted, and settles it on the password given. */
const settlePendingChange = async (
  vaultPath: string,
  header: VaultHeader,
  password: string,
  options: VaultFileOptions,
  throttle: UnlockThrottle,
): Promise<OpenVault> => {
  const pending = header.pendingChange!
  let kdf = header.kdf
  let wrappingKey = await deriveWrappingKey(password, header.kdf)
  let keys = unwrapVaultKey(pending.keysUnderCurrent, wrappingKey, header.vaultId, header.kdf)
  if (!keys) {
    wipeKey(wrappingKey)
    kdf = pending.nextKdf
    wrappingKey = await deriveWrappingKey(password, pending.nextKdf)
    keys = unwrapVaultKey(pending.keysUnderNext, wrappingKey, header.vaultId, pending.nextKdf)
  }
  if (!keys || keys.length !== 2 * VAULT_KEY_BYTES) {
    wipeKey(wrappingKey)
    wipeKey(keys)
    throw wrongPasswordFor(throttle)
  }
  throttle.recordSuccess()
  const candidates = [keys.subarray(VAULT_KEY_BYTES), keys.subarray(0, VAULT_KEY_BYTES)]
  let lastError: unknown
  try {
    for (const candidate of candidates) {
      let opened: OpenVault
      try {
        opened = openWithKey(vaultPath, header, candidate, options)
      } catch (error) {
        lastError = error
        continue
      }
      try {
        writeHeader(vaultPath, {
          format: header.format,
          version: header.version,
          vaultId: header.vaultId,
          createdAt: header.createdAt,
          kdf,
          wrappedKey: wrapVaultKey(candidate, wrappingKey, header.vaultId, kdf),
        })
      } catch (error) {
        opened.close()
        throw error
      }
      return opened
    }
    throw lastError
  } finally {
    wipeKey(keys)
    wipeKey(wrappingKey)
  }
}

export { headerPathFor }
