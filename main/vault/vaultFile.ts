// Creating, opening and re-keying a vault: the encrypted database file and its header beside it.
// Nothing here writes to either file until the master password has been proven right.
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { KeywardError } from '../common/errors'
import { damagedVaultError, openKeyedDatabase, rekeyDatabase, translateSqliteError } from './database'
import { headerPathFor, readHeader, writeHeader, type KdfParameters, type VaultHeader } from './header'
import {
  DEFAULT_KDF_COST,
  VAULT_KEY_BYTES,
  deriveWrappingKey,
  newKdfParameters,
  newVaultKey,
  unwrapVaultKey,
  wrapVaultKey,
  type KdfCost,
} from './keyWrapping'
import { KeyStore } from './keyStore'
import { migrateToLatest } from './migrations'
import { ProviderStore } from './providerStore'
import { RotationStore } from './rotationStore'
import { ScanStore } from './scanStore'
import { VaultSettings } from './settings'
import { TestHistory } from './testHistory'

export interface VaultFileOptions {
  kdfCost?: KdfCost
  now?: () => Date
  /** Called after each durable step of a password change; tests throw here to simulate a crash. */
  afterPasswordChangeStep?: (step: 'recorded' | 'rekeyed') => void
}

export interface OpenVault {
  readonly path: string
  readonly vaultId: string
  readonly keys: KeyStore
  readonly tests: TestHistory
  readonly providers: ProviderStore
  readonly settings: VaultSettings
  /** Rotation: periods, snoozes, leaks, the rotate flow, version statuses, notifications, policy. */
  readonly rotation: RotationStore
  /** The scanner's fingerprint key, ignored findings, and where each key was last seen. */
  readonly scans: ScanStore
  /** Re-keys the database under a new vault key wrapped by the new password. */
  changeMasterPassword(currentPassword: string, newPassword: string): Promise<void>
  close(): void
}

const wrongPassword = () =>
  new KeywardError('wrong_password', 'Wrong master password. Check Caps Lock and try again.')

export const vaultExists = (vaultPath: string): boolean => existsSync(vaultPath)

export const createVault = async (vaultPath: string, password: string, options: VaultFileOptions = {}): Promise<OpenVault> => {
  if (existsSync(vaultPath)) {
    throw new KeywardError('vault_exists', `A vault already exists at ${vaultPath}. Unlock it, or choose another path.`)
  }
  mkdirSync(dirname(vaultPath), { recursive: true, mode: 0o700 })
  const vaultId = randomUUID()
  const vaultKey = newVaultKey()
  const kdf = newKdfParameters(options.kdfCost ?? DEFAULT_KDF_COST)
  const wrappingKey = await deriveWrappingKey(password, kdf)

  // Build the database under a temporary name and move it into place last, so a crash leaves
  // either no vault or a whole one.
  const buildingPath = `${vaultPath}.creating`
  rmSync(buildingPath, { force: true })
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
  return openWithKey(vaultPath, readHeader(vaultPath), vaultKey, options)
}

export const openVault = async (vaultPath: string, password: string, options: VaultFileOptions = {}): Promise<OpenVault> => {
  if (!existsSync(vaultPath)) {
    throw new KeywardError('vault_missing', `No vault at ${vaultPath}. Create one first (keyward init).`)
  }
  const header = readHeader(vaultPath)
  if (header.pendingChange) return settlePendingChange(vaultPath, header, password, options)
  const wrappingKey = await deriveWrappingKey(password, header.kdf)
  const vaultKey = unwrapVaultKey(header.wrappedKey, wrappingKey, header.vaultId, header.kdf)
  if (!vaultKey) throw wrongPassword()
  return openWithKey(vaultPath, header, vaultKey, options)
}

const openWithKey = (vaultPath: string, header: VaultHeader, vaultKey: Buffer, options: VaultFileOptions): OpenVault => {
  const database = openKeyedDatabase(vaultPath, vaultKey, { create: false })
  try {
    assertSameVault(database, vaultPath, header.vaultId)
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
    changeMasterPassword: (currentPassword, newPassword) =>
      changeMasterPassword(vaultPath, database, currentPassword, newPassword, options),
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
    row = database.prepare(`SELECT value FROM vault_meta WHERE name = 'vault_id'`).get() as { value: string } | undefined
  } catch (error) {
    throw damagedVaultError(vaultPath, error)
  }
  if (row?.value !== vaultId) throw damagedVaultError(vaultPath)
}

const changeMasterPassword = async (
  vaultPath: string,
  database: Database,
  currentPassword: string,
  newPassword: string,
  options: VaultFileOptions,
): Promise<void> => {
  const header = readHeader(vaultPath)
  const currentWrappingKey = await deriveWrappingKey(currentPassword, header.kdf)
  const oldKey = unwrapVaultKey(header.wrappedKey, currentWrappingKey, header.vaultId, header.kdf)
  if (!oldKey) throw wrongPassword()
  const nextKdf = newKdfParameters(options.kdfCost ?? costOf(header.kdf))
  const nextWrappingKey = await deriveWrappingKey(newPassword, nextKdf)
  const nextKey = newVaultKey()
  const bothKeys = Buffer.concat([oldKey, nextKey])

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
}

const costOf = (kdf: KdfParameters): KdfCost => ({
  memoryKiB: Math.max(kdf.memoryKiB, DEFAULT_KDF_COST.memoryKiB),
  iterations: Math.max(kdf.iterations, DEFAULT_KDF_COST.iterations),
  parallelism: kdf.parallelism,
})

/** Opens a vault whose password change was interrupted, and settles it on the password given. */
const settlePendingChange = async (
  vaultPath: string,
  header: VaultHeader,
  password: string,
  options: VaultFileOptions,
): Promise<OpenVault> => {
  const pending = header.pendingChange!
  const underCurrent = await deriveWrappingKey(password, header.kdf)
  let kdf = header.kdf
  let wrappingKey = underCurrent
  let keys = unwrapVaultKey(pending.keysUnderCurrent, underCurrent, header.vaultId, header.kdf)
  if (!keys) {
    kdf = pending.nextKdf
    wrappingKey = await deriveWrappingKey(password, pending.nextKdf)
    keys = unwrapVaultKey(pending.keysUnderNext, wrappingKey, header.vaultId, pending.nextKdf)
  }
  if (!keys || keys.length !== 2 * VAULT_KEY_BYTES) throw wrongPassword()
  const candidates = [keys.subarray(VAULT_KEY_BYTES), keys.subarray(0, VAULT_KEY_BYTES)]
  let lastError: unknown
  for (const candidate of candidates) {
    try {
      const opened = openWithKey(vaultPath, header, Buffer.from(candidate), options)
      const settled: VaultHeader = {
        format: header.format,
        version: header.version,
        vaultId: header.vaultId,
        createdAt: header.createdAt,
        kdf,
        wrappedKey: wrapVaultKey(Buffer.from(candidate), wrappingKey, header.vaultId, kdf),
      }
      writeHeader(vaultPath, settled)
      return opened
    } catch (error) {
      lastError = error
    }
  }
  throw lastError
}

export { headerPathFor }
