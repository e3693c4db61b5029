// The history's blobs as git lists them: `rev-list --objects` into `cat-file --batch-check` (the listing
// a scan falls back on when the commit walk cannot name them), cat-file's sizes for blobs named
// elsewhere, and the number of commits.
import { exitCodeOf, forEachLine, lastLine } from './git'
import { runGit, spawnGit } from './safeGit'

export interface HistoryBlob {
  oid: string
  path: string
  size: number
}

export interface HistoryListingEnd {
  /** Objects the walk could not find (damaged or partly cloned repository). */
  missing: string[]
  /** Objects the walk named that git cannot read. */
  unreadable: string[]
  /** Commits walked, when the listing saw them (not with the blob filter). */
  commits: number | null
  error: string | null
  /** The listing was stopped (canceled) before its end. */
  stopped: boolean
}

export interface HistoryListing {
  done: Promise<HistoryListingEnd>
  stop: () => void
}

const BLOB = Buffer.from(' blob ')
const MISSING = Buffer.from(' missing')
const COMMIT = Buffer.from(' commit ')

/**
 * Every blob reachable from any ref, once, with a path it has and its size: `git rev-list --objects
 * --all` piped straight (no JavaScript between them) into `git cat-file --batch-check`. With
 * `blobFilter` (git 2.32 and later) the walk prints blobs only, so cat-file checks a third of the
 * objects; without it, the commits it lists are counted. Streams: onBlob is called as the walk goes.
 */
export const listHistoryBlobs = (
  gitDirectory: string,
  onBlob: (blob: HistoryBlob) => void,
  { blobFilter }: { blobFilter: boolean },
): HistoryListing => {
  const filter = blobFilter ? ['--filter=object:type=blob', '--filter-provided-objects'] : []
  const revList = spawnGit(
    ['--git-dir', gitDirectory, 'rev-list', '--objects', '--all', '--missing=print', ...filter],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  // '?' lines (objects the walk could not find) come through as '?<id> missing'.
  const check = spawnGit(
    [
      '--git-dir',
      gitDirectory,
      'cat-file',
      '--batch-check=%(objectname) %(objecttype) %(objectsize) %(rest)',
      '--buffer',
    ],
    { stdio: [revList.stdout, 'pipe', 'pipe'] },
  )
  // cat-file holds the read end now; this process must not read from it.
  revList.stdout!.destroy()
  const missing: string[] = []
  const unreadable: string[] = []
  let commits = 0
  let stopped = false
  let revListError = ''
  let checkError = ''
  revList.stderr!.on('data', (chunk: Buffer) => (revListError = (revListError + chunk.toString('utf8')).slice(-4000)))
  check.stderr!.on('data', (chunk: Buffer) => (checkError = (checkError + chunk.toString('utf8')).slice(-4000)))
  const lines = forEachLine(check.stdout!, (chunk, start, end) => {
    const idEnd = chunk.indexOf(32, start)
    if (idEnd < 0 || idEnd >= end) return
    if (chunk[start] === 63 /* ? */) {
      missing.push(chunk.toString('latin1', start + 1, idEnd))
      return
    }
    if (chunk.compare(BLOB, 0, BLOB.length, idEnd, idEnd + BLOB.length) === 0) {
      const sizeEnd = chunk.indexOf(32, idEnd + BLOB.length)
      // A blob without a path is one a tag points at: left out, as it always was.
      if (sizeEnd < 0 || sizeEnd + 1 >= end) return
      onBlob({
        oid: chunk.toString('latin1', start, idEnd),
        size: Number(chunk.toString('latin1', idEnd + BLOB.length, sizeEnd)),
        path: chunk.toString('utf8', sizeEnd + 1, end),
      })
    } else if (chunk.compare(COMMIT, 0, COMMIT.length, idEnd, idEnd + COMMIT.length) === 0) {
      commits++
    } else if (end - idEnd === MISSING.length && chunk.compare(MISSING, 0, MISSING.length, idEnd, end) === 0) {
      // rev-list named it, so it is there: git cannot read it (a damaged object).
      unreadable.push(chunk.toString('latin1', start, idEnd))
    }
  })
  const done = Promise.all([exitCodeOf(revList), exitCodeOf(check), lines]).then(([revCode, checkCode]) => ({
    missing,
    unreadable,
    commits: blobFilter ? null : commits,
    stopped,
    error:
      revCode !== 0
        ? `git rev-list failed: ${lastLine(revListError)}`
        : checkCode !== 0
          ? `git cat-file failed: ${lastLine(checkError)}`
          : null,
  }))
  return {
    done,
    stop: () => {
      stopped = true
      revList.kill()
      check.kill()
    },
  }
}

export interface BlobCheck {
  /** Asks for a blob's type and size; answers come in the order asked. */
  add: (oid: string) => void
  /** No more to ask: resolves once every answer is in (with why cat-file failed, or null). */
  end: () => Promise<string | null>
  stop: () => void
}

/**
 * One `git cat-file --batch-check` for the blobs the commit walk names: `onAnswer` gets each one's size,
 * or null when git cannot give it (missing, damaged, or not a blob).
 */
export const checkBlobs = (gitDirectory: string, onAnswer: (size: number | null) => void): BlobCheck => {
  const check = spawnGit(
    ['--git-dir', gitDirectory, 'cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)', '--buffer'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let stderr = ''
  check.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)))
  check.stdin!.on('error', () => {})
  const lines = forEachLine(check.stdout!, (chunk, start, end) => {
    const idEnd = chunk.indexOf(32, start)
    if (idEnd < 0 || idEnd >= end) return
    if (chunk.compare(BLOB, 0, BLOB.length, idEnd, idEnd + BLOB.length) !== 0) return onAnswer(null)
    onAnswer(Number(chunk.toString('latin1', idEnd + BLOB.length, end)))
  })
  const exited = exitCodeOf(check)
  // Asked in one write a turn (the walk's lines come a 64 KiB chunk at a time), not one a blob.
  let asked = ''
  const flush = () => {
    if (asked) check.stdin!.write(asked)
    asked = ''
  }
  return {
    add: (oid) => {
      if (!asked) setImmediate(flush)
      asked += `${oid}\n`
    },
    end: () => {
      flush()
      check.stdin!.end()
      return Promise.all([exited, lines]).then(([code]) =>
        code === 0 ? null : `git cat-file failed: ${lastLine(stderr)}`,
      )
    },
    stop: () => check.kill(),
  }
}

export const countCommits = async (gitDirectory: string, signal?: AbortSignal): Promise<number> => {
  const result = await runGit(['--git-dir', gitDirectory, 'rev-list', '--all', '--count'], '/', { signal })
  return Number(result.stdout.toString('utf8').trim()) || 0
}
