// The pre-commit hook end to end: `keyward hook install` (built CLI) in a real temp repository, then
// `git commit` with a `keyward` shim on PATH that runs the built CLI. A staged live key is stopped,
// with how to go on; a clean commit goes through. Build first: npx electron-vite build.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { fakeKeys, randomToken } from '../../support/fakeKeys'
import { sshKeygen } from '../../support/generatedKeys'
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
  expect(readFileSync(hookPath, 'utf8')).toContain('keyward scan --staged-only --fail-on high')

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

it(
  'blocks a staged AWS key pair, a GitHub token and an ssh-keygen key of any service, and passes documentation placeholders',
  { timeout: 90_000 },
  async () => {
    const bin = join(temp.directory, 'bin')
    const env = cliEnvironment(temp.directory)
    const shimEnv = { ...env, PATH: `${bin}:${env.PATH}`, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }
    spawnSync('mkdir', ['-p', bin])
    writeFileSync(join(bin, 'keyward'), `#!/bin/sh\nexec ${CLI_SHELL_COMMAND} "$@"\n`, { mode: 0o755 })
    expect((await runBuiltCli(['hook', 'install'], { cwd: repository.root, env })).exitCode).toBe(0)
    const commit = () =>
      spawnSync('git', ['commit', '-m', 'change'], { cwd: repository.root, env: shimEnv, encoding: 'utf8' })
    const upper = (length: number) =>
      Array.from(randomBytes(length), (byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[byte % 32]).join('')

    // Placeholders from the providers' own documentation pass: the commit goes through.
    repository
      .write(
        'docs/setup.md',
        [
          'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
          'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
          '-----BEGIN OPENSSH PRIVATE KEY-----',
          '...',
          '-----END OPENSSH PRIVATE KEY-----',
          '',
        ].join('\n'),
      )
      .add('docs/setup.md')
    const placeholders = commit()
    expect(placeholders.status, placeholders.stderr).toBe(0)

    const secrets: Record<string, { path: string; text: string; rule: string }> = {
      aws: {
        path: 'deploy/credentials',
        text: `[default]\naws_access_key_id = AKIA${upper(16)}\naws_secret_access_key = ${randomToken(20)}/${randomToken(19)}\n`,
        rule: 'aws-secret-access-key',
      },
      github: { path: 'ci.env', text: `GITHUB_TOKEN=ghp_${randomToken(36)}\n`, rule: 'github-token' },
      ssh: { path: 'deploy/id_ed25519', text: sshKeygen('ed25519'), rule: 'private-key' },
    }
    for (const [name, secret] of Object.entries(secrets)) {
      repository.write(secret.path, secret.text).add(secret.path)
      const blocked = commit()
      expect(blocked.status, `${name}: ${blocked.stderr}`).toBe(1)
      expect(blocked.stderr).toContain(secret.rule)
      expect(blocked.stderr).toMatch(/HIGH/)
      for (const line of secret.text.split('\n').filter((line) => line.length > 30 && !line.startsWith('-----')))
        expect(blocked.stderr).not.toContain(line.slice(-24))
      repository.git('rm', '-q', '--cached', secret.path)
      repository.remove(secret.path)
    }
    expect(repository.git('rev-list', '--count', 'HEAD').trim()).toBe('1')
  },
)
