// What every worker of one scan starts from: the rules and allowlist as data, the fingerprint key,
// and the vault's values turned into fingerprints (the values themselves are not kept).
import { knownPrefixOf } from '../providers/index'
import { allowlistForWorkers, kernelAnchors, knownPrefixes, rulesForWorkers } from './ruleCatalog'
import { prepareVault, type PreparedVault } from './vaultFingerprints'
import type { WorkerInit } from './scanWorker'
import type { VaultValue } from './types'

export interface ScanSetup {
  init: WorkerInit
  vault: PreparedVault
}

export const prepareScanSetup = (
  vaultValues: readonly VaultValue[],
  fingerprintKey: Uint8Array,
  maxFileBytes: number,
  packCacheBytes: number | null = null,
): ScanSetup => {
  const vault = prepareVault(vaultValues, fingerprintKey, knownPrefixOf)
  return {
    vault,
    init: {
      type: 'init',
      maxFileBytes,
      packCacheBytes,
      detection: {
        rules: rulesForWorkers(),
        ...allowlistForWorkers(),
        knownPrefixes: knownPrefixes(),
        fingerprintKeyHex: Buffer.from(fingerprintKey).toString('hex'),
        vault: vault.fingerprints,
      },
      kernel: {
        anchors: kernelAnchors(),
        vaultCharacters: vault.fingerprints?.characters ?? null,
        vaultKeyHex: vault.fingerprints?.vaultKeyHex ?? '1',
        vaultBlockHashes: vault.fingerprints?.blocks.map(([hash]) => hash) ?? [],
      },
    },
  }
}
