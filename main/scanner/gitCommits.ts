// The commits that brought each blob in, at each of its paths: one `git log --raw` over every commit of
// every ref, read as bytes.
import { exitCodeOf, forEachLine, lastLine } from './git'
import { spawnGit } from './safeGit'

const COLON = 0x3a
const TAB = 9
const SPACE = 32

export interface CommitInfo {
  commit: string
  author: string
  date: string
}

export interface CommitsFound {
  /** Blob id → each path it was added at → the first commit to add it there. */
  adds: Map<string, Map<string, CommitInfo>>
  /** Every commit on every ref: the walk lists each one, touching the paths or not. */
  commitCount: number
  error: string | null
}

export interface CommitLookup {
  done: Promise<CommitsFound>
  stop: () => void
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '"': 34, '\\': 92 }

/**
 * A path as git log prints it: as is, or, when it holds a quote, a backslash or a control character
 * (a tab, a newline), C-quoted in double quotes with octal escapes for the bytes.
 */
export const unquotePath = (printed: string): string => {
  if (!printed.startsWith('"') || !printed.endsWith('"') || printed.length < 2) return printed
  const bytes: number[] = []
  const body = Buffer.from(printed.slice(1, -1), 'utf8')
  for (let index = 0; index < body.length; index++) {
    const byte = body[index]!
    if (byte !== 92 || index + 1 >= body.length) {
      bytes.push(byte)
      continue
    }
    const next = String.fromCharCode(body[++index]!)
    if (next >= '0' && next <= '7') {
      bytes.push(parseInt(body.toString('latin1', index, index + 3), 8))
      index += 2
    } else bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0))
  }
  return Buffer.from(bytes).toString('utf8')
}

export interface CommitWalk {
  /** How many commits were walked, and why the walk failed (null when it did not). */
  done: Promise<{ commitCount: number; error: string | null }>
  /** Stops reading git's output for now (git waits on the pipe), and goes on. */
  pause: () => void
  resume: () => void
  stop: () => void
}

const ZERO_OID = '0'.repeat(40)
const GITLINK_MODE = Buffer.from('160000')

/**
 * Where a raw line (`:<mode> <mode> <old> <new> <status>\t<path>`; for a merge with -c, a colon, a mode
 * and an old id a parent) has the commit's blob id, and its tab; null when it names no blob of this
 * repository (a submodule's commit) or is not such a line.
 */
const newBlobIn = (
  chunk: Buffer,
  start: number,
  end: number,
): { idStart: number; idEnd: number; tab: number } | null => {
  let parents = 0
  while (start + parents < end && chunk[start + parents] === COLON) parents++
  let tab = chunk.indexOf(TAB, start)
  if (tab < 0 || tab > end) tab = end
  // The fields are the modes (one a parent, then the commit's), the ids (the same) and the status: the
  // commit's mode is field `parents`, its id field `2 * parents + 1`.
  let fieldStart = start + parents
  let modeStart = -1
  for (let field = 0; field < 2 * parents + 1 && fieldStart >= 0; field++) {
    fieldStart = chunk.indexOf(SPACE, fieldStart) + 1
    if (fieldStart <= 0 || fieldStart >= tab) fieldStart = -1
    if (field === parents - 1) modeStart = fieldStart
  }
  if (fieldStart < 0 || fieldStart >= tab) return null
  let idEnd = chunk.indexOf(SPACE, fieldStart)
  if (idEnd < 0 || idEnd > tab) idEnd = tab
  if (modeStart >= 0 && chunk.compare(GITLINK_MODE, 0, GITLINK_MODE.length, modeStart, modeStart + 6) === 0) return null
  return { idStart: fieldStart, idEnd, tab }
}

/**
 * Every blob each commit of every ref brought in, with its path: one `git log --all --raw -c` (each
 * commit against its parent; a merge, with `-c`, only at the paths where it differs from every parent,
 * so a blob first made by a merge is there too; a root commit against nothing). Together that is every
 * blob of every ref's history, each at every path it was added at. Log lists newest first, so the last
 * commit seen adding a blob at a path is the first to have it there. With `--full-history --sparse` the
 * walk follows every parent of a merge and lists every commit, so it counts them too. `onAdd` gets the
 * blob's id and a function for its path (made a string only when asked for).
 */
export const walkCommitAdds = (
  gitDirectory: string,
  onAdd: (oid: string, readPath: () => string, commit: CommitInfo) => void,
): CommitWalk => {
  const args = [
    '-c',
    'core.quotePath=false',
    '--git-dir',
    gitDirectory,
    'log',
    // A signed commit runs gpg.program when signatures are shown; --raw shows no diff, so these are moot
    // for external diffs and textconv, and say so to git too.
    '--no-show-signature',
    '--no-ext-diff',
    '--no-textconv',
    '--all',
    '--full-history',
    '--sparse',
    '--root',
    '--raw',
    '-c',
    '--no-abbrev',
    '--no-renames',
    '--format=%x00%H%x09%an <%ae>%x09%aI',
  ]
  const child = spawnGit(args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let commitCount = 0
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)))
  let current: CommitInfo | null = null
  // Read as bytes: of a line that changes a path (`:<mode> <mode> <old> <new> <status>\t<path>`, and for
  // a merge `::<mode> <mode> <mode> <old> <old> <new> <status>\t<path>`, a colon a parent) only the new
  // id is made a string, and its path only when asked for. On eslint/eslint the walk prints 23 MB;
  // reading every line as a string took 0.45 CPU-s of the main thread.
  const lines = forEachLine(child.stdout!, (chunk, start, end) => {
    if (chunk[start] === 0) {
      const [commit, author, date] = chunk.toString('utf8', start + 1, end).split('\t')
      current = { commit: commit!, author: author ?? '', date: date ?? '' }
      commitCount++
      return
    }
    if (chunk[start] !== COLON || !current) return
    const found = newBlobIn(chunk, start, end)
    if (!found) return
    const { idStart, idEnd, tab } = found
    const newOid = chunk.toString('latin1', idStart, idEnd)
    // A path deleted has no new blob.
    if (newOid === ZERO_OID) return
    const commit = current
    onAdd(newOid, () => unquotePath(tab < end ? chunk.toString('utf8', tab + 1, end) : ''), commit)
  })
  const done = Promise.all([exitCodeOf(child), lines]).then(([code]) => ({
    commitCount,
    error: code === 0 ? null : `git log failed: ${lastLine(stderr)}`,
  }))
  return {
    done,
    pause: () => child.stdout!.pause(),
    resume: () => child.stdout!.resume(),
    // A paused output would never end: it is let go of with the process.
    stop: () => {
      child.kill()
      child.stdout!.destroy()
    },
  }
}

/** Every path each kept blob was brought in at, with the commit that first did (see walkCommitAdds). */
export const commitsAddingBlobs = (gitDirectory: string, keep: (oid: string) => boolean): CommitLookup => {
  const adds = new Map<string, Map<string, CommitInfo>>()
  const walk = walkCommitAdds(gitDirectory, (oid, readPath, commit) => {
    if (keep(oid)) addTo(adds, oid, readPath(), commit)
  })
  return { done: walk.done.then((ended) => ({ adds, ...ended })), stop: walk.stop }
}

/** Notes that `commit` added blob `oid` at `path`: the last call for a path (the oldest commit) stays. */
export const addTo = (adds: CommitsFound['adds'], oid: string, path: string, commit: CommitInfo): void => {
  const paths = adds.get(oid)
  if (paths) paths.set(path, commit)
  else adds.set(oid, new Map([[path, commit]]))
}

/** Every path each of these blobs was brought in at, with the commit that first did. */
export const introducingCommits = (gitDirectory: string, blobs: ReadonlySet<string>): Promise<CommitsFound> =>
  commitsAddingBlobs(gitDirectory, (oid) => blobs.has(oid)).done
