// Hits into findings: one per secret and place (a history blob at each path it was added at, from the
// version that came first), with its provider, environment, severity and introducing commit, in order.
import { guessKey } from '../providers/index'
import type { CommitInfo, CommitsFound } from './gitCommits'
import { findRule, ruleConfidence, ruleTitle } from './ruleCatalog'
import type { HitRecord, ScanState } from './scanState'
import { exposureOf, findingSeverity, SEVERITY_RANK } from './severity'
import type { PreparedVault } from './vaultFingerprints'
import type { RawHit } from './detectionConfig'
import type { Finding, ScanOptions, SuppressedFinding } from './types'

const ENVIRONMENT_RANK = { live: 0, other: 1, test: 2 } as const
const KIND_RANK = { tree: 0, index: 1, history: 2 } as const

export function buildFindings(
  state: ScanState,
  vault: PreparedVault,
  adds: CommitsFound['adds'],
  head: Map<string, string>,
  ignored: ScanOptions['ignored'],
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const inHead = (path: string, secretFingerprint: string): boolean => {
    const oid = head.get(path)
    return (
      oid !== undefined && (state.blobHits.get(oid) ?? []).some((hit) => hit.secretFingerprint === secretFingerprint)
    )
  }
  // History: one finding per secret and path, from the version that came first. A blob is scanned once
  // but may have been added at several paths: each is a place of its own, with its own first commit.
  const groups = new Map<string, Array<{ record: HitRecord; info: CommitInfo | undefined }>>()
  const others: HitRecord[] = []
  for (const record of state.records) {
    if (record.kind !== 'history') {
      others.push(record)
      continue
    }
    const paths = new Map<string, CommitInfo | undefined>(record.oid ? adds.get(record.oid) : undefined)
    if (!paths.has(record.path)) paths.set(record.path, undefined)
    for (const [path, info] of paths) {
      const key = `${record.hit.secretFingerprint}\0${path}`
      const placed = { record: path === record.path ? record : { ...record, path }, info }
      const group = groups.get(key)
      if (group) group.push(placed)
      else groups.set(key, [placed])
    }
  }
  const chosen: Array<{ record: HitRecord; versions: number | undefined; introduced?: CommitInfo }> = others.map(
    (record) => ({ record, versions: undefined }),
  )
  // A secret in the working tree that HEAD holds at the same path is one finding, the tree's, told
  // with the commit that introduced it (rather than a second, history finding of the same line).
  const inTree = new Map(
    chosen
      .filter(({ record }) => record.kind === 'tree')
      .map((entry) => [`${entry.record.hit.secretFingerprint}\0${entry.record.path}`, entry]),
  )
  for (const [key, dated] of groups) {
    const time = (info: CommitInfo | undefined) => (info ? Date.parse(info.date) : Number.POSITIVE_INFINITY)
    dated.sort((left, right) => time(left.info) - time(right.info))
    const first = dated[0]!
    const versions = new Set(dated.map(({ record }) => record.oid)).size
    const treeEntry = inTree.get(key)
    if (treeEntry && inHead(first.record.path, first.record.hit.secretFingerprint)) {
      treeEntry.introduced = first.info
      treeEntry.versions = versions
      continue
    }
    chosen.push({ record: first.record, versions, introduced: first.info })
  }

  const findings: Finding[] = []
  const suppressed: SuppressedFinding[] = []
  for (const { record, versions, introduced } of chosen) {
    const { hit } = record
    const finding = toFinding(record, hit, vault, introduced ?? null, inHead(record.path, hit.secretFingerprint))
    if (versions !== undefined) finding.location.versions = versions
    const reason = hit.allowedInline ? 'inline_allow' : ignored?.get(finding.fingerprint)
    if (reason) suppressed.push({ ...finding, suppressed: reason })
    else findings.push(finding)
  }
  const order = (left: Finding, right: Finding) =>
    SEVERITY_RANK[right.severity] - SEVERITY_RANK[left.severity] ||
    Number(right.vaultKey !== null) - Number(left.vaultKey !== null) ||
    ENVIRONMENT_RANK[left.environment] - ENVIRONMENT_RANK[right.environment] ||
    KIND_RANK[left.location.kind] - KIND_RANK[right.location.kind] ||
    left.location.path.localeCompare(right.location.path) ||
    left.location.line - right.location.line
  findings.sort(order)
  suppressed.sort(order)
  return { findings, suppressed }
}

function toFinding(
  record: HitRecord,
  hit: RawHit,
  vault: PreparedVault,
  info: CommitInfo | null,
  inHead: boolean,
): Finding {
  const rule = findRule(hit.ruleId)
  const owner = hit.vaultEntry !== null ? vault.owners[hit.vaultEntry]?.[0] : undefined
  const variable = hit.variable ?? undefined
  const guess = guessKey(hit.knownPrefix, variable)
  const fromVariable = variable ? guessKey('', variable).provider : null
  const ruleProviders = rule?.providers ?? []
  let provider: string | null = owner?.provider ?? null
  let ambiguousWith: string[] = []
  if (!provider) {
    if (ruleProviders.length === 1) provider = ruleProviders[0]!
    else if (ruleProviders.length > 1) {
      provider =
        fromVariable && ruleProviders.includes(fromVariable) ? fromVariable : (guess.provider ?? ruleProviders[0]!)
      if (!(fromVariable && ruleProviders.includes(fromVariable)))
        ambiguousWith = ruleProviders.filter((id) => id !== provider)
    } else provider = guess.provider ?? fromVariable
  }
  const environment = owner?.environment ?? guess.environment
  const vaultKey = owner
    ? { keyId: owner.keyId, keyName: owner.keyName, version: owner.version, current: owner.current }
    : null
  const confidence = ruleConfidence(hit.ruleId)
  const exposure = exposureOf({ kind: record.kind, gitIgnored: record.gitIgnored, untracked: record.untracked })
  const severity = findingSeverity({ confidence, environment, vaultKey, exposure })
  const title = ruleTitle(hit.ruleId)
  const parts = [
    vaultKey
      ? `${title}: your vault's key "${vaultKey.keyName}"${vaultKey.current ? '' : ` (version ${vaultKey.version}, an older value)`}; rotate it.`
      : `${title}.`,
  ]
  if (ambiguousWith.length > 0 && rule?.note) parts.push(rule.note)
  return {
    fingerprint: hit.fingerprint,
    secretFingerprint: hit.secretFingerprint,
    ruleId: hit.ruleId,
    ruleTitle: title,
    provider,
    ambiguousWith,
    environment,
    confidence,
    severity,
    exposure,
    location: {
      kind: record.kind,
      path: record.path,
      line: hit.line,
      column: hit.column,
      commit: info?.commit ?? null,
      author: info?.author ?? null,
      date: info?.date ?? null,
      inHead,
      gitIgnored: record.gitIgnored,
      untracked: record.untracked,
    },
    vaultKey,
    redactedSecret: hit.redactedSecret,
    snippet: hit.snippet,
    message: parts.join(' '),
  }
}
