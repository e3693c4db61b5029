// Temporary vault folders for tests: a real file on disk in a fresh directory, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KdfCost } from '../../main/vault/index'

/** A cheap Argon2id cost so tests run fast; one test keeps the real default. */
export const TEST_KDF_COST: KdfCost = { memoryKiB: 8 * 1024, iterations: 1, parallelism: 1 }

export const makeTempDirectory = (label = 'keyward-test-'): { directory: string; cleanup: () => void } => {
  const directory = mkdtempSync(join(tmpdir(), label))
  return { directory, cleanup: () => rmSync(directory, { recursive: true, force: true }) }
}

export const tempVaultPath = (directory: string, name = 'vault.keyward'): string => join(directory, name)

/** The vaults a test opened, closed after it so no handle outlives its temp folder. */
export const openedVaults = () => {
  const opened: { close(): void }[] = []
  return {
    track: <Vault extends { close(): void }>(vault: Vault): Vault => {
      opened.push(vault)
      return vault
    },
    closeAll: () => {
      for (const vault of opened.splice(0)) vault.close()
    },
    /** The test closed them itself (or a crash it simulates left them for the process to drop). */
    forget: () => {
      opened.length = 0
    },
  }
}
