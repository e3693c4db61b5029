// The git plumbing the scanner needs: where the repository is, which files are tracked, untracked or
// ignored, and what the index and HEAD hold (the history's: gitHistory.ts and gitCommits.ts).
import type { ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { runGit } from './safeGit'

export const lastLine = (text: string): string => text.trim().split('\n').pop() ?? ''

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

/** Calls onLine with each complete line of a stream (without its newline), as a view of the chunk. */
export const forEachLine = (
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

/** Resolves with a git process's exit code (-1 when it could not start or was killed). */
export const exitCodeOf = (child: ChildProcess): Promise<number> =>
  new Promise((resolve) => {
    child.on('close', (code) => resolve(code ?? -1))
    child.on('error', () => resolve(-1))
  })
