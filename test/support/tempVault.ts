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
