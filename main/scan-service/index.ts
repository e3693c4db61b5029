// Scanning from the app: the background scan, its last report, ignoring findings, and testing a leak.
export { sightingsForWindow } from './keySightings'
export { ScanService, type ScanServiceOptions } from './scanService'
export { leaksItsKey, recordScanLeaks, scanWithVaultInputs, type VaultScanInputs } from './vaultScan'
