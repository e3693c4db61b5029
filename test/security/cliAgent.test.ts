// The unlocked agent's boundary, from the outside: the built keyward (unlock, list, run, inject, read,
// lock, test) against a real agent process and a real vault; two unlocks at once, a vault file replaced
// under the agent, an agent killed without locking. A folder or socket someone else made:
// cliAgentFolder.test.ts; the pre-commit hook: cliAgentHook.test.ts. Build first: npx electron-vite build.
import { copyFileSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openVault } from '../../main/vault/index'
import { startProviderSimulator } from '../simulator/index'
import { runBuiltCli } from '../integration/cli/builtCli'
import {
  PASSWORD,
  clipiaLive,
  clipiaTest,
  temp,
  vaultPath,
  env,
  keyward,
  unlock,
  paths,
  agentPid,
  untilNobodyListens,
  useCliAgentWorld,
} from './cliAgentWorld'

useCliAgentWorld()

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
