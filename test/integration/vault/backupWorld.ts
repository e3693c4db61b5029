// What the backup and restore tests share: a temporary vault for each test, made and opened at a cheap
// Argon2 cost, its database opened as only its owner could, a backup made at a fixed time, and every
// file under the folder fingerprinted to show that a refusal wrote nothing.
import { lstatSync, readdirSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { afterEach } from 'vitest'
import { createVault, openVault, type OpenVault } from '../../../main/vault/index'
import { backupVault } from '../../../main/vault/backups/backups'
import { TEST_KDF_COST } from '../../support/tempVault'
import { openOwnerDatabase } from '../../support/ownerDatabase'
import { useTempVault } from '../../support/useTempVault'
import { fileFingerprint as fingerprint } from '../../support/fileFingerprint'

export const PASSWORD = 'correct horse battery'
export const NEW_PASSWORD = 'a whole new passphrase'
export const cheap = { kdfCost: TEST_KDF_COST }
export const DAY = 24 * 60 * 60 * 1000
export const START = Date.UTC(2026, 4, 1, 10, 0, 0)

export const valuesOf = (vault: OpenVault): Record<string, string> =>
  Object.fromEntries(vault.keys.list({ limit: 100_000 }).keys.map((key) => [key.name, vault.keys.revealValue(key.id)]))

/** Registers the test file's hooks: call once, at the top of the file. */
export const useBackupWorld = () => {
  const disk = useTempVault('keyward-backups-')
  const { track, closeAll, forget } = disk
  const databases: Database[] = []

  // Runs before the folder goes (after hooks run last-registered first).
  afterEach(() => {
    for (const database of databases.splice(0)) if (database.open) database.close()
  })

  const unlock = async (password = PASSWORD, path = disk.vaultPath) => track(await openVault(path, password, cheap))

  /** Every file under the temp folder (the vault, its header, backups, other vaults) with its contents' hash; links as links. */
  const everything = (): Record<string, string> => {
    const files: Record<string, string> = {}
    const walk = (folder: string, prefix: string) => {
      for (const name of readdirSync(folder)) {
        const path = join(folder, name)
        const status = lstatSync(path)
        if (status.isSymbolicLink()) files[`${prefix}${name}`] = `link to ${readlinkSync(path)}`
        else if (status.isDirectory()) walk(path, `${prefix}${name}/`)
        else files[`${prefix}${name}`] = fingerprint(path)
      }
    }
    walk(disk.temp.directory, '')
    return files
  }

  /** The vault's database opened directly with its key, as only the vault's owner could. */
  const rawDatabase = async (path = disk.vaultPath, password = PASSWORD): Promise<Database> => {
    const database = await openOwnerDatabase(path, password)
    databases.push(database)
    return database
  }

  const makeVault = async (values: Record<string, string>, path = disk.vaultPath, password = PASSWORD) => {
    const vault = await createVault(path, password, cheap)
    for (const [name, value] of Object.entries(values)) vault.keys.add({ name, value })
    vault.close()
  }

  const backUp = (at = START, keep?: number) => backupVault(disk.vaultPath, PASSWORD, { now: new Date(at), keep })

  return { disk, track, closeAll, forget, unlock, everything, rawDatabase, makeVault, backUp }
}
