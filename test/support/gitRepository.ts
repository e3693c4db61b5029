// Real git repositories in temp folders for the scanner's tests: files written, commits made with fixed
// authors and dates, branches, deletions, staged-but-uncommitted changes. Git runs with no user or
// system config, so a developer's settings never change what a test sees.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export interface Author {
  name: string
  email: string
}

/** The process's environment without any GIT_* variable a test (or a developer's shell) set. */
const baseEnvironment = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_'))),
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
})

export class GitRepository {
  readonly root: string

  private constructor(root: string) {
    this.root = root
  }

  /** A new repository with one branch, main, and no commits (in a new folder under parent). */
  static create(prefix = 'keyward-scan-', parent = tmpdir()): GitRepository {
    mkdirSync(parent, { recursive: true })
    return GitRepository.init(mkdtempSync(join(parent, prefix)))
  }

  /** A new repository in exactly this folder (made if missing). */
  static init(root: string): GitRepository {
    mkdirSync(root, { recursive: true })
    const repository = new GitRepository(root)
    repository.git('init', '-q', '-b', 'main')
    repository.git('config', 'user.name', 'Keyward Test')
    repository.git('config', 'user.email', 'test@keyward.invalid')
    repository.git('config', 'commit.gpgsign', 'false')
    return repository
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.root,
      env: baseEnvironment(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  }

  write(path: string, content: string | Buffer): this {
    const absolute = join(this.root, path)
    mkdirSync(dirname(absolute), { recursive: true })
    writeFileSync(absolute, content)
    return this
  }

  remove(path: string): this {
    unlinkSync(join(this.root, path))
    return this
  }

  add(...paths: string[]): this {
    if (paths.length > 0) this.git('add', '--', ...paths)
    else this.git('add', '-A')
    return this
  }

  /** Commits what is staged (everything with `all`) as `author` at `date`; returns the commit id. */
  commit(message: string, author: Author, date: string, options: { all?: boolean } = {}): string {
    if (options.all) this.git('add', '-A')
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
      cwd: this.root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...baseEnvironment(),
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
        GIT_COMMITTER_DATE: date,
      },
    })
    return this.git('rev-parse', 'HEAD').trim()
  }

  blobId(revision: string, path: string): string {
    return this.git('rev-parse', `${revision}:${path}`).trim()
  }

  /** The loose object file of an object (tests damage repositories through it). */
  objectPath(oid: string): string {
    return join(this.root, '.git', 'objects', oid.slice(0, 2), oid.slice(2))
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true })
  }
}
