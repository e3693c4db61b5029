// The single executable `keyward` (npm run build:cli), built here into a temp folder and run as a
// user would, with no Node on PATH: init, add, list, a history scan of a real repository, the
// pre-commit hook through a link on PATH; and what happens when its native parts are not beside it.
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { version as packageVersion } from '../../../package.json'
import { LATEST_SCHEMA_VERSION } from '../../../main/vault/file/migrations'
import type { KeyRecord } from '#contract'
import { fakeKeys } from '../../support/fakeKeys'
import { GitRepository } from '../../support/gitRepository'
import { makeTempDirectory } from '../../support/tempVault'
import { buildCliExecutable, cliEnvironment, runKeywardCommand } from './builtCli'

const PASSWORD = 'correct horse battery staple'
const AUTHOR = { name: 'Ana', email: 'ana@example.test' }
let temp: ReturnType<typeof makeTempDirectory>
let executable: string
let env: Record<string, string>
const withPassword = ['--password-file', 'password']

const keyward = (args: string[], { stdin, cwd, command }: { stdin?: string; cwd?: string; command?: string } = {}) =>
  runKeywardCommand([command ?? executable], args, { cwd: cwd ?? temp.directory, env, stdin })

beforeAll(() => {
  temp = makeTempDirectory('keyward-cli-executable-')
  executable = buildCliExecutable(join(temp.directory, 'keyward-cli'))
  mkdirSync(join(temp.directory, 'home'))
  // No node on PATH: the executable must need none.
  env = cliEnvironment(join(temp.directory, 'home'), {
    PATH: '/usr/bin:/bin',
    KEYWARD_VAULT: join(temp.directory, 'vault.keyward'),
  })
  writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
}, 300_000)

afterAll(() => temp?.cleanup())

describe('the single executable', () => {
  const clipiaLive = fakeKeys.clipiaLive()

  it('is one file with its native parts beside it, readable by all and writable only by its owner', () => {
    const folder = dirname(executable)
    expect(readFileSync(executable).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))
    expect(statSync(executable).mode & 0o777).toBe(0o755)
    for (const part of ['better_sqlite3.node', 'argon2.node', 'keyward_pack.node']) {
      expect(existsSync(join(folder, part)), part).toBe(true)
      expect(statSync(join(folder, part)).mode & 0o777, part).toBe(0o644)
    }
  })

  it('creates a vault, adds a key from stdin and lists it masked', { timeout: 60_000 }, async () => {
    const created = await keyward(['init', ...withPassword])
    expect(created, created.stderr).toMatchObject({ exitCode: 0, stderr: '' })
    const added = await keyward(['add', 'Clipia prod', ...withPassword], { stdin: `${clipiaLive}\n` })
    expect(added, added.stderr).toMatchObject({ exitCode: 0 })
    const listed = await keyward(['list', '--json', ...withPassword])
    expect(listed.exitCode, listed.stderr).toBe(0)
    const [key] = JSON.parse(listed.stdout) as KeyRecord[]
    expect(key).toMatchObject({ name: 'Clipia prod', provider: 'clipia', environment: 'live' })
    expect(`${created.stdout}${added.stdout}${listed.stdout}${added.stderr}`).not.toContain(clipiaLive)
  })

  it(
    "scans a repository's history in its worker threads and finds a live key that was removed",
    { timeout: 60_000 },
    async () => {
      const repository = GitRepository.create()
      try {
        repository
          .write('app.env', `CLIPIA_API_KEY=${clipiaLive}\n`)
          .add('app.env')
          .commit('add key', AUTHOR, '2026-01-01T00:00:00Z')
        repository.remove('app.env')
        repository.git('rm', '-q', '--cached', 'app.env')
        repository.commit('remove key', AUTHOR, '2026-01-02T00:00:00Z')
        repository.git('gc', '-q')
        const scanned = await keyward(['scan', '--history', '--format', 'json', ...withPassword, repository.root])
        expect(scanned.exitCode, scanned.stderr).toBe(1)
        const report = JSON.parse(scanned.stdout) as { findings: { ruleId: string; message: string }[] }
        expect(report.findings).toHaveLength(1)
        expect(report.findings[0]).toMatchObject({
          ruleId: 'clipia-api-key',
          message: expect.stringContaining('your vault\'s key "Clipia prod"'),
        })
        expect(scanned.stdout + scanned.stderr).not.toContain(clipiaLive)
      } finally {
        repository.dispose()
      }
    },
  )

  it('runs as the pre-commit hook through a link on PATH, as /usr/bin/keyward is', { timeout: 60_000 }, async () => {
    const repository = GitRepository.create()
    try {
      const bin = join(temp.directory, 'bin')
      mkdirSync(bin, { recursive: true })
      symlinkSync(executable, join(bin, 'keyward'))
      const installed = await keyward(['hook', 'install'], { cwd: repository.root, command: join(bin, 'keyward') })
      expect(installed.exitCode, installed.stderr).toBe(0)
      repository.write('app.env', `CLIPIA_API_KEY=${clipiaLive}\n`).add('app.env')
      const commit = spawnSync('git', ['commit', '-m', 'change'], {
        cwd: repository.root,
        env: { ...env, PATH: `${bin}:${env.PATH}`, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
        encoding: 'utf8',
      })
      expect(commit.status, commit.stderr).toBe(1)
      expect(commit.stderr).toContain('clipia-api-key')
      expect(commit.stderr).not.toContain(clipiaLive)
      expect(repository.git('rev-list', '--all').trim()).toBe('')
    } finally {
      repository.dispose()
    }
  })

  it('copied alone elsewhere, names the native parts missing and where, and creates nothing', async () => {
    const alone = join(temp.directory, 'alone')
    mkdirSync(alone, { mode: 0o755 })
    copyFileSync(executable, join(alone, 'keyward'))
    const lone = join(alone, 'keyward')
    chmodSync(lone, 0o755)
    const vault = join(temp.directory, 'lone.keyward')
    const refused = await keyward(['init', '--vault', vault, ...withPassword], { command: lone })
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toContain(`this keyward (${lone}) cannot run without its native parts`)
    expect(refused.stderr).toContain(`the SQLite cipher module (better_sqlite3.node) is missing from ${alone}`)
    expect(refused.stderr).toContain(`the Argon2 module (argon2.node) is missing from ${alone}`)
    expect(refused.stderr).toContain("the scanner's pack reader (keyward_pack.node) is missing")
    expect(refused.stderr).toContain('keep keyward together with the files it came with')
    expect(existsSync(vault)).toBe(false)
    // Its version and usage still say which keyward it is.
    const version = await keyward(['--version'], { command: lone })
    expect(version.exitCode, version.stderr).toBe(0)
    expect(version.stdout).toBe(`keyward ${packageVersion} (vault schema ${LATEST_SCHEMA_VERSION})\n`)
    const help = await keyward(['--help'], { command: lone })
    expect(help.exitCode, help.stderr).toBe(0)
    expect(help.stdout).toContain('Usage: keyward')
  })

  it('copied alone, still lists through an unlocked agent: a command the agent answers loads no native part', async () => {
    const alone = join(temp.directory, 'alone-agent')
    mkdirSync(alone, { mode: 0o755 })
    copyFileSync(executable, join(alone, 'keyward'))
    chmodSync(join(alone, 'keyward'), 0o755)
    const runtime = join(temp.directory, 'run-alone')
    mkdirSync(runtime, { mode: 0o700 })
    const withAgent = { ...env, XDG_RUNTIME_DIR: runtime }
    const run = (command: string, args: string[], stdin?: string) =>
      runKeywardCommand([command], args, { cwd: temp.directory, env: withAgent, stdin })
    const unlocked = await run(executable, ['unlock', '--password-stdin'], `${PASSWORD}\n`)
    expect(unlocked.exitCode, unlocked.stderr).toBe(0)
    try {
      const listed = await run(join(alone, 'keyward'), ['list'])
      expect(listed, listed.stderr).toMatchObject({ exitCode: 0, stderr: '' })
      expect(listed.stdout).toContain('Clipia prod')
    } finally {
      await run(executable, ['lock'])
    }
    // Without the agent it needs them, and says so.
    const refused = await run(join(alone, 'keyward'), ['list', ...withPassword])
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toContain('cannot run without its native parts')
  }, 60_000)

  it('with a damaged native part, names it and where it is, and creates nothing', { timeout: 60_000 }, async () => {
    const damaged = join(temp.directory, 'damaged')
    mkdirSync(damaged, { mode: 0o755 })
    for (const file of ['keyward', 'argon2.node', 'keyward_pack.node'])
      copyFileSync(join(dirname(executable), file), join(damaged, file))
    chmodSync(join(damaged, 'keyward'), 0o755)
    // Cut short, as an interrupted copy leaves it.
    writeFileSync(
      join(damaged, 'better_sqlite3.node'),
      readFileSync(join(dirname(executable), 'better_sqlite3.node')).subarray(0, 4096),
      { mode: 0o644 },
    )
    const vault = join(temp.directory, 'damaged.keyward')
    const refused = await keyward(['init', '--vault', vault, ...withPassword], { command: join(damaged, 'keyward') })
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toContain(
      `the SQLite cipher module, ${join(damaged, 'better_sqlite3.node')}, is not the one this keyward was built with (damaged`,
    )
    expect(refused.stderr).toContain('Reinstall Keyward')
    expect(refused.stderr).not.toContain('argon2.node')
    expect(existsSync(vault)).toBe(false)
  })

  it('--version says when typing keyward runs another one first (an older keyward earlier on PATH)', async () => {
    const older = join(temp.directory, 'older-bin')
    const own = join(temp.directory, 'own-bin')
    for (const folder of [older, own]) mkdirSync(folder, { mode: 0o755 })
    writeFileSync(join(older, 'keyward'), '#!/bin/sh\necho keyward 0.1.0\n', { mode: 0o755 })
    symlinkSync(executable, join(own, 'keyward'))
    const run = (path: string) =>
      runKeywardCommand([executable], ['--version'], { cwd: temp.directory, env: { ...env, PATH: path } })
    const shadowed = await run(`${older}:${own}:/usr/bin:/bin`)
    expect(shadowed.exitCode).toBe(0)
    expect(shadowed.stdout).toBe(`keyward ${packageVersion} (vault schema ${LATEST_SCHEMA_VERSION})\n`)
    expect(shadowed.stderr).toBe(
      `keyward: typing keyward runs ${join(older, 'keyward')} first, not this keyward (${executable}): remove that one, or put ${dirname(executable)} before its folder on PATH.\n`,
    )
    expect((await run(`${own}:${older}:/usr/bin:/bin`)).stderr).toBe('')
  })
})
