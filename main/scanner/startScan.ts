// One scan from start to report: find the repository, list what each scope covers, hand files and
// blobs to the workers in small batches (so progress and cancel stay prompt), then tie every history
// hit to the commit that introduced it and turn hits into findings. The workers start first, so their
// start-up overlaps git's answers.
import { randomBytes } from 'node:crypto'
import { statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { KeywardError } from '../common/errors'
import { buildFindings } from './buildFindings'
import { findRepository, gitHasBlobTypeFilter, headTree, type Repository } from './git'
import { introducingCommits, type CommitsFound } from './gitCommits'
import { scanHistory, type HistoryScan } from './historyScan'
import { objectsLeadingOutside } from './objectStore'
import { PACK_CACHE_TOTAL_BYTES } from './packedBlobs'
import { prepareScanSetup } from './scanSetup'
import { addHeadHits, scanIndex, scanTree, workTreeHolds } from './scanScopes'
import { historyOids, ScanState } from './scanState'
import { ScanPools } from './scanPools'
import type { ScanOptions, ScanReport, ScanScope } from './types'

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024

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
  const pools = new ScanPools(threads, init)
  // A history scan needs the workers: started first, so that their start overlaps git's first answers.
  if (scopes.history) pools.workers()
  const stops: Array<() => void> = []
  let canceled = false
  const onAbort = () => {
    canceled = true
    for (const stop of stops) stop()
    void pools.terminate()
  }
  if (options.signal?.aborted) onAbort()
  else options.signal?.addEventListener('abort', onAbort, { once: true })

  // Asked now, answered while rev-parse runs: which listing this git can do.
  const blobFilter = scopes.history ? gitHasBlobTypeFilter() : Promise.resolve(false)
  const { repository, readsObjects } = await openRepository(root, scopes, state)
  state.problems.push(...vault.problems)

  let history: HistoryScan | null = null
  // HEAD's tree is needed by the index scope and at the end; it is listed while the tree is scanned.
  const headListing =
    readsObjects && repository?.top ? headTree(repository.top) : Promise.resolve(new Map<string, string>())
  try {
    if (scopes.tree && !canceled) await scanTree(root, repository, pools, state)
    if (scopes.index && readsObjects && repository?.top && !canceled)
      await scanIndex(repository, pools, state, await headListing)
    if (scopes.history && readsObjects && repository && !canceled)
      history = await scanHistory(repository, pools.workers(), state, maxFileBytes, stops, await blobFilter)
    // Without history, HEAD's blobs at the findings' paths are scanned to tell what is still there.
    if (!scopes.history && readsObjects && repository && !canceled)
      await addHeadHits(repository, pools, state, await headListing)
  } catch (error) {
    if (!canceled) {
      for (const stop of stops) stop()
      await pools.terminate()
      throw error
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
  }
  if (!canceled) await pools.close()
  const head = await headListing

  const { adds, commits } =
    repository && readsObjects && !canceled
      ? await lookUpCommits(repository, history, state)
      : { adds: new Map() as CommitsFound['adds'], commits: 0 }

  const { findings, suppressed } = buildFindings(state, vault, adds, head, options.ignored)
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

/**
 * The repository around `root`, with a problem for each part of it that will not be scanned (another
 * user's, a work tree elsewhere, objects from outside it); whether its objects are read.
 */
async function openRepository(
  root: string,
  scopes: Record<ScanScope, boolean>,
  state: ScanState,
): Promise<{ repository: Repository | null; readsObjects: boolean }> {
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
  return { repository, readsObjects }
}

/** The commits that introduced the history's hits, and how many commits the history has. */
async function lookUpCommits(
  repository: Repository,
  history: HistoryScan | null,
  state: ScanState,
): Promise<{ adds: CommitsFound['adds']; commits: number }> {
  state.progress.phase = 'commits'
  state.report(true)
  const wanted = historyOids(state)
  // The walk that named the blobs kept the adds of every blob until it was scanned: it holds every hit's.
  const early = history?.early ?? null
  const lookup = async (): Promise<CommitsFound | null> => {
    if (wanted.size === 0) return null
    const answer = early ? await early.done : null
    return answer && !answer.error ? answer : introducingCommits(repository.gitDirectory, wanted)
  }
  const [found, counted] = await Promise.all([lookup(), history === null ? 0 : history.commits])
  if (found?.error)
    state.problems.push({
      code: 'git_failed',
      subject: 'history',
      message: `${found.error}: commits are missing from some findings.`,
    })
  return { adds: found?.adds ?? new Map(), commits: counted ?? found?.commitCount ?? 0 }
}
