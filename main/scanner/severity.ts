// How much a finding matters, whatever environment its key is for: from how sure its rule is that a
// match is a real secret (confidence), the key's environment, whether it is the vault's own value, and
// where it is (exposed in git, or stored in a local file git does not keep). docs/scanner.md has the table.
import type { Environment } from '#contract'
import {
  CONFIDENCES,
  SEVERITIES,
  type Confidence,
  type Exposure,
  type FindingLocation,
  type Severity,
  type VaultKeyMatch,
} from './types'

export { CONFIDENCES, SEVERITIES, type Confidence, type Exposure, type Severity }

/** Higher is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 }

const FROM_CONFIDENCE: Record<Confidence, Severity> = { high: 'high', medium: 'medium', low: 'low' }
const ONE_LOWER: Record<Severity, Severity> = {
  critical: 'high',
  high: 'medium',
  medium: 'low',
  low: 'info',
  info: 'info',
}

/**
 * A file in the working tree that git neither tracks nor is about to commit: a key there is where it is
 * meant to live (a local .env), stored in plain text but not leaked.
 */
export const exposureOf = (location: Pick<FindingLocation, 'kind' | 'gitIgnored' | 'untracked'>): Exposure =>
  location.kind === 'tree' && (location.gitIgnored || location.untracked) ? 'stored' : 'exposed'

export const findingSeverity = (facts: {
  confidence: Confidence
  environment: Environment
  vaultKey: VaultKeyMatch | null
  exposure: Exposure
}): Severity => {
  // Stored here only: a place to replace with a reference, never a reason to stop a commit.
  if (facts.exposure === 'stored') return facts.vaultKey || facts.confidence !== 'low' ? 'low' : 'info'
  // The vault's own value is certain; its current live value is the worst case.
  if (facts.vaultKey) return facts.vaultKey.current && facts.environment !== 'test' ? 'critical' : 'high'
  const base = FROM_CONFIDENCE[facts.confidence]
  // A provider's test-mode key (sk_test_) moves no money and reads no production data.
  return facts.environment === 'test' ? ONE_LOWER[base] : base
}
