// The pre-commit hook end to end: `keyward hook install` (built CLI) in a real temp repository, then
// `git commit` with a `keyward` shim on PATH that runs the built CLI. A staged live key is stopped,
// with how to go on; a clean commit goes through. Build first: npx electron-vite build.
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { fakeKeys } from '../../support/fakeKeys'
import { GitRepository } from '../../support/gitRepository'
import { makeTempDirectory } from '../../support/tempVault'
import { CLI_SHELL_COMMAND, assertCliBuilt, cliEnvironment, runBuiltCli } from './builtCli'

let temp: ReturnType<typeof makeTempDirectory>
let repository: GitRepository

beforeAll(() => assertCliBuilt())
beforeEach(() => {
  temp = makeTempDirectory('keyward-cli-hook-')
  repository = GitRepository.create()
})
afterEach(() => {
  repository.dispose()
  temp.cleanup()
})

it('blocks a commit of a staged live key and lets a clean commit through', { timeout: 60_000 }, async () => {
  const bin = join(temp.directory, 'bin')
  const env = cliEnvironment(temp.directory)
  const shimEnv = { ...env, PATH: `${bin}:${env.PATH}`, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }
  spawnSync('mkdir', ['-p', bin])
  writeFileSync(join(bin, 'keyward'), `#!/bin/sh\nexec ${CLI_SHELL_COMMAND} "$@"\n`, { mode: 0o755 })

  // Another tool's hook is not replaced without --force.
  const hookPath = join(repository.root, '.git', 'hooks', 'pre-commit')
  writeFileSync(hookPath, '#!/bin/sh\nexit 0\n', { mode: 0o755 })
  const refused = await runBuiltCli(['hook', 'install'], { cwd: repository.root, env })
  expect(refused.exitCode).toBe(1)
  expect(refused.stderr).toContain('--force')
  const installed = await runBuiltCli(['hook', 'install', repository.root, '--force'], { cwd: temp.directory, env })
  expect(installed.exitCode, installed.stderr).toBe(0)
  expect(statSync(hookPath).mode & 0o111).not.toBe(0)
  expect(readFileSync(hookPath, 'utf8')).toContain('keyward scan --staged-only --fail-on live')

  const commit = () =>
    spawnSync('git', ['commit', '-m', 'change'], { cwd: repository.root, env: shimEnv, encoding: 'utf8' })

  const key = fakeKeys.clipiaLive()
  repository.write('app.env', `CLIPIA_API_KEY=${key}\n`).add('app.env')
  const blocked = commit()
  expect(blocked.status, blocked.stderr).toBe(1)
  // git sends a hook's stdout to stderr.
  expect(blocked.stderr).toContain('clipia-api-key')
  expect(blocked.stderr).toContain('staged (would be committed)')
  expect(blocked.stderr).toContain('keyward:allow')
  expect(blocked.stderr).toContain('git commit --no-verify')
  expect(`${blocked.stdout}${blocked.stderr}`).not.toContain(key)
  expect(repository.git('rev-list', '--all').trim()).toBe('')

  repository.remove('app.env')
  repository.git('rm', '-q', '--cached', 'app.env')
  repository.write('app.env', 'CLIPIA_API_KEY=${CLIPIA_API_KEY}\n').add('app.env')
  // A local .env with the live key, never staged, does not stop the commit: the hook asks about the commit.
  repository.write('.env.local', `CLIPIA_API_KEY=${key}\n`)
  const clean = commit()
  expect(clean.status, clean.stderr).toBe(0)
  expect(repository.git('rev-list', '--all').trim()).toMatch(/^[0-9a-f]{40}$/)

  const removed = await runBuiltCli(['hook', 'uninstall'], { cwd: repository.root, env })
  expect(removed.exitCode).toBe(0)
  expect(() => statSync(hookPath)).toThrow()
})
