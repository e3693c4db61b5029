// A scan report as the scanner panel sees it: one flat list of findings (active first, then the ones
// the user or a keyward:allow comment set aside), capped so a very noisy folder stays one answer.
import { MAX_FINDINGS_SHOWN, type ScanFinding, type ScanResults } from '#contract'
import { SEVERITY_RANK, type Finding, type ScanReport, type SuppressedFinding } from '../scanner/index'

const ENVIRONMENT_RANK = { live: 0, other: 1, test: 2 } as const

const toView = (finding: Finding | SuppressedFinding): ScanFinding => ({
  fingerprint: finding.fingerprint,
  ruleId: finding.ruleId,
  ruleTitle: finding.ruleTitle,
  provider: finding.provider,
  ambiguousWith: finding.ambiguousWith,
  environment: finding.environment,
  severity: finding.severity,
  exposure: finding.exposure,
  kind: finding.location.kind,
  path: finding.location.path,
  line: finding.location.line,
  column: finding.location.column,
  commit: finding.location.commit,
  author: finding.location.author,
  date: finding.location.date,
  inHead: finding.location.inHead,
  gitIgnored: finding.location.gitIgnored,
  untracked: finding.location.untracked,
  versions: finding.location.versions ?? null,
  vaultKey: finding.vaultKey,
  redactedSecret: finding.redactedSecret,
  snippet: finding.snippet,
  message: finding.message,
  suppressed: 'suppressed' in finding ? finding.suppressed : null,
})

/** Most severe first, then live before other before test; still in the files before history only; then by path and line. */
export const compareFindings = (left: ScanFinding, right: ScanFinding): number =>
  Number(left.suppressed !== null) - Number(right.suppressed !== null) ||
  SEVERITY_RANK[right.severity] - SEVERITY_RANK[left.severity] ||
  ENVIRONMENT_RANK[left.environment] - ENVIRONMENT_RANK[right.environment] ||
  Number(right.vaultKey !== null) - Number(left.vaultKey !== null) ||
  Number(right.inHead) - Number(left.inHead) ||
  left.path.localeCompare(right.path) ||
  left.line - right.line

export const toScanResults = (report: ScanReport, finishedAt: string, leakedKeys: number): ScanResults => {
  const all = [...report.findings, ...report.suppressed].map(toView).sort(compareFindings)
  return {
    folder: report.root,
    repository: report.repository,
    scopes: report.scopes,
    canceled: report.canceled,
    finishedAt,
    findings: all.slice(0, MAX_FINDINGS_SHOWN),
    notShown: Math.max(0, all.length - MAX_FINDINGS_SHOWN),
    problems: report.problems.map(({ code, subject, message }) => ({ code, subject, message })),
    skipped: report.skipped,
    stats: report.stats,
    leakedKeys,
  }
}
