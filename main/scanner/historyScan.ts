// The history scope: every blob of every ref, listed by git and dealt to the workers, with the walk for
// the commits that introduced the blobs with hits started beside the scan's last third.
import { BlobDispatcher } from './blobDispatch'
import {
  commitsAddingBlobs,
  countCommits,
  listHistoryBlobs,
  type CommitLookup,
  type HistoryBlob,
  type Repository,
} from './git'
import { historyOids, type ScanState } from './scanState'
import type { ScanWorkerPool } from './workerPool'

/** Share of the history's bytes scanned before the introducing-commit walk starts beside the scan. */
const EARLY_COMMIT_LOOKUP_SHARE = 2 / 3

/** Paths git would store but nobody scans for keys (media, archives, fonts). */
const BINARY_EXTENSION =
  /\.(?:png|jpe?g|gif|bmp|ico|webp|avif|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|woff2?|ttf|otf|eot|mp[34]|mov|avi|mkv|webm|wav|flac|ogg|so|dylib|dll|exe|class|o|a|pyc|wasm)$/i
export interface HistoryScan {
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
export async function scanHistory(
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
