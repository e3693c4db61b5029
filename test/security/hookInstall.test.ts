// `keyward hook install/uninstall` on repositories set up against it: a core.hooksPath elsewhere, a
// pre-commit that is a link to a file outside, a hooks folder that is a link, another tool's 0600 hook
// replaced with --force. Nothing is written outside the repository's own .git/hooks, no file's mode
// changes, and each refusal says what to do instead.
import { lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HOOK_MARKER } from '../../main/cli/commands/hook'
import { runCli } from '../../main/cli/program'
import { GitRepository } from '../support/gitRepository'
import { TEST_KDF_COST, makeTempDirectory } from '../support/tempVault'
import { fakeIo } from '../unit/cli/fakeCliIo'

let temp: ReturnType<typeof makeTempDirectory>
let repository: GitRepository
let hooks: string
let hookPath: string

beforeEach(() => {
  temp = makeTempDirectory('keyward-hook-')
  repository = GitRepository.create('keyward-hook-repository-', temp.directory)
  hooks = join(repository.root, '.git', 'hooks')
  hookPath = join(hooks, 'pre-commit')
  mkdirSync(hooks, { recursive: true })
})
afterEach(() => temp.cleanup())

const hookCommand = async (...argv: string[]) => {
  const io = fakeIo({ cwd: repository.root })
  const exitCode = await runCli(['hook', ...argv], io, { kdfCost: TEST_KDF_COST })
  return { exitCode, stdout: io.out(), stderr: io.err() }
}

/** A file outside the repository, as another tool or the user keeps it (private, not executable). */
const outsideFile = (name: string, content: string): string => {
  const path = join(temp.directory, name)
  writeFileSync(path, content, { mode: 0o600 })
  return path
}

describe('keyward hook install', () => {
  it('writes nothing into another core.hooksPath, and says what to do instead', async () => {
    const managed = join(temp.directory, 'managed-hooks')
    mkdirSync(managed)
    writeFileSync(join(managed, 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
    repository.git('config', 'core.hooksPath', managed)
    for (const force of [[], ['--force']]) {
      const result = await hookCommand('install', ...force)
      expect(result.exitCode).toBe(1)
      expect(result.stderr).toContain(`core.hooksPath is set to ${managed}`)
      expect(result.stderr).toContain('keyward scan --staged-only --fail-on high')
    }
    expect(readFileSync(join(managed, 'pre-commit'), 'utf8')).toBe('#!/bin/sh\nexit 0\n')
    expect(readdirSync(managed)).toEqual(['pre-commit'])
    expect(readdirSync(hooks)).not.toContain('pre-commit')
  })

  it('never writes through a linked pre-commit, even with --force', async () => {
    const target = outsideFile('notes.txt', 'my notes\n')
    symlinkSync(target, hookPath)
    for (const force of [[], ['--force']]) {
      const result = await hookCommand('install', ...force)
      expect(result.exitCode).toBe(1)
      expect(result.stderr).toContain('is a symbolic link')
      expect(result.stderr).toContain('never writes through a link')
    }
    expect(readFileSync(target, 'utf8')).toBe('my notes\n')
    expect(statSync(target).mode & 0o777).toBe(0o600)
    expect(lstatSync(hookPath).isSymbolicLink()).toBe(true)
  })

  it('never writes into a hooks folder that is a link', async () => {
    const elsewhere = join(temp.directory, 'elsewhere')
    mkdirSync(elsewhere)
    rmSync(hooks, { recursive: true })
    symlinkSync(elsewhere, hooks)
    const result = await hookCommand('install', '--force')
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain(`${hooks} is a symbolic link`)
    expect(readdirSync(elsewhere)).toEqual([])
  })

  it("replaces another tool's hook only with --force, keeping it, mode and all", async () => {
    const foreign = '#!/bin/sh\n# another tool\nexit 0\n'
    writeFileSync(hookPath, foreign, { mode: 0o600 })
    const refused = await hookCommand('install')
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toContain('--force')
    expect(readFileSync(hookPath, 'utf8')).toBe(foreign)

    const forced = await hookCommand('install', '--force')
    expect(forced.exitCode, forced.stderr).toBe(0)
    const backups = readdirSync(hooks).filter((name) => name.startsWith('pre-commit.keyward-backup-'))
    expect(backups).toHaveLength(1)
    const backup = join(hooks, backups[0]!)
    expect(forced.stdout).toContain(`kept at ${backup}`)
    expect(readFileSync(backup, 'utf8')).toBe(foreign)
    expect(statSync(backup).mode & 0o777).toBe(0o600)
    expect(readFileSync(hookPath, 'utf8')).toContain(HOOK_MARKER)
    expect(statSync(hookPath).mode & 0o777).toBe(0o755)
    // Nothing else was left beside them (no temporary file).
    expect(
      readdirSync(hooks)
        .filter((name) => name.startsWith('pre-commit') && !name.endsWith('.sample'))
        .sort(),
    ).toEqual(['pre-commit', backups[0]!])

    const removed = await hookCommand('uninstall')
    expect(removed.exitCode, removed.stderr).toBe(0)
    expect(removed.stdout).toContain(`An earlier hook is kept at ${backup}`)
    expect(readFileSync(backup, 'utf8')).toBe(foreign)
  })
})

describe('keyward hook uninstall', () => {
  it('removes nothing through a link, even a link to a file holding the marker', async () => {
    const target = outsideFile('copied-hook', `#!/bin/sh\n${HOOK_MARKER}\n`)
    symlinkSync(target, hookPath)
    const result = await hookCommand('uninstall')
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('is a symbolic link')
    expect(readFileSync(target, 'utf8')).toContain(HOOK_MARKER)
    expect(lstatSync(hookPath).isSymbolicLink()).toBe(true)
  })

  it("leaves another tool's hook, and removes its own", async () => {
    writeFileSync(hookPath, '#!/bin/sh\nexit 0\n', { mode: 0o755 })
    const refused = await hookCommand('uninstall')
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toContain("is not Keyward's hook")
    rmSync(hookPath)
    expect((await hookCommand('install')).exitCode).toBe(0)
    expect((await hookCommand('uninstall')).exitCode).toBe(0)
    expect(readdirSync(hooks)).not.toContain('pre-commit')
  })
})
