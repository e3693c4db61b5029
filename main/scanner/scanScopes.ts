// The working tree and the index: which files each holds (git's listing, or a walk of a plain folder),
// handed to the workers in batches; and, for a scan without history, HEAD's blobs at the findings' paths.
import { lstatSync, realpathSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { listWorkTree, stagedEntries, type Repository } from './git'
import { isWithin } from './objectStore'
import type { ScanState } from './scanState'
import { walkFolder } from './workingTree'
import type { ScanPools } from './scanPools'

const FILE_BATCH = 64

const toPosix = (path: string): string => (sep === '/' ? path : path.split(sep).join('/'))

/** Whether `top` is a work tree the way git makes one (its own .git in it) and holds `root`. */
export const workTreeHolds = (top: string, root: string): boolean => {
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

export async function scanTree(
  root: string,
  repository: Repository | null,
  pools: ScanPools,
  state: ScanState,
): Promise<void> {
  state.progress.phase = 'tree'
  const base = repository?.top ?? root
  const realBase = realOrSame(base)
  const realRoot = realOrSame(root)
  // Each file once, with the marks of its first listing; a Map keeps the order files were listed in.
  const marks = new Map<string, { gitIgnored: boolean; untracked: boolean }>()
  const add = (path: string, gitIgnored: boolean, untracked: boolean) => {
    if (!marks.has(path)) marks.set(path, { gitIgnored, untracked })
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
  const files = [...marks.keys()]
  const selected = inside && inside !== '.' ? files.filter((path) => path.startsWith(`${inside}/`)) : files
  if (selected.length === 0) return
  const pool = await pools.forItems(selected.length)
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

export async function scanIndex(
  repository: Repository,
  pools: ScanPools,
  state: ScanState,
  head: Map<string, string>,
): Promise<void> {
  state.progress.phase = 'index'
  const staged = await stagedEntries(repository.top!, head)
  if (staged.length === 0) return
  const pool = await pools.forItems(staged.length)
  const results = await pool.run({ type: 'blobs', gitDirectory: repository.gitDirectory, blobs: staged }, staged.length)
  // Index hits are counted as files, not history blobs.
  state.take('index', results, () => ({ gitIgnored: false, untracked: false }))
}

/** Whether each HEAD blob a finding's path has holds the same secret, scanning HEAD blobs not seen yet. */
export async function addHeadHits(
  repository: Repository,
  pools: ScanPools,
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
  const pool = await pools.forItems(wanted.size)
  const { results } = await pool.run(
    { type: 'blobs', gitDirectory: repository.gitDirectory, blobs: [...wanted].map(([oid, path]) => ({ oid, path })) },
    wanted.size,
  )
  for (const result of results) if (result.oid) state.blobHits.set(result.oid, result.hits)
}
