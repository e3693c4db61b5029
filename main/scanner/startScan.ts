// One scan from start to report: find the repository, list what each scope covers, hand files and
// blobs to the workers in small batches (so progress and cancel stay prompt), then tie every history
// hit to the commit that introduced it and turn hits into findings. The workers start first, so their
// start-up overlaps git's answers.
import { randomBytes } from 'node:crypto'
import { lstatSync, realpathSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { KeywardError } from '../common/errors'
import { guessKey } from '../providers/index'
import { findRule, ruleConfidence, ruleTitle } from './ruleCatalog'
import { exposureOf, findingSeverity, SEVERITY_RANK } from './severity'
import { BlobDispatcher } from './blobDispatch'
import {
  commitsAddingBlobs,
  countCommits,
  findRepository,
  gitHasBlobTypeFilter,
  headTree,
  introducingCommits,
  listHistoryBlobs,
  listWorkTree,
  stagedEntries,
  type CommitInfo,
  type CommitLookup,
  type CommitsFound,
  type HistoryBlob,
  type Repository,
} from './git'
import { isWithin, objectsLeadingOutside } from './objectStore'
import { PACK_CACHE_TOTAL_BYTES } from './packedBlobs'
import { prepareScanSetup } from './scanSetup'
import type { PreparedVault } from './vaultFingerprints'
import { walkFolder } from './workingTree'
import { ScanWorkerPool, type JobOutcome } from './workerPool'
import type { RawHit } from './detectionConfig'
import type {
  Finding,
  LocationKind,
  ScanOptions,
  ScanProblem,
  ScanProgress,
  ScanReport,
  ScanScope,
  SkipCounts,
  SuppressedFinding,
} from './types'

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
const FILE_BATCH = 64
/** Share of the history's bytes scanned before the introducing-commit walk starts beside the scan. */
const EARLY_COMMIT_LOOKUP_SHARE = 2 / 3
const PROGRESS_INTERVAL_MS = 100

/** Paths git would store but nobody scans for keys (media, archives, fonts). */
const BINARY_EXTENSION =
  /\.(?:png|jpe?g|gif|bmp|ico|webp|avif|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|woff2?|ttf|otf|eot|mp[34]|mov|avi|mkv|webm|wav|flac|ogg|so|dylib|dll|exe|class|o|a|pyc|wasm)$/i

interface HitRecord {
  kind: LocationKind
  path: string
  oid: string | null
  hit: RawHit
  gitIgnored: boolean
  untracked: boolean
}

class ScanState {
  readonly problems: ScanProblem[] = []
  readonly skipped: SkipCounts = { binary: 0, large: 0, symlinks: 0, directories: 0, other: 0 }
  readonly records: HitRecord[] = []
  /** blob id → hits, for blobs scanned in history (inHead and dedup by version). */
  readonly blobHits = new Map<string, RawHit[]>()
  readonly progress: ScanProgress = { phase: 'listing', files: 0, blobs: 0, totalBlobs: null, bytes: 0, findings: 0 }
  private lastProgress = 0

  constructor(private readonly onProgress: ScanOptions['onProgress']) {}

  report(force = false): void {
    if (!this.onProgress) return
    const now = Date.now()
    if (!force && now - this.lastProgress < PROGRESS_INTERVAL_MS) return
    this.lastProgress = now
    this.onProgress({ ...this.progress })
  }

  take(
    kind: LocationKind,
    { summary, results }: JobOutcome,
    marks: (path: string) => { gitIgnored: boolean; untracked: boolean },
  ): void {
    if (kind === 'history') this.progress.blobs += summary.items
    else this.progress.files += summary.items
    this.progress.bytes += summary.bytes
    this.skipped.binary += summary.binary
    this.skipped.large += summary.large
    this.skipped.symlinks += summary.symlinks
    this.skipped.other += summary.other
    for (const result of results) {
      if (result.problem) this.problems.push(result.problem)
      if (kind === 'history' && result.oid && result.hits.length > 0) this.blobHits.set(result.oid, result.hits)
      if (result.hits.length === 0) continue
      const { gitIgnored, untracked } = marks(result.path)
      for (const hit of result.hits) {
        this.records.push({ kind, path: result.path, oid: result.oid, hit, gitIgnored, untracked })
        this.progress.findings++
      }
    }
    this.report()
  }
}

const toPosix = (path: string): string => (sep === '/' ? path : path.split(sep).join('/'))

const resolveScopes = (scopes: ScanOptions['scopes']): Record<ScanScope, boolean> => ({
  tree: scopes?.tree ?? true,
  index: scopes?.index ?? true,
  history: scopes?.history ?? true,
})

/** The folder a scan would start from, absolute; refused when it is missing or a file. */
export const checkScanRoot = (root: string): string => {
  const absolute = resolve(root)
  let stats
  try {
    stats = statSync(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new KeywardError('not_found', `There is no folder at ${absolute}. Choose a folder that exists.`)
    throw new KeywardError('io_error', `Cannot open ${absolute} (${code ?? 'unknown error'}).`)
  }
  if (!stats.isDirectory())
    throw new KeywardError('invalid_argument', `${absolute} is a file, not a folder. Choose the folder to scan.`)
  return absolute
}

/** Runs one scan. Never rejects for a bad file or object (those are report problems); canceling resolves with what was found. */
export const startScan = async (options: ScanOptions): Promise<ScanReport> => {
  const started = Date.now()
  const root = checkScanRoot(options.root)
  const scopes = resolveScopes(options.scopes)
  const state = new ScanState(options.onProgress)
  const fingerprintKey = options.fingerprintKey ?? randomBytes(32)
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), 4), 8))
  const packCacheBytes = options.readPacks === false ? null : Math.floor(PACK_CACHE_TOTAL_BYTES / threads)
  const { vault, init } = prepareScanSetup(options.vaultValues ?? [], fingerprintKey, maxFileBytes, packCacheBytes)
  const pool = new ScanWorkerPool(threads, init)
  const stops: Array<() => void> = []
  let canceled = false
  const onAbort = () => {
    canceled = true
    for (const stop of stops) stop()
    void pool.terminate()
  }
  if (options.signal?.aborted) onAbort()
  else options.signal?.addEventListener('abort', onAbort, { once: true })

  // Asked now, answered while rev-parse runs: which listing this git can do.
  const blobFilter = scopes.history ? gitHasBlobTypeFilter() : Promise.resolve(false)
  const { repository, refusal } = await findRepository(root)
  // core.worktree can put the work tree anywhere: then this folder is scanned as a plain one.
  if (repository?.top && !workTreeHolds(repository.top, root)) {
    state.problems.push({
      code: 'worktree_elsewhere',
      subject: root,
      message: `This repository's config (core.worktree) puts its work tree at ${repository.top}, not around this folder: this folder's files were scanned as a plain folder, its staged files were not; its history was.`,
    })
    repository.top = null
  }
  if (refusal) {
    state.problems.push({
      code: 'repository_refused',
      subject: root,
      message: `git would not open this repository (${refusal}): its files were scanned as a plain folder, not its index or history. Scan a clone you own to cover them.`,
    })
  } else if (!repository && (scopes.index || scopes.history)) {
    state.problems.push({
      code: 'not_a_repository',
      subject: root,
      message: 'This folder is not in a git repository: its files were scanned, there is no index or history to scan.',
    })
  }
  // Objects that lead outside the repository are never read: not its index, HEAD or history then.
  const outsideObjects = repository ? objectsLeadingOutside(repository.commonDirectory) : []
  const readsObjects = repository !== null && outsideObjects.length === 0
  if (outsideObjects.length > 0) {
    state.problems.push({
      code: 'objects_outside',
      subject: repository!.commonDirectory,
      message: `This repository takes objects from outside itself (${outsideObjects.slice(0, 3).join('; ')}${outsideObjects.length > 3 ? `; ${outsideObjects.length - 3} more` : ''}): they were not read, so its index and history were not scanned. To scan them, run git repack -a -d in it and remove objects/info/alternates and the links, or scan a fresh clone.`,
    })
  }
  state.problems.push(...vault.problems)

  let history: HistoryScan | null = null
  // HEAD's tree is needed by the index scope and at the end; it is listed while the tree is scanned.
  const headListing =
    readsObjects && repository?.top ? headTree(repository.top) : Promise.resolve(new Map<string, string>())
  try {
    if (scopes.tree && !canceled) await scanTree(root, repository, pool, state)
    if (scopes.index && readsObjects && repository?.top && !canceled)
      await scanIndex(repository, pool, state, await headListing)
    if (scopes.history && readsObjects && repository && !canceled)
      history = await scanHistory(repository, pool, state, maxFileBytes, stops, await blobFilter)
    // Without history, HEAD's blobs at the findings' paths are scanned to tell what is still there.
    if (!scopes.history && readsObjects && repository && !canceled)
      await addHeadHits(repository, pool, state, await headListing)
  } catch (error) {
    if (!canceled) {
      for (const stop of stops) stop()
      await pool.terminate()
      throw error
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
  }
  if (!canceled) await pool.close()
  const head = await headListing

  let commitInfo: CommitsFound['adds'] = new Map()
  let commits = 0
  if (repository && readsObjects && !canceled) {
    state.progress.phase = 'commits'
    state.report(true)
    const wanted = historyOids(state)
    // The walk started early kept every blob that had hits or was still to be scanned: it holds them all.
    const early = history?.early ?? null
    const lookup = async (): Promise<CommitsFound | null> => {
      if (wanted.size === 0) return null
      const answer = early ? await early.done : null
      return answer && !answer.error ? answer : introducingCommits(repository.gitDirectory, wanted)
    }
    const [found, counted] = await Promise.all([lookup(), history === null ? 0 : history.commits])
    commitInfo = found?.adds ?? commitInfo
    commits = counted ?? found?.commitCount ?? 0
    if (found?.error)
      state.problems.push({
        code: 'git_failed',
        subject: 'history',
        message: `${found.error}: commits are missing from some findings.`,
      })
  }

  const { findings, suppressed } = buildFindings(state, vault, commitInfo, head, options.ignored)
  state.progress.phase = 'done'
  state.report(true)
  return {
    root,
    repository: repository ? (repository.top ?? repository.gitDirectory) : null,
    scopes,
    canceled,
    findings,
    suppressed,
    problems: state.problems,
    skipped: state.skipped,
    stats: {
      files: state.progress.files,
      blobs: state.progress.blobs,
      bytes: state.progress.bytes,
      commits,
      durationMs: Date.now() - started,
    },
  }
}

/** Whether `top` is a work tree the way git makes one (its own .git in it) and holds `root`. */
const workTreeHolds = (top: string, root: string): boolean => {
  try {
    lstatSync(join(top, '.git'))
  } catch {
    return false
  }
  return isWithin(realOrSame(root), realOrSame(top))
}

/** A folder's real path, or the path as given when it has none (it is gone). */
const realOrSame = (path: string): string => {
  try {
    return realpathSync.native(path)
  } catch {
    return path
  }
}

async function scanTree(
  root: string,
  repository: Repository | null,
  pool: ScanWorkerPool,
  state: ScanState,
): Promise<void> {
  state.progress.phase = 'tree'
  const base = repository?.top ?? root
  const realBase = realOrSame(base)
  const realRoot = realOrSame(root)
  const marks = new Map<string, { gitIgnored: boolean; untracked: boolean }>()
  const files: string[] = []
  const add = (path: string, gitIgnored: boolean, untracked: boolean) => {
    if (marks.has(path)) return
    marks.set(path, { gitIgnored, untracked })
    files.push(path)
  }
  if (repository?.top) {
    const listing = await listWorkTree(repository.top)
    listing.tracked.forEach((path) => add(path, false, false))
    listing.untracked.forEach((path) => add(path, false, true))
    for (const path of listing.ignored) {
      if (!path.endsWith('/')) {
        add(path, true, true)
        continue
      }
      const walked = walkFolder(base, join(base, path), true)
      state.skipped.directories += walked.skippedDirectories
      walked.files.forEach((file) => add(file, true, true))
    }
  } else {
    const walked = walkFolder(base, base, true)
    state.skipped.directories += walked.skippedDirectories
    for (const entry of walked.unreadable)
      state.problems.push({
        code: 'unreadable',
        subject: entry.path,
        message: `Could not read this folder (${entry.reason}): skipped.`,
      })
    walked.files.forEach((file) => add(file, false, false))
  }
  // A root inside a work tree scans that folder only.
  const inside = toPosix(relative(base, root))
  const selected = inside && inside !== '.' ? files.filter((path) => path.startsWith(`${inside}/`)) : files
  const jobs: Promise<void>[] = []
  for (let index = 0; index < selected.length; index += FILE_BATCH) {
    const batch = selected.slice(index, index + FILE_BATCH)
    jobs.push(
      pool
        .run(
          { type: 'files', realBase, realRoot, files: batch.map((path) => ({ path, absolutePath: join(base, path) })) },
          batch.length,
        )
        .then((results) =>
          state.take('tree', results, (path) => marks.get(path) ?? { gitIgnored: false, untracked: false }),
        ),
    )
  }
  await Promise.all(jobs)
}

async function scanIndex(
  repository: Repository,
  pool: ScanWorkerPool,
  state: ScanState,
  head: Map<string, string>,
): Promise<void> {
  state.progress.phase = 'index'
  const staged = await stagedEntries(repository.top!, head)
  if (staged.length === 0) return
  const results = await pool.run({ type: 'blobs', gitDirectory: repository.gitDirectory, blobs: staged }, staged.length)
  // Index hits are counted as files, not history blobs.
  state.take('index', results, () => ({ gitIgnored: false, untracked: false }))
}

interface HistoryScan {
  /**
   * How many commits the history has: counted as the listing went, or by a walk started when it ended;
   * null when the walk for introducing commits counts them (there were hits by then, so it will run).
   */
  commits: Promise<number> | null
  /**
   * The introducing-commit walk started before the scan ended: it keeps the adds of every blob with hits
   * or not scanned yet when the walk passes it, so it holds every blob that ends with hits.
   */
  early: CommitLookup | null
}

/** Scans every blob of every ref. */
async function scanHistory(
  repository: Repository,
  pool: ScanWorkerPool,
  state: ScanState,
  maxFileBytes: number,
  stops: Array<() => void>,
  blobFilter: boolean,
): Promise<HistoryScan> {
  state.progress.phase = 'history'
  let listed = 0
  let listedBytes = 0
  let listingEnded = false
  let scannedBytes = 0
  const scan: HistoryScan = { commits: Promise.resolve(0), early: null }
  // Once most of the history is scanned (and something was found), the walk for introducing commits starts
  // beside the rest of the scan. A blob's hits are known for good once it is scanned, so the walk keeps a
  // blob's adds when it has hits or is still to be scanned as the walk passes it: exact, and never run
  // again at the end (it was whenever a blob got its first hit after the walk started: the whole walk
  // alone after the scan, 2-4 s on eslint/eslint).
  const lookAhead = () => {
    if (scan.early || !listingEnded || scannedBytes < EARLY_COMMIT_LOOKUP_SHARE * listedBytes) return
    if (state.blobHits.size === 0) return
    const lookup = commitsAddingBlobs(
      repository.gitDirectory,
      (oid) => state.blobHits.has(oid) || dispatcher.waiting(oid),
    )
    stops.push(lookup.stop)
    scan.early = lookup
  }
  const dispatcher = new BlobDispatcher(pool, repository.gitDirectory, (outcome) => {
    scannedBytes += outcome.summary.bytes
    state.take('history', outcome, () => ({ gitIgnored: false, untracked: false }))
    lookAhead()
  })
  const onBlob = (blob: HistoryBlob) => {
    listed++
    if (blob.size > maxFileBytes) {
      state.skipped.large++
      state.progress.blobs++
      return
    }
    if (BINARY_EXTENSION.test(blob.path)) {
      state.skipped.binary++
      state.progress.blobs++
      return
    }
    listedBytes += blob.size
    dispatcher.add(blob)
  }
  const listing = listHistoryBlobs(repository.gitDirectory, onBlob, { blobFilter })
  stops.push(listing.stop)
  const ended = await listing.done
  listingEnded = true
  // The count walks every commit: now, while the scan goes on, rather than alone at the end; with hits
  // already, the walk for their introducing commits counts instead.
  if (ended.stopped) scan.commits = Promise.resolve(0)
  else if (ended.commits === null && historyOids(state).size > 0) scan.commits = null
  else if (ended.commits === null) {
    const counting = new AbortController()
    stops.push(() => counting.abort())
    scan.commits = countCommits(repository.gitDirectory, counting.signal)
  } else scan.commits = Promise.resolve(ended.commits)
  state.progress.totalBlobs = listed
  for (const oid of ended.missing) {
    state.problems.push({
      code: 'missing_object',
      subject: oid,
      message: 'This object is missing from the repository (damaged or partly cloned): it was not scanned.',
    })
  }
  for (const oid of ended.unreadable) {
    state.problems.push({
      code: 'corrupt_object',
      subject: oid,
      message: 'Git cannot read this object (it is damaged): it was not scanned.',
    })
  }
  if (ended.error)
    state.problems.push({
      code: 'git_failed',
      subject: 'history',
      message: `${ended.error}: the history was scanned only in part.`,
    })
  lookAhead()
  await dispatcher.finish()
  return scan
}

/** The history blobs with hits. */
const historyOids = (state: ScanState): Set<string> => {
  const oids = new Set<string>()
  for (const record of state.records) if (record.kind === 'history' && record.oid) oids.add(record.oid)
  return oids
}

/** Whether each HEAD blob a finding's path has holds the same secret, scanning HEAD blobs not seen yet. */
async function addHeadHits(
  repository: Repository,
  pool: ScanWorkerPool,
  state: ScanState,
  head: Map<string, string>,
): Promise<void> {
  if (head.size === 0) return
  const wanted = new Map<string, string>()
  for (const record of state.records) {
    const oid = head.get(record.path)
    if (oid && !state.blobHits.has(oid)) wanted.set(oid, record.path)
  }
  if (wanted.size === 0) return
  const { results } = await pool.run(
    { type: 'blobs', gitDirectory: repository.gitDirectory, blobs: [...wanted].map(([oid, path]) => ({ oid, path })) },
    wanted.size,
  )
  for (const result of results) if (result.oid) state.blobHits.set(result.oid, result.hits)
}

const ENVIRONMENT_RANK = { live: 0, other: 1, test: 2 } as const
const KIND_RANK = { tree: 0, index: 1, history: 2 } as const

function buildFindings(
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
      groups.set(key, [...(groups.get(key) ?? []), placed])
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
