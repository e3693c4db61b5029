// The severity table (docs/scanner.md): a finding's severity from its rule's confidence, the key's
// environment, a vault match and where it is; --fail-on compares severities.
import { describe, expect, it } from 'vitest'
import { findingSeverity, exposureOf } from '../../../main/scanner/index'
import { failingFindings } from '../../../main/cli/scanOutput'
import type { Finding, ScanReport } from '../../../main/scanner/index'

const vaultKey = (current: boolean) => ({ keyId: 'k', keyName: 'K', version: 1, current })

describe('finding severity', () => {
  it('comes from the rule confidence, not the environment: a GitHub token (other) is high', () => {
    expect(findingSeverity({ confidence: 'high', environment: 'other', vaultKey: null, exposure: 'exposed' })).toBe(
      'high',
    )
    expect(findingSeverity({ confidence: 'high', environment: 'live', vaultKey: null, exposure: 'exposed' })).toBe(
      'high',
    )
    expect(findingSeverity({ confidence: 'medium', environment: 'other', vaultKey: null, exposure: 'exposed' })).toBe(
      'medium',
    )
    expect(findingSeverity({ confidence: 'low', environment: 'live', vaultKey: null, exposure: 'exposed' })).toBe('low')
  })

  it("is one step lower for a test key, critical for the vault's current live value, low when only stored locally", () => {
    expect(findingSeverity({ confidence: 'high', environment: 'test', vaultKey: null, exposure: 'exposed' })).toBe(
      'medium',
    )
    expect(findingSeverity({ confidence: 'low', environment: 'test', vaultKey: null, exposure: 'exposed' })).toBe(
      'info',
    )
    expect(
      findingSeverity({ confidence: 'medium', environment: 'live', vaultKey: vaultKey(true), exposure: 'exposed' }),
    ).toBe('critical')
    expect(
      findingSeverity({ confidence: 'high', environment: 'live', vaultKey: vaultKey(false), exposure: 'exposed' }),
    ).toBe('high')
    expect(
      findingSeverity({ confidence: 'high', environment: 'test', vaultKey: vaultKey(true), exposure: 'exposed' }),
    ).toBe('high')
    expect(
      findingSeverity({ confidence: 'high', environment: 'live', vaultKey: vaultKey(true), exposure: 'stored' }),
    ).toBe('low')
    expect(findingSeverity({ confidence: 'low', environment: 'live', vaultKey: null, exposure: 'stored' })).toBe('info')
  })

  it('calls a git-ignored or untracked working-tree file stored, and anything tracked, staged or committed exposed', () => {
    expect(exposureOf({ kind: 'tree', gitIgnored: true, untracked: true })).toBe('stored')
    expect(exposureOf({ kind: 'tree', gitIgnored: false, untracked: true })).toBe('stored')
    expect(exposureOf({ kind: 'tree', gitIgnored: false, untracked: false })).toBe('exposed')
    expect(exposureOf({ kind: 'index', gitIgnored: false, untracked: false })).toBe('exposed')
    expect(exposureOf({ kind: 'history', gitIgnored: false, untracked: false })).toBe('exposed')
  })

  it('--fail-on compares severities; live is high and test is any', () => {
    const report = (severity: Finding['severity']) => ({ findings: [{ severity } as Finding] }) as ScanReport
    expect(failingFindings(report('high'), 'high')).toHaveLength(1)
    expect(failingFindings(report('high'), 'live')).toHaveLength(1)
    expect(failingFindings(report('medium'), 'high')).toHaveLength(0)
    expect(failingFindings(report('medium'), 'medium')).toHaveLength(1)
    expect(failingFindings(report('info'), 'low')).toHaveLength(0)
    expect(failingFindings(report('info'), 'any')).toHaveLength(1)
    expect(failingFindings(report('info'), 'test')).toHaveLength(1)
    expect(failingFindings(report('critical'), 'critical')).toHaveLength(1)
    expect(failingFindings(report('critical'), 'none')).toHaveLength(0)
  })
})
