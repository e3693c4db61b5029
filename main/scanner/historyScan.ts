// The history scope: every blob of every ref, named by one walk over the commits (which also finds the
// commits that introduced them) and dealt to the workers.
import { BlobDispatcher } from './blobDispatch'
import { walkCommitAdds, type CommitInfo, type CommitLookup, type CommitsFound, type CommitWalk } from './gitCommits'
import { checkBlobs, countCommits, listHistoryBlobs, type HistoryBlob } from './gitHistory'
import type { Repository } from './git'
import type { ScanState } from './scanState'
import type { ScanPool } from './workerPool'

/** Paths git would store but nobody scans for keys (media, archives, fonts). */
const BINARY_EXTENSION =
  /\.(?:png|jpe?g|gif|bmp|ico|webp|avif|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|woff2?|ttf|otf|eot|mp[34]|mov|avi|mkv|webm|wav|flac|ogg|so|dylib|dll|exe|class|o|a|pyc|wasm)$/i
export interface HistoryScan {
  /** How many commits the history has: the walk's count, or, when the walk failed, the listing's. */
  commits: Promise<number>
  /**
   * Every path each blob with hits was added at, with its commit, from the walk that listed the blobs;
   * null when that walk failed (the commits are then looked up again at the end).
   */
  early: CommitLookup | null
}

/**
 * Blobs named and not scanned yet above which the walk waits on its pipe: it names blobs faster than
 * they are scanned, and each waiting blob holds its adds and its place in a queue, so a history of
 * millions of blobs would otherwise sit in the main thread at once. On eslint/eslint the walk runs up to
 * 20,000-50,000 blobs ahead; a window of 4,000 made the scan 0.7-1 s longer (git's work then came late,
 * beside the workers') for no less peak memory, so the bound is well above what a history like it needs.
 */
export const WAITING_HIGH = 50_000

/** A blob the walk named whose size is asked or which is still to be scanned: its adds are kept. */
const KEPT = 0
/** A blob scanned without hits, skipped or unreadable: its adds are dropped and no more are kept. */
const DROPPED = 1
type BlobState = typeof KEPT | typeof DROPPED

/**
 * A kept blob's adds: its one add while it has one (most blobs are added at one path), a map of its
 * paths from the second on. Each lives until its blob is scanned, long enough to survive a collection
 * of the main thread's young generation, and what survives there is what makes V8 grow it (to 64 MiB on
 * eslint/eslint's history): a pair is about 150 bytes less than a map.
 */
type KeptAdds = { path: string; commit: CommitInfo } | Map<string, CommitInfo>

/**
 * The blobs the walk has named: whose adds are kept, and how many wait to be scanned (the walk waits
 * on its pipe from `high` on, and goes on at half of it).
 */
export class NamedBlobs {
  readonly states = new Map<string, BlobState>()
  private readonly kept = new Map<string, KeptAdds>()
  walk: Pick<CommitWalk, 'pause' | 'resume'> | null = null
  private waiting = 0
  private paused = false
  private readonly high: number

  constructor(high = WAITING_HIGH) {
    this.high = high
  }

  /** Notes that `commit` added the blob at a path; the path when the blob is new (its size is to be asked). */
  add(oid: string, readPath: () => string, commit: CommitInfo): string | null {
    const known = this.states.get(oid)
    if (known === DROPPED) return null
    const path = readPath()
    this.keep(oid, path, commit)
    if (known !== undefined) return null
    this.states.set(oid, KEPT)
    if (++this.waiting >= this.high && !this.paused) {
      this.paused = true
      this.walk?.pause()
    }
    return path
  }

  /** As addTo: the last call for a path (the oldest commit) stays; the paths in the order first seen. */
  private keep(oid: string, path: string, commit: CommitInfo): void {
    const adds = this.kept.get(oid)
    if (adds === undefined) this.kept.set(oid, { path, commit })
    else if (adds instanceof Map) adds.set(path, commit)
    else if (adds.path === path) adds.commit = commit
    else
      this.kept.set(
        oid,
        new Map([
          [adds.path, adds.commit],
          [path, commit],
        ]),
      )
  }

  /** Every kept blob's adds (once the scan is over, the blobs with hits'), as the findings take them. */
  get adds(): CommitsFound['adds'] {
    const adds: CommitsFound['adds'] = new Map()
    for (const [oid, kept] of this.kept) adds.set(oid, kept instanceof Map ? kept : new Map([[kept.path, kept.commit]]))
    return adds
  }

  /** The blob was scanned without hits, or will not be scanned: its adds go. */
  drop(oid: string): void {
    this.states.set(oid, DROPPED)
    this.kept.delete(oid)
  }

  /** `count` blobs are scanned or set aside. */
  settle(count: number): void {
    this.waiting -= count
    if (this.paused && this.waiting <= this.high / 2) {
      this.paused = false
      this.walk?.resume()
    }
  }
}

/** Counts a listed blob into the progress and scans it, unless it is too large or a binary kind by its name; false when not. */
const admitBlob = (blob: HistoryBlob, state: ScanState, maxFileBytes: number, dispatcher: BlobDispatcher): boolean => {
  if (blob.size > maxFileBytes) {
    state.skipped.large++
    state.progress.blobs++
    return false
  }
  if (BINARY_EXTENSION.test(blob.path)) {
    state.skipped.binary++
    state.progress.blobs++
    return false
  }
  dispatcher.add(blob)
  return true
}

/**
 * Scans every blob of every ref. One walk over every commit (walkCommitAdds) names the blobs and, at
 * once, each commit that added one at a path: the listing and the introducing commits of its hits in
 * one pass over the history's trees, where a listing (`rev-list --objects`) and a second walk for the
 * commits had read them twice (on eslint/eslint 1.0 and 1.7 CPU-s, against 1.9 for the one walk; and
 * the second walk, which could only start once there were hits, often ran on alone after the scan).
 * A blob's adds are kept until it is scanned: dropped then unless it has hits, so the walk holds only
 * the adds of blobs not scanned yet. cat-file tells each new blob's size as the walk goes. Where the
 * walk fails (a damaged history) or cat-file cannot give a blob, `rev-list --objects` lists the history
 * as before, for the blobs not named yet and to tell missing objects from damaged ones.
 */
export async function scanHistory(
  repository: Repository,
  pool: ScanPool,
  state: ScanState,
  maxFileBytes: number,
  stops: Array<() => void>,
  blobFilter: boolean,
): Promise<HistoryScan> {
  state.progress.phase = 'history'
  const gitDirectory = repository.gitDirectory
  let listed = 0
  let stopped = false
  stops.push(() => (stopped = true))
  const named = new NamedBlobs()
  const dispatcher = new BlobDispatcher(pool, gitDirectory, (outcome, batch) => {
    state.take('history', outcome, () => ({ gitIgnored: false, untracked: false }))
    for (const { oid } of batch) if (!state.blobHits.has(oid)) named.drop(oid)
    named.settle(batch.length)
  })
  // Blobs whose size is asked, in the order asked (a moving start instead of shift()).
  let asked: Array<{ oid: string; path: string }> = []
  let askedHead = 0
  let unanswered = 0
  const check = checkBlobs(gitDirectory, (size) => {
    const blob = asked[askedHead++]
    // Answered ones go: the walk asks faster than cat-file answers, so the queue is seldom empty.
    if (askedHead === asked.length) {
      asked = []
      askedHead = 0
    } else if (askedHead >= 4096) {
      asked = asked.slice(askedHead)
      askedHead = 0
    }
    if (!blob) return
    if (size === null) unanswered++
    else listed++
    if (size === null || !admitBlob({ ...blob, size }, state, maxFileBytes, dispatcher)) {
      named.drop(blob.oid)
      named.settle(1)
    }
  })
  const walk = walkCommitAdds(gitDirectory, (oid, readPath, commit) => {
    const path = named.add(oid, readPath, commit)
    if (path === null) return
    asked.push({ oid, path })
    check.add(oid)
  })
  named.walk = walk
  stops.push(walk.stop, check.stop)
  dispatcher.onFailure(walk.stop)
  const walked = await walk.done
  const checkError = await check.end()
  let commits = Promise.resolve(walked.commitCount)
  if ((walked.error || checkError || unanswered > 0) && !stopped) {
    const ended = await listWithRevList(gitDirectory, named.states, stops, state, blobFilter, (blob) => {
      listed++
      admitBlob(blob, state, maxFileBytes, dispatcher)
    })
    if (walked.error) commits = ended.commits
  }
  state.progress.totalBlobs = listed
  await dispatcher.finish()
  const early = walked.error ? null : { done: Promise.resolve({ adds: named.adds, ...walked }), stop: () => {} }
  return { commits, early }
}

/**
 * The listing as it was before the walk named the blobs: `rev-list --objects` for every blob the walk
 * did not name, with the objects it could not find or git could not read reported as problems.
 */
async function listWithRevList(
  gitDirectory: string,
  named: Map<string, BlobState>,
  stops: Array<() => void>,
  state: ScanState,
  blobFilter: boolean,
  onBlob: (blob: HistoryBlob) => void,
): Promise<{ commits: Promise<number> }> {
  const listing = listHistoryBlobs(
    gitDirectory,
    (blob) => {
      if (named.has(blob.oid)) return
      named.set(blob.oid, KEPT)
      onBlob(blob)
    },
    { blobFilter },
  )
  stops.push(listing.stop)
  const ended = await listing.done
  let commits = Promise.resolve(ended.commits ?? 0)
  if (ended.commits === null && !ended.stopped) {
    const counting = new AbortController()
    stops.push(() => counting.abort())
    commits = countCommits(gitDirectory, counting.signal)
  }
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
  return { commits }
}
