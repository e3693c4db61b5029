// The unlocked agent's boundary, from the outside: the built keyward (unlock, list, run, inject, read,
// lock) against a real agent process and a real vault, then a hostile local world: a folder or socket
// another user could have made, another user connecting, a vault file replaced under the agent, two
// unlocks at once, an agent killed without locking. Build first: npx electron-vite build.
import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { createConnection } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { agentPathsFor } from '../../main/cli/agent/runtimeFolder'
import { runCli } from '../../main/cli/program'
import { openVault } from '../../main/vault/index'
import { fakeKeys } from '../support/fakeKeys'
import { GitRepository } from '../support/gitRepository'
import { startProviderSimulator } from '../simulator/index'
import { TEST_KDF_COST, makeTempDirectory } from '../support/tempVault'
import { fakeIo } from '../unit/cli/fakeCliIo'
import { BUILT_CLI, assertCliBuilt, cliEnvironment, runBuiltCli, type CliRun } from '../integration/cli/builtCli'

const PASSWORD = 'correct horse battery staple'
const NOBODY = 65534
const clipiaLive = fakeKeys.clipiaLive()
const clipiaTest = fakeKeys.clipiaTest()
/** No rule knows it by its shape: only the vault's own values find it. */
const legacyLive = fakeKeys.clodura()
const secrets = [PASSWORD, clipiaLive, clipiaTest, legacyLive]

let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let runtime: string
let env: Record<string, string>
const outputs: CliRun[] = []

const keyward = async (args: readonly string[], stdin?: string): Promise<CliRun> => {
  const result = await runBuiltCli(args, { cwd: temp.directory, env, stdin })
  outputs.push(result)
  return result
}
const unlock = (...args: string[]) => keyward(['unlock', '--password-stdin', ...args], `${PASSWORD}\n`)
const paths = () => agentPathsFor(vaultPath, env)

/** The agent's pid from `keyward agent status`, or null when it says the vault is locked. */
const agentPid = async (): Promise<number | null> => {
  const status = await keyward(['agent', 'status'])
  const pid = /held by agent (\d+)/.exec(status.stdout)?.[1]
  return pid ? Number(pid) : null
}

/** Waits until nothing listens on the socket any more (a killed process's descriptors are closed by the kernel). */
const untilNobodyListens = async (socket: string): Promise<void> => {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const connection = createConnection(socket)
      connection.on('connect', () => {
        connection.destroy()
        resolve(false)
      })
      connection.on('error', (error: NodeJS.ErrnoException) =>
        resolve(error.code === 'ECONNREFUSED' || error.code === 'ENOENT'),
      )
    })
    if (refused) return
    await sleep(20)
  }
}

beforeAll(async () => {
  assertCliBuilt()
  temp = makeTempDirectory('keyward-agent-')
  vaultPath = join(temp.directory, 'vault.keyward')
  runtime = join(temp.directory, 'run')
  mkdirSync(runtime, { mode: 0o700 })
  env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: vaultPath, XDG_RUNTIME_DIR: runtime })
  // Setting up only: the vault is made with a password file, beside the vault and not the agent's folder.
  const passwordFile = join(temp.directory, 'password')
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 })
  const prepare = async (argv: string[], stdin?: string) => {
    const io = fakeIo({ cwd: temp.directory, env: { KEYWARD_VAULT: vaultPath }, stdin })
    expect(await runCli([...argv, '--password-file', passwordFile], io, { kdfCost: TEST_KDF_COST }), io.err()).toBe(0)
  }
  await prepare(['init'])
  await prepare(['add', 'Clipia live'], clipiaLive)
  await prepare(['add', 'Clipia test'], clipiaTest)
  await prepare(['add', 'Legacy live', '--env', 'live'], legacyLive)
})

afterEach(async () => {
  await keyward(['lock'])
})

afterAll(() => {
  for (const { stdout, stderr } of outputs) {
    for (const secret of secrets) expect(stdout + stderr).not.toContain(secret)
  }
  // Nothing the agent left in its folder (its log) holds a value or the password.
  for (const name of existsSync(paths().folder) ? readdirSync(paths().folder) : []) {
    const text = readFileSync(join(paths().folder, name), 'utf8')
    for (const secret of secrets) expect(text, name).not.toContain(secret)
  }
  temp?.cleanup()
})

describe('keyward unlock', () => {
  it(
    'serves list, run, inject, read, due and export with no password until locked, in a private folder, recorded as "cli via agent"',
    { timeout: 60_000 },
    async () => {
      const unlocked = await unlock('--for', '15m')
      expect(unlocked.exitCode, unlocked.stderr).toBe(0)
      expect(unlocked.stdout).toMatch(
        /^Unlocked .*vault\.keyward for your keyward commands \(agent \d+\); it locks after 15 min without use/,
      )
      expect(statSync(paths().folder).mode & 0o777).toBe(0o700)
      expect(statSync(paths().socket).mode & 0o777).toBe(0o600)

      // No --password-*, no terminal: only the agent can answer these.
      const listed = await keyward(['list'])
      expect(listed.exitCode, listed.stderr).toBe(0)
      expect(listed.stdout).toContain('Clipia live')
      expect(listed.stdout).toContain('3 keys')
      const printed = await runBuiltCli(['read', 'keyward://Clipia live'], { cwd: temp.directory, env })
      expect(printed).toMatchObject({ exitCode: 0, stdout: `${clipiaLive}\n`, stderr: '' })
      const ran = await runBuiltCli(
        [
          'run',
          '--only',
          'Clipia test',
          '--',
          process.execPath,
          '-e',
          'process.stdout.write(String(process.env.CLIPIA_KEY === process.argv[1]))',
          clipiaTest,
        ],
        {
          cwd: temp.directory,
          env,
        },
      )
      expect(ran).toMatchObject({ exitCode: 0, stdout: 'true' })
      writeFileSync(
        join(temp.directory, '.env.template'),
        'LIVE=keyward://Clipia live\nTEST={{ keyward://Clipia test }}\n',
      )
      const injected = await runBuiltCli(['inject', '-i', '.env.template'], { cwd: temp.directory, env })
      expect(injected).toMatchObject({ exitCode: 0, stdout: `LIVE=${clipiaLive}\nTEST=${clipiaTest}\n` })

      const due = await runBuiltCli(['due', '--json'], { cwd: temp.directory, env })
      expect(JSON.parse(due.stdout)).toMatchObject({ counts: { total: 3 } })
      const exported = await runBuiltCli(['export', '--env', 'test', '-o', 'test.env'], { cwd: temp.directory, env })
      expect(exported).toMatchObject({
        exitCode: 0,
        stdout: expect.stringMatching(/^Exported 1 test key to .*test\.env \(readable only by you\)\.\n$/),
      })
      expect(readFileSync(join(temp.directory, 'test.env'), 'utf8')).toContain(`=${clipiaTest}`)

      const again = await unlock()
      expect(again.stdout).toContain('Already unlocked; nothing was asked.')
      const status = await keyward(['agent', 'status'])
      expect(status).toMatchObject({ exitCode: 0 })
      expect(status.stdout).toContain('(3 keys)')

      const locked = await keyward(['lock'])
      expect(locked.stdout).toMatch(/^Locked .*vault\.keyward\.\n$/)
      expect(existsSync(paths().socket)).toBe(false)
      const afterLock = await keyward(['list'])
      expect(afterLock.exitCode).toBe(1)
      expect(afterLock.stderr).toContain('There is no terminal to ask for the master password.')
      expect(await keyward(['agent', 'status'])).toMatchObject({
        exitCode: 1,
        stdout: expect.stringContaining('Locked: no agent and no unlocked Keyward app holds'),
      })

      const vault = await openVault(vaultPath, PASSWORD)
      try {
        const actions = vault.audit
          .list()
          .entries.filter((entry) => entry.actor === 'cli via agent')
          .map((entry) => entry.action)
        expect(actions).toEqual(
          expect.arrayContaining(['value read', 'keys given to a command', 'template filled', '.env exported']),
        )
      } finally {
        vault.close()
      }
    },
  )

  it('refuses a wrong password and leaves no agent', { timeout: 30_000 }, async () => {
    const refused = await keyward(['unlock', '--password-stdin'], 'not the password\n')
    expect(refused.exitCode).toBe(1)
    // The vault's own refusal, passed on by the agent: not any message that happens to say "password".
    expect(refused.stderr).toContain('Wrong master password. Check Caps Lock and try again.')
    expect(existsSync(paths().socket)).toBe(false)
    expect(await agentPid()).toBeNull()
  })

  it('leaves one agent when two unlocks run at once, both told so', { timeout: 60_000 }, async () => {
    const [first, second] = await Promise.all([unlock(), unlock()])
    expect(first.exitCode, first.stderr).toBe(0)
    expect(second.exitCode, second.stderr).toBe(0)
    const pid = await agentPid()
    expect(pid).not.toBeNull()
    // Each names the one agent: the one that started it, and the one that found it started.
    for (const answer of [first, second]) expect(answer.stdout).toContain(String(pid))
    expect([first.stdout, second.stdout].filter((text) => text.includes('Already unlocked'))).toHaveLength(1)
  })

  it(
    'locks when the vault file is replaced under it; the next command says so and asks for the password',
    { timeout: 60_000 },
    async () => {
      expect((await unlock()).exitCode).toBe(0)
      const pid = await agentPid()
      // Another file in its place, as a restore, a sync tool or an attacker's rename leaves it.
      const copy = join(temp.directory, 'replacement.keyward')
      copyFileSync(vaultPath, copy)
      renameSync(copy, vaultPath)
      const listed = await keyward(['list'])
      expect(listed.exitCode).toBe(1)
      expect(listed.stdout).not.toContain('Clipia')
      // The agent sees the new file at the next request, or between requests (then the socket is gone already).
      if (listed.stderr.includes('agent')) {
        expect(listed.stderr).toMatch(
          /(The vault file was replaced since it was unlocked, so the agent locked\. Unlock again\.|The agent locked while this command asked it; "keyward unlock" unlocks again\.) Asking for the master password instead\./,
        )
      }
      await untilNobodyListens(paths().socket)
      expect(readFileSync(paths().log, 'utf8')).toContain(`keyward agent ${pid}: locked (vault changed)`)
      expect(existsSync(paths().socket)).toBe(false)
      expect(await agentPid()).toBeNull()
      expect(pid).not.toBeNull()
    },
  )

  it('recovers from the socket of an agent killed without locking', { timeout: 60_000 }, async () => {
    expect((await unlock()).exitCode).toBe(0)
    const pid = (await agentPid())!
    process.kill(pid, 'SIGKILL')
    await untilNobodyListens(paths().socket)
    expect(existsSync(paths().socket)).toBe(true)
    const listed = await keyward(['list'])
    expect(listed.stderr).toContain('had stopped without locking (its socket was left behind); the socket was removed.')
    expect(existsSync(paths().socket)).toBe(false)
    const unlocked = await unlock()
    expect(unlocked.exitCode, unlocked.stderr).toBe(0)
    expect(await agentPid()).not.toBe(pid)
  })
})

describe("the agent's folder and socket, made or changed by someone else", () => {
  it(
    "refuses a folder other users can enter, owned by another user or a link, and a socket that is not the user's",
    { timeout: 60_000 },
    async () => {
      expect((await unlock()).exitCode).toBe(0)
      const { folder, socket } = paths()
      const refusedWith = async (text: string) => {
        const listed = await keyward(['list'])
        expect(listed.exitCode).toBe(1)
        expect(listed.stderr).toContain(text)
        expect(listed.stderr).toContain('Asking for the master password instead.')
        expect(listed.stdout).not.toContain('Clipia')
      }
      try {
        chmodSync(folder, 0o777)
        await refusedWith(
          `The agent folder ${folder} can be used by other users (mode 777), so Keyward will not use an agent there.`,
        )
        const unlockThere = await unlock()
        expect(unlockThere.exitCode).toBe(1)
        expect(unlockThere.stderr).toContain('can be used by other users (mode 777)')
        chmodSync(folder, 0o700)

        chownSync(folder, NOBODY, NOBODY)
        await refusedWith(`The agent folder ${folder} belongs to another user (uid ${NOBODY})`)
        chownSync(folder, process.getuid!(), process.getgid!())

        chownSync(socket, NOBODY, NOBODY)
        await refusedWith(`is not a socket of yours (it belongs to uid ${NOBODY}), so Keyward will not talk to it.`)
        chownSync(socket, process.getuid!(), process.getgid!())

        // A link in the folder's place, even to a private folder holding the agent's own socket.
        const moved = join(temp.directory, 'moved-agent-folder')
        renameSync(folder, moved)
        symlinkSync(moved, folder)
        try {
          await refusedWith(`The agent folder ${folder} is a symbolic link, so Keyward will not use an agent there.`)
        } finally {
          unlinkSync(folder)
          renameSync(moved, folder)
        }
      } finally {
        chmodSync(folder, 0o700)
        chownSync(folder, process.getuid!(), process.getgid!())
        if (existsSync(socket)) chownSync(socket, process.getuid!(), process.getgid!())
      }
      expect((await keyward(['list'])).exitCode).toBe(0)
    },
  )

  it(
    'cannot be reached by another user, even where the folders above let them through',
    { timeout: 30_000 },
    async () => {
      expect((await unlock()).exitCode).toBe(0)
      // As under /tmp: everyone may pass through the folders above the agent's own.
      chmodSync(temp.directory, 0o711)
      chmodSync(runtime, 0o711)
      const attempt = await new Promise<string>((resolve, reject) => {
        const child = spawn(
          'python3',
          [
            '-c',
            'import socket,sys\ns=socket.socket(socket.AF_UNIX)\ntry:\n  s.connect(sys.argv[1]); print("connected")\nexcept OSError as e:\n  print(e.errno)',
            paths().socket,
          ],
          { uid: NOBODY, gid: NOBODY, stdio: ['ignore', 'pipe', 'inherit'] },
        )
        let output = ''
        child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text))
        child.on('error', reject)
        child.on('close', () => resolve(output.trim()))
      }).finally(() => {
        chmodSync(runtime, 0o700)
        chmodSync(temp.directory, 0o700)
      })
      // EACCES: the folder is the user's alone, so another user cannot even reach the socket.
      expect(attempt).toBe('13')
    },
  )
})

describe('keyward test through the agent', () => {
  it('tests keys with their provider with no password, answering no value', { timeout: 60_000 }, async () => {
    const simulator = await startProviderSimulator()
    try {
      simulator.registerKey('clipia', { value: clipiaLive })
      expect((await unlock()).exitCode).toBe(0)
      const tested = await keyward([
        'test',
        'Clipia live',
        '--json',
        '--base-url',
        `clipia=${simulator.baseUrls.clipia}`,
        '--ca',
        simulator.caPath,
      ])
      expect(tested.exitCode, tested.stderr).toBe(0)
      expect(JSON.parse(tested.stdout)).toMatchObject([{ name: 'Clipia live', outcome: 'valid', httpStatus: 200 }])
    } finally {
      await simulator.close()
    }
  })
})

describe('the pre-commit hook', () => {
  it(
    "finds the vault's own keys while it is unlocked, and says once that it used the rules only while locked",
    { timeout: 60_000 },
    async () => {
      const repository = GitRepository.create('keyward-agent-hook-')
      try {
        const bin = join(temp.directory, 'bin')
        mkdirSync(bin, { recursive: true })
        writeFileSync(join(bin, 'keyward'), `#!/bin/sh\nexec "${process.execPath}" "${BUILT_CLI}" "$@"\n`, {
          mode: 0o755,
        })
        const hookEnv = { ...env, PATH: `${bin}:${env.PATH}`, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }
        expect((await keyward(['hook', 'install', repository.root])).exitCode).toBe(0)
        const commit = (file: string, text: string) => {
          repository.write(file, text).add(file)
          const result = spawnSync('git', ['commit', '-q', '-m', file], {
            cwd: repository.root,
            env: hookEnv,
            encoding: 'utf8',
          })
          outputs.push({ exitCode: result.status ?? 1, stdout: result.stdout, stderr: result.stderr })
          return result
        }

        expect((await unlock()).exitCode).toBe(0)
        const blocked = commit('notes.md', `the old token is ${legacyLive} for now\n`)
        expect(blocked.status, blocked.stderr).toBe(1)
        expect(blocked.stdout + blocked.stderr).toContain('Legacy live')

        await keyward(['lock'])
        const throughRules = spawnSync('git', ['commit', '-q', '-m', 'notes'], {
          cwd: repository.root,
          env: hookEnv,
          encoding: 'utf8',
        })
        outputs.push({ exitCode: throughRules.status ?? 1, stdout: throughRules.stdout, stderr: throughRules.stderr })
        expect(throughRules.status, throughRules.stderr).toBe(0)
        expect(throughRules.stderr).toContain(
          'the vault is locked, so this scan used the rules only (said once until the next unlock).',
        )
        const next = commit('readme.md', 'nothing secret here\n')
        expect(next.status, next.stderr).toBe(0)
        expect(next.stderr).not.toContain('the vault is locked')
      } finally {
        repository.dispose()
      }
    },
  )
})
