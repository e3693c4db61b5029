// What a finished scan leaves in the vault, from the app or the command line: each vault key found
// outside the vault is marked leaked (rotation lists it until it is rotated), and every place a key's
// value was seen replaces what the last scan of that folder said (the rotate flow lists them).
import type { ScanReport, ScanScope } from '../scanner/index'
import type { OpenVault } from '../vault/index'

/** Records the scan's leaks; answers how many keys it marked leaked. */
export const recordScanLeaks = (vault: OpenVault, report: ScanReport, at: Date): number => {
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
    })),
  )
  const leaked = new Set(report.findings.flatMap((finding) => (finding.vaultKey ? [finding.vaultKey.keyId] : [])))
  for (const keyId of leaked) vault.rotation.markLeaked(keyId, at)
  return leaked.size
}
