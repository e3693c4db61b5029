// The git plumbing the scanner needs: where the repository is, which files are tracked, untracked or
// ignored, what the index and HEAD hold, every blob of every ref, and which commit brought a blob in.
import { resolve } from 'node:path'
import { runGit, spawnGit } from './safeGit'

const lastLine = (text: string): string => text.trim().split('\n').pop() ?? ''

export interface Repository {
  /** The work tree's top folder, or null for a bare repository. */
  top: string | null
  gitDirectory: string
  /** Where the objects and refs are: the git directory, or the main one's for a linked work tree. */
  commonDirectory: string
}

export interface RepositoryLookup {
  repository: Repository | null
  /** Why git would not open the repository it found (another user's, say), or null. */
  refusal: string | null
}

/** One `rev-parse` for every answer; `--show-toplevel` fails last, in a bare repository or inside `.git`. */
export const findRepository = async (root: string): Promise<RepositoryLookup> => {
  const result = await runGit(
    ['rev-parse', '--absolute-git-dir', '--is-bare-repository', '--git-common-dir', '--show-toplevel'],
    root,
  )
  const [gitDirectory = '', bare = '', common = '', top = ''] = result.stdout
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim())
  if (!gitDirectory || (bare !== 'true' && bare !== 'false')) {
    const refusal = /^(?:fatal: )?(detected dubious ownership.*)$/m.exec(result.stderr)?.[1] ?? null
    return { repository: null, refusal }
  }
  return {
    repository: {
      top: bare === 'true' ? null : top || null,
      gitDirectory,
      commonDirectory: resolve(root, common || gitDirectory),
    },
    refusal: null,
  }
}

let versionAnswer: Promise<number[]> | null = null

/** git's version as numbers ([2, 39, 5]), asked once per process; [] when git does not say. */
export const gitVersion = (): Promise<number[]> =>
  (versionAnswer ??= runGit(['version'], '/').then((result) =>
    (/(\d+)\.(\d+)(?:\.(\d+))?/.exec(result.stdout.toString('utf8'))?.slice(1) ?? []).filter(Boolean).map(Number),
  ))

/** `rev-list --filter=object:type=blob --filter-provided-objects` came with git 2.32. */
export const gitHasBlobTypeFilter = async (): Promise<boolean> => {
  const [major = 0, minor = 0] = await gitVersion()
  return major > 2 || (major === 2 && minor >= 32)
}

const splitNul = (buffer: Buffer): string[] =>
  buffer
    .toString('utf8')
    .split('\0')
    .filter((entry) => entry.length > 0)

export interface WorkTreeListing {
  tracked: string[]
  untracked: string[]
  /** Ignored files and folders (folders end with '/'). */
  ignored: string[]
}

export const listWorkTree = async (top: string): Promise<WorkTreeListing> => {
  const [tracked, untracked, ignored] = await Promise.all([
    runGit(['ls-files', '-z', '--cached'], top),
    runGit(['ls-files', '-z', '--others', '--exclude-standard'], top),
    runGit(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], top),
  ])
  for (const result of [tracked, untracked, ignored]) {
    if (result.code !== 0) throw new Error(`git ls-files failed: ${lastLine(result.stderr)}`)
  }
  return {
    tracked: [...new Set(splitNul(tracked.stdout))],
    untracked: splitNul(untracked.stdout),
    ignored: splitNul(ignored.stdout),
  }
}

/** path → blob id in HEAD's tree (empty before the first commit). */
export const headTree = async (top: string): Promise<Map<string, string>> => {
  const result = await runGit(['ls-tree', '-r', '-z', '--full-tree', 'HEAD'], top)
  const tree = new Map<string, string>()
  if (result.code !== 0) return tree
  for (const entry of splitNul(result.stdout)) {
    const tab = entry.indexOf('\t')
    const [, type, oid] = entry.slice(0, tab).split(' ')
    if (type === 'blob' && oid) tree.set(entry.slice(tab + 1), oid)
  }
  return tree
}

export interface IndexEntry {
  path: string
  oid: string
}

export const stagedEntries = async (top: string, head: Map<string, string>): Promise<IndexEntry[]> => {
  const result = await runGit(['ls-files', '-s', '-z'], top)
  if (result.code !== 0) throw new Error(`git ls-files -s failed: ${lastLine(result.stderr)}`)
  const entries: IndexEntry[] = []
  for (const entry of splitNul(result.stdout)) {
    const tab = entry.indexOf('\t')
    const [mode, oid] = entry.slice(0, tab).split(' ')
    const path = entry.slice(tab + 1)
    if (!oid || mode === '160000' || mode === '120000') continue
    if (head.get(path) !== oid) entries.push({ path, oid })
  }
  return entries
}

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

/** Calls onLine with each complete line of a stream (without its newline), as a view of the chunk. */
const forEachLine = (
  stream: NodeJS.ReadableStream,
  onLine: (chunk: Buffer, start: number, end: number) => void,
): Promise<void> =>
  new Promise((resolve) => {
    let partial: Buffer | null = null
    stream.on('data', (data: Buffer) => {
      let chunk = data
      if (partial) {
        chunk = Buffer.concat([partial, data])
        partial = null
      }
      let start = 0
      for (let newline = chunk.indexOf(10); newline >= 0; newline = chunk.indexOf(10, start)) {
        onLine(chunk, start, newline)
        start = newline + 1
      }
      if (start < chunk.length) partial = Buffer.from(chunk.subarray(start))
    })
    stream.on('close', () => {
      if (partial) onLine(partial, 0, partial.length)
      resolve()
    })
  })

const BLOB = Buffer.from(' blob ')
const MISSING = Buffer.from(' missing')
const COMMIT = Buffer.from(' commit ')
const COLON = 0x3a
const TAB = 9
const SPACE = 32

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
  const exited = (child: ReturnType<typeof spawnGit>) =>
    new Promise<number>((resolve) => {
      child.on('close', (code) => resolve(code ?? -1))
      child.on('error', () => resolve(-1))
    })
  const done = Promise.all([exited(revList), exited(check), lines]).then(([revCode, checkCode]) => ({
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
  const exited = new Promise<number>((resolve) => {
    check.on('close', (code) => resolve(code ?? -1))
    check.on('error', () => resolve(-1))
  })
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
    if (fieldStart < 0 || fieldStart >= tab) return
    let idEnd = chunk.indexOf(SPACE, fieldStart)
    if (idEnd < 0 || idEnd > tab) idEnd = tab
    // A submodule's commit is no blob of this repository.
    if (modeStart >= 0 && chunk.compare(GITLINK_MODE, 0, GITLINK_MODE.length, modeStart, modeStart + 6) === 0) return
    const newOid = chunk.toString('latin1', fieldStart, idEnd)
    // A path deleted has no new blob.
    if (newOid === ZERO_OID) return
    const commit = current
    onAdd(newOid, () => unquotePath(tab < end ? chunk.toString('utf8', tab + 1, end) : ''), commit)
  })
  const done = Promise.all([
    new Promise<number>((resolve) => {
      child.on('close', (exitCode) => resolve(exitCode ?? -1))
      child.on('error', () => resolve(-1))
    }),
    lines,
  ]).then(([code]) => ({ commitCount, error: code === 0 ? null : `git log failed: ${lastLine(stderr)}` }))
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

export const countCommits = async (gitDirectory: string, signal?: AbortSignal): Promise<number> => {
  const result = await runGit(['--git-dir', gitDirectory, 'rev-list', '--all', '--count'], '/', { signal })
  return Number(result.stdout.toString('utf8').trim()) || 0
}
