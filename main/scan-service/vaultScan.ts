// A scan with the vault, from the app or the command line. Before: what the scanner takes from the vault
// (every value of every key, dropped when the scan ends; the fingerprint key; the findings set aside).
// After: each vault key found where others can read it (tracked, staged, committed) is marked leaked
// (rotation lists it until it is rotated); one only in a git-ignored or untracked local file is stored
// there in plain text, not leaked. Every place a key's value was seen replaces what the last scan of that
// folder said; a leaked mark from before the vault recorded where copies were is then kept or cleared.
import type { Finding, ScanOptions, ScanReport, ScanScope } from '../scanner/index'
import type { OpenVault } from '../vault/index'

export type VaultScanInputs = Required<Pick<ScanOptions, 'vaultValues' | 'fingerprintKey' | 'ignored'>>

/** Runs a scan with the vault's inputs; the values are emptied out as soon as it ends. */
export const scanWithVaultInputs = async <Result>(
  vault: OpenVault,
  scan: (inputs: VaultScanInputs) => Promise<Result>,
): Promise<Result> => {
  const vaultValues = vault.keys.valuesForScan()
  try {
    return await scan({
      vaultValues,
      fingerprintKey: vault.scans.fingerprintKey(),
      ignored: vault.scans.ignoredFingerprints(),
    })
  } finally {
    vaultValues.length = 0
  }
}

/** Whether a finding makes its vault key leaked: a copy others can read, not one kept on this disk only. */
export const leaksItsKey = (finding: Finding): boolean => finding.vaultKey !== null && finding.exposure === 'exposed'

/**
 * Records the scan's leaks; answers how many keys it marked leaked. `onCleared` hears of the keys whose
 * mark from before schema 8 the scan cleared (every copy of theirs is stored here, none exposed).
 */
export const recordScanLeaks = (
  vault: OpenVault,
  report: ScanReport,
  at: Date,
  onCleared?: (keyIds: string[]) => void,
): number => {
  const matched = [...report.findings, ...report.suppressed].filter((finding) => finding.vaultKey !== null)
  const kinds = (Object.keys(report.scopes) as ScanScope[]).filter((kind) => report.scopes[kind])
  vault.scans.recordSightings(
    report.repository ?? report.root,
    kinds,
    matched.map((finding) => ({
      keyId: finding.vaultKey!.keyId,
      version: finding.vaultKey!.version,
      kind: finding.location.kind,
      path: finding.location.path,
      line: finding.location.line,
      commit: finding.location.commit,
      inHead: finding.location.inHead,
      exposure: finding.exposure,
    })),
  )
  const leaked = new Set(report.findings.flatMap((finding) => (leaksItsKey(finding) ? [finding.vaultKey!.keyId] : [])))
  for (const keyId of leaked) vault.rotation.markLeaked(keyId, at)
  const cleared = vault.scans.settleUnverifiedLeaks()
  if (cleared.length > 0) onCleared?.(cleared)
  return leaked.size
}
