// The git plumbing the scanner needs: where the repository is, which files are tracked, untracked or
// ignored, what the index and HEAD hold, every blob of every ref, and which commit brought a blob in.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface GitResult {
  code: number
  stdout: Buffer
  stderr: string
}

export const runGit = (args: string[], cwd: string, input?: string): Promise<GitResult> =>
  new Promise((resolve) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000)
    })
    child.on('error', (error) => resolve({ code: -1, stdout: Buffer.alloc(0), stderr: error.message }))
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(chunks), stderr }))
    child.stdin.on('error', () => {})
    child.stdin.end(input ?? '')
  })

const lastLine = (text: string): string => text.trim().split('\n').pop() ?? ''

export interface Repository {
  /** The work tree's top folder, or null for a bare repository. */
  top: string | null
  gitDirectory: string
}

export const findRepository = async (root: string): Promise<Repository | null> => {
  const gitDirectory = await runGit(['rev-parse', '--absolute-git-dir'], root)
  if (gitDirectory.code !== 0) return null
  const bare = await runGit(['rev-parse', '--is-bare-repository'], root)
  const isBare = bare.stdout.toString('utf8').trim() === 'true'
  const top = isBare ? null : (await runGit(['rev-parse', '--show-toplevel'], root)).stdout.toString('utf8').trim()
  return { top: top || null, gitDirectory: gitDirectory.stdout.toString('utf8').trim() }
}

const splitNul = (buffer: Buffer): string[] => buffer.toString('utf8').split('\0').filter((entry) => entry.length > 0)

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
  return { tracked: [...new Set(splitNul(tracked.stdout))], untracked: splitNul(untracked.stdout), ignored: splitNul(ignored.stdout) }
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

export interface HistoryListing {
  /** Resolves when the listing has ended; `missing` are objects git could not find. */
  done: Promise<{ missing: string[]; unreadable: string[]; error: string | null }>
  stop: () => void
}

/**
 * Every blob reachable from any ref, once, with a path it has and its size: `git rev-list --objects
 * --all` piped into `git cat-file --batch-check`. Streams: onBlob is called as the walk goes.
 */
export const listHistoryBlobs = (gitDirectory: string, onBlob: (blob: HistoryBlob) => void): HistoryListing => {
  const revList = spawn('git', ['--git-dir', gitDirectory, 'rev-list', '--objects', '--all', '--missing=print'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const check = spawn(
    'git',
    ['--git-dir', gitDirectory, 'cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize) %(rest)', '--buffer'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  const missing: string[] = []
  const unreadable: string[] = []
  let revListError = ''
  let checkError = ''
  revList.stderr.on('data', (chunk: Buffer) => (revListError = (revListError + chunk.toString('utf8')).slice(-4000)))
  check.stderr.on('data', (chunk: Buffer) => (checkError = (checkError + chunk.toString('utf8')).slice(-4000)))
  check.stdin.on('error', () => {})
  // Commits (no path) need no type check; '?' lines are objects the walk could not find.
  const revLines = createInterface({ input: revList.stdout })
  revLines.on('line', (line) => {
    if (line.startsWith('?')) {
      missing.push(line.slice(1))
      return
    }
    if (line.length > 41) check.stdin.write(`${line}\n`)
  })
  revLines.on('close', () => check.stdin.end())
  const checkLines = createInterface({ input: check.stdout })
  checkLines.on('line', (line) => {
    const first = line.indexOf(' ')
    const second = line.indexOf(' ', first + 1)
    const third = line.indexOf(' ', second + 1)
    if (line.endsWith(' missing')) {
      // rev-list named it, so it is there: git cannot read it (a damaged object).
      unreadable.push(line.slice(0, first))
      return
    }
    const type = line.slice(first + 1, second)
    if (type !== 'blob' || third < 0) return
    onBlob({ oid: line.slice(0, first), size: Number(line.slice(second + 1, third)), path: line.slice(third + 1) })
  })
  const exited = (child: ReturnType<typeof spawn>) =>
    new Promise<number>((resolve) => {
      child.on('close', (code) => resolve(code ?? -1))
      child.on('error', () => resolve(-1))
    })
  const lines = new Promise<void>((resolve) => checkLines.on('close', () => resolve()))
  const done = Promise.all([exited(revList), exited(check), lines]).then(([revCode, checkCode]) => ({
    missing,
    unreadable,
    error:
      revCode !== 0 ? `git rev-list failed: ${lastLine(revListError)}` : checkCode !== 0 ? `git cat-file failed: ${lastLine(checkError)}` : null,
  }))
  return {
    done,
    stop: () => {
      revList.kill()
      check.kill()
    },
  }
}

export interface CommitInfo {
  commit: string
  author: string
  date: string
}

/**
 * The commit that brought each blob in at its path: one `git log --all --raw` limited to those paths;
 * log lists newest first, so the last commit seen adding a blob is the first to have it.
 */
export const introducingCommits = async (
  gitDirectory: string,
  blobs: ReadonlyMap<string, string>,
): Promise<{ commits: Map<string, CommitInfo>; error: string | null }> => {
  const commits = new Map<string, CommitInfo>()
  if (blobs.size === 0) return { commits, error: null }
  const paths = [...new Set(blobs.values())]
  const pathspec = paths.length <= 500 ? ['--', ...paths.map((path) => `:(literal)${path}`)] : []
  const args = ['--git-dir', gitDirectory, 'log', '--all', '--raw', '--no-abbrev', '--no-renames', '--format=%x00%H%x09%an <%ae>%x09%aI', ...pathspec]
  const child = spawn('git', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)))
  let current: CommitInfo | null = null
  const lines = createInterface({ input: child.stdout })
  lines.on('line', (line) => {
    if (line.startsWith('\0')) {
      const [commit, author, date] = line.slice(1).split('\t')
      current = { commit: commit!, author: author ?? '', date: date ?? '' }
      return
    }
    if (!line.startsWith(':') || !current) return
    const tab = line.indexOf('\t')
    const fields = line.slice(1, tab).split(' ')
    const newOid = fields[3]
    if (newOid && blobs.has(newOid)) commits.set(newOid, current)
  })
  const code = await new Promise<number>((resolve) => {
    child.on('close', (exitCode) => resolve(exitCode ?? -1))
    child.on('error', () => resolve(-1))
  })
  return { commits, error: code === 0 ? null : `git log failed: ${lastLine(stderr)}` }
}

export const countCommits = async (gitDirectory: string): Promise<number> => {
  const result = await runGit(['--git-dir', gitDirectory, 'rev-list', '--all', '--count'], '/')
  return Number(result.stdout.toString('utf8').trim()) || 0
}
