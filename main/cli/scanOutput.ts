// What `keyward scan` prints: a ranked text listing for people, the report as JSON, or SARIF 2.1.0 for
// code-scanning tools. Every form is built from the scanner's report, which holds masks and keyed
// fingerprints only: no whole secret can reach any of them.
import { pathToFileURL } from 'node:url'
import type { Log, ReportingDescriptor, Result } from 'sarif'
import { countNoun } from '../common/countNoun'
import {
  ruleDefinitions,
  SEVERITIES,
  SEVERITY_RANK,
  type Finding,
  type Severity,
  type ScanProgress,
  type ScanReport,
  type SuppressedFinding,
} from '../scanner/index'
import { printable } from './table'

/**
 * What makes a scan fail: findings of this severity or above. `live` (the pre-commit hook's word before
 * severities) means high; `test` (every finding, then) means any.
 */
export const FAIL_ON = ['critical', 'high', 'medium', 'low', 'any', 'none', 'live', 'test'] as const
export type FailOn = (typeof FAIL_ON)[number]
export const DEFAULT_FAIL_ON: FailOn = 'high'

const THRESHOLD: Record<FailOn, number> = {
  critical: SEVERITY_RANK.critical,
  high: SEVERITY_RANK.high,
  medium: SEVERITY_RANK.medium,
  low: SEVERITY_RANK.low,
  any: SEVERITY_RANK.info,
  none: Number.POSITIVE_INFINITY,
  live: SEVERITY_RANK.high,
  test: SEVERITY_RANK.info,
}

export const failingFindings = (report: ScanReport, failOn: FailOn): Finding[] =>
  report.findings.filter((finding) => SEVERITY_RANK[finding.severity] >= THRESHOLD[failOn])

/** Most severe first; the scanner's own order within each. */
export const rankedFindings = (findings: readonly Finding[]): Finding[] =>
  findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (left, right) =>
        SEVERITY_RANK[right.finding.severity] - SEVERITY_RANK[left.finding.severity] || left.index - right.index,
    )
    .map(({ finding }) => finding)

export type SarifLevel = 'error' | 'warning' | 'note'
export const sarifLevel = (severity: Severity): SarifLevel =>
  severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note'

const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(bytes < 10 * 1_048_576 ? 1 : 0)} MB`

const PHASE_WORDS: Record<ScanProgress['phase'], string> = {
  listing: 'Listing files',
  tree: 'Scanning the working tree',
  index: 'Scanning the index',
  history: 'Scanning history',
  commits: 'Finding the commits that introduced each secret',
  done: 'Done',
}

/** The scan's progress line (see progress.ts for where and how often it is shown). */
export const scanProgressLine = (progress: ScanProgress): string => {
  const items =
    progress.phase === 'history' || progress.blobs > 0
      ? `${progress.files.toLocaleString('en')} files, ${progress.blobs.toLocaleString('en')}${progress.totalBlobs === null ? '' : ` of ${progress.totalBlobs.toLocaleString('en')}`} blobs`
      : `${progress.files.toLocaleString('en')} files`
  return `${PHASE_WORDS[progress.phase]}: ${items}, ${megabytes(progress.bytes)}, ${countNoun(progress.findings, 'finding')}`
}
const shortCommit = (commit: string): string => commit.slice(0, 8)
const day = (date: string | null): string => (date ? date.slice(0, 10) : 'unknown date')

const whereFound = (finding: Finding, inGit: boolean): string => {
  const { location } = finding
  // Outside git there is nothing to be tracked or untracked by.
  if (!inGit) return 'file, not in a git repository'
  if (location.kind === 'history') {
    const commit = location.commit
      ? `commit ${shortCommit(location.commit)} by ${printable(location.author ?? 'unknown author')} on ${day(location.date)}`
      : 'a blob no commit reaches'
    return `history: ${commit}, ${location.inHead ? 'in HEAD' : 'history only'}`
  }
  if (location.kind === 'index') return 'staged (would be committed)'
  const marks = [location.untracked ? 'untracked' : 'tracked', ...(location.gitIgnored ? ['git-ignored'] : [])]
  if (finding.exposure === 'stored')
    return `working tree, ${marks.join(', ')}: stored in plain text here, not leaked; use a reference or keyward run instead`
  const committed = location.commit
    ? `, committed in ${shortCommit(location.commit)} by ${printable(location.author ?? 'unknown author')} on ${day(location.date)}`
    : ''
  return `working tree, ${marks.join(', ')}${committed}`
}

const vaultLine = (finding: Finding): string | null => {
  const key = finding.vaultKey
  if (!key) return null
  const which = key.current ? `its current value (version ${key.version})` : `an earlier value (version ${key.version})`
  // A copy only on this disk is not a leak: take it out of the file; a copy others can read: rotate.
  const todo = finding.exposure === 'stored' ? 'keep it in the vault only' : 'rotate it'
  return `vault key: "${printable(key.keyName)}", ${which}: ${todo}`
}

const formatFinding = (finding: Finding, inGit: boolean): string => {
  const { location } = finding
  const provider = finding.provider ?? 'unknown provider'
  const ambiguous = finding.ambiguousWith.length > 0 ? ` (or ${finding.ambiguousWith.join(', ')})` : ''
  const lines = [
    `${finding.severity.toUpperCase().padEnd(8)} ${finding.environment}  ${finding.ruleId}  ${printable(provider)}${ambiguous}`,
    `        ${printable(location.path)}:${location.line}:${location.column}  (${whereFound(finding, inGit)})`,
  ]
  const vault = vaultLine(finding)
  if (vault) lines.push(`        ${vault}`)
  lines.push(`        ${printable(finding.redactedSecret)}  ${printable(finding.snippet.trim())}`)
  return lines.map((line) => `${line}\n`).join('')
}

const countsLine = (report: ScanReport): string => {
  const bySeverity = SEVERITIES.map(
    (severity) => [severity, report.findings.filter((finding) => finding.severity === severity).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
  const findings = `${countNoun(report.findings.length, 'finding')}${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}`
  const suppressed = report.suppressed.length > 0 ? `, ${report.suppressed.length} suppressed` : ''
  const { stats } = report
  const scanned = [
    countNoun(stats.files, 'file'),
    ...(report.scopes.history ? [countNoun(stats.blobs, 'blob'), countNoun(stats.commits, 'commit')] : []),
  ]
  return `${findings}${suppressed}; scanned ${scanned.join(', ')} in ${(stats.durationMs / 1000).toFixed(1)} s${report.canceled ? ' (canceled)' : ''}\n`
}

export const formatScanText = (report: ScanReport): string => {
  const parts: string[] = []
  if (report.findings.length === 0) parts.push('No secrets found.\n')
  for (const finding of rankedFindings(report.findings))
    parts.push(formatFinding(finding, report.repository !== null), '\n')
  parts.push(countsLine(report))
  if (report.problems.length > 0) {
    parts.push(`${countNoun(report.problems.length, 'problem')}:\n`)
    for (const problem of report.problems)
      parts.push(`  ${problem.code}  ${printable(problem.subject)}: ${printable(problem.message)}\n`)
  }
  return parts.join('')
}

const VAULT_RULE_ID = 'vault-value'

const sarifRules = (): ReportingDescriptor[] => [
  ...ruleDefinitions.map((rule) => ({
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    ...(rule.note ? { fullDescription: { text: rule.note } } : {}),
    properties: { providers: rule.providers, kind: rule.kind },
  })),
  {
    id: VAULT_RULE_ID,
    name: VAULT_RULE_ID,
    shortDescription: { text: 'A value from your vault' },
    fullDescription: { text: 'A value that is (or was) one of the keys in your Keyward vault, found exactly.' },
  },
]

const uriOf = (path: string): string => path.split('/').map(encodeURIComponent).join('/')

const sarifResult = (finding: Finding | SuppressedFinding, ruleIndex: Map<string, number>): Result => {
  const { location } = finding
  const index = ruleIndex.get(finding.ruleId)
  const suppressed = 'suppressed' in finding ? finding.suppressed : null
  return {
    ruleId: finding.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: sarifLevel(finding.severity),
    message: {
      text: `${finding.message}${finding.vaultKey ? ` Rotate the vault key "${finding.vaultKey.keyName}".` : ''} (${finding.redactedSecret})`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(location.path), uriBaseId: 'SRCROOT' },
          region: { startLine: location.line, startColumn: location.column, snippet: { text: finding.snippet } },
        },
      },
    ],
    partialFingerprints: { 'keyward/v1': finding.fingerprint },
    ...(suppressed
      ? {
          suppressions: [
            {
              kind: suppressed === 'inline_allow' ? ('inSource' as const) : ('external' as const),
              justification: suppressed,
            },
          ],
        }
      : {}),
    properties: {
      provider: finding.provider,
      environment: finding.environment,
      severity: finding.severity,
      confidence: finding.confidence,
      exposure: finding.exposure,
      locationKind: location.kind,
      commit: location.commit,
      author: location.author,
      date: location.date,
      inHead: location.inHead,
      gitIgnored: location.gitIgnored,
      untracked: location.untracked,
      vaultKey: finding.vaultKey?.keyName ?? null,
      redactedSecret: finding.redactedSecret,
    },
  }
}

export const buildSarif = (report: ScanReport, version: string): Log => {
  const rules = sarifRules()
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]))
  const base = pathToFileURL(report.repository ?? report.root).href
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Keyward',
            version,
            rules,
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: base.endsWith('/') ? base : `${base}/` } },
        columnKind: 'unicodeCodePoints',
        invocations: [
          {
            executionSuccessful: !report.canceled,
            toolExecutionNotifications: report.problems.map((problem) => ({
              level: 'warning' as const,
              message: { text: problem.message },
              properties: { code: problem.code, subject: problem.subject },
            })),
          },
        ],
        results: [
          ...rankedFindings(report.findings).map((finding) => sarifResult(finding, ruleIndex)),
          ...report.suppressed.map((finding) => sarifResult(finding, ruleIndex)),
        ],
      },
    ],
  }
}
