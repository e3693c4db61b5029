// The git secret scanner: the working tree, the index and the full history of a folder, matched
// against the vault's own values (exactly, by keyed fingerprints) and against rules kept as data.
export { checkScanRoot, startScan, DEFAULT_MAX_FILE_BYTES } from './startScan'
export { ruleDefinitions, type RuleDefinition } from './ruleCatalog'
export { keyedFingerprint } from './fingerprints'
export {
  exposureOf,
  findingSeverity,
  SEVERITIES,
  SEVERITY_RANK,
  type Confidence,
  type Exposure,
  type Severity,
} from './severity'
export { MINIMUM_VAULT_VALUE_BYTES } from './vaultFingerprints'
export { runGit } from './safeGit'
export type {
  Finding,
  FindingLocation,
  IgnoreReason,
  LocationKind,
  ProblemCode,
  ScanOptions,
  ScanProblem,
  ScanProgress,
  ScanReport,
  ScanScope,
  SkipCounts,
  SuppressedFinding,
  SuppressedReason,
  VaultKeyMatch,
  VaultValue,
} from './types'
