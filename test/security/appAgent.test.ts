// The open app as the agent, from the outside: the built keyward against the app's side of the
// socket (main/cli/agent/appServer.ts) on a real unlocked session and a real vault, with the prompt
// answered by the test as the user would. Masked lists without asking; values only once allowed;
// Deny and no answer are clear errors; "Allow this terminal" holds for that terminal's session only,
// for its time; the app locking stops it at once; the keys a request gives out are the ones shown.
// Build first: npx electron-vite build.
import { chownSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CommandPrompt, PromptAnswer } from '../../main/cli/index'
import { serveCommandsWhileUnlocked } from '../../main/cli/index'
import { agentPathsFor } from '../../main/cli/agent/runtimeFolder'
import { VaultSession, createVault, openVault } from '../../main/vault/index'
import { fakeKeys } from '../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../support/tempVault'
import { TerminalSession } from '../support/terminalSession'
import { CLI_COMMAND, assertCliBuilt, cliEnvironment, runBuiltCli, type CliRun } from '../integration/cli/builtCli'

const PASSWORD = 'correct horse battery staple'
const NOBODY = 65534
const clipiaLive = fakeKeys.clipiaLive()
const clipiaTest = fakeKeys.clipiaTest()
const secrets = [PASSWORD, clipiaLive, clipiaTest]

/** What the test answers the next prompts: a choice, or 'no answer' (the prompt stays until closed). */
type Scripted = PromptAnswer | 'no answer' | ((prompt: CommandPrompt) => PromptAnswer)

let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let project: string
let env: Record<string, string>
let session: VaultSession
let stopServing: () => void
let answers: Scripted[]
let prompts: CommandPrompt[]
let logged: string[]
let now: number
const outputs: CliRun[] = []
const terminals: TerminalSession[] = []

const keyward = async (args: readonly string[], terminal?: TerminalSession): Promise<CliRun> => {
  const run = terminal
    ? await terminal.run([...CLI_COMMAND, ...args], { cwd: project, env })
    : await runBuiltCli(args, { cwd: project, env })
  // A refused command shows no value (an allowed read prints its value, as it should).
  if (run.exitCode !== 0) outputs.push(run)
  return run
}
const paths = () => agentPathsFor(vaultPath, env)

const serve = (options: { promptTimeoutMs?: number } = {}) => {
  stopServing = serveCommandsWhileUnlocked({
    session,
    env,
    homeDirectory: temp.directory,
    promptTimeoutMs: options.promptTimeoutMs ?? 20_000,
    now: () => now,
    log: (line) => logged.push(line),
    ask: async (prompt, signal) => {
      prompts.push(prompt)
      const next = answers.shift() ?? 'deny'
      if (next !== 'no answer') return typeof next === 'function' ? next(prompt) : next
      // Nobody answers: the box stays until main closes it, which answers Deny.
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
      return 'deny'
    },
  })
}

const untilServing = async () => {
  for (let tries = 0; !logged.at(-1)?.startsWith('answering commands'); tries++) {
    if (tries > 200) throw new Error('The app never opened its socket.')
    await sleep(10)
  }
}

const cliEntries = async () => {
  const vault = session.peekVault()!
  return vault.audit.list().entries.filter((entry) => entry.actor === 'cli via app')
}

beforeAll(async () => {
  assertCliBuilt()
  temp = makeTempDirectory('keyward-app-agent-')
  vaultPath = join(temp.directory, 'vault.keyward')
  project = join(temp.directory, 'shop')
  mkdirSync(project)
  const runtime = join(temp.directory, 'run')
  mkdirSync(runtime, { mode: 0o700 })
  env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: vaultPath, XDG_RUNTIME_DIR: runtime })
  const made = await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
  made.keys.add({ name: 'Clipia live', value: clipiaLive, environment: 'live' })
  made.keys.add({ name: 'Clipia test', value: clipiaTest, environment: 'test' })
  made.close()
})

beforeEach(async () => {
  answers = []
  prompts = []
  logged = []
  now = Date.now()
  session = new VaultSession({ vaultPath, kdfCost: TEST_KDF_COST })
  await session.unlock(PASSWORD)
})

afterEach(() => {
  stopServing?.()
  session.lock('user')
  for (const terminal of terminals.splice(0)) terminal.close()
  // The app's log says what it did, never a value, a key's name or the password.
  for (const secret of [...secrets, 'Clipia']) expect(logged.join('\n')).not.toContain(secret)
})

afterAll(() => {
  for (const { stdout, stderr } of outputs)
    for (const secret of secrets) expect(stdout + stderr, stdout + stderr).not.toContain(secret)
  temp?.cleanup()
})

describe('the open app answering keyward', () => {
  it('lists masked keys without asking, and gives values only once allowed, recorded as "cli via app"', async () => {
    serve()
    await untilServing()
    expect(statSync(paths().appSocket).mode & 0o777).toBe(0o600)
    const listed = await keyward(['list'])
    expect(listed.exitCode, listed.stderr).toBe(0)
    expect(listed.stdout).toContain('Clipia live')
    const status = await keyward(['agent', 'status'])
    expect(status).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('Unlocked in the Keyward app: ') })
    // The app's own auto-lock (5 minutes by default), not a time made up for the answer.
    expect(status.stdout).toContain('(after 5 min without use), or from its window.')
    const locksAt = Date.parse(/The app locks at (\S+) unless/.exec(status.stdout)?.[1] ?? '')
    expect(locksAt - Date.now()).toBeGreaterThan(4 * 60_000)
    expect(locksAt - Date.now()).toBeLessThanOrEqual(5 * 60_000)
    expect(prompts).toEqual([])

    answers.push('once')
    const read = await runBuiltCli(['read', 'keyward://Clipia live'], { cwd: project, env })
    expect(read).toMatchObject({ exitCode: 0, stdout: `${clipiaLive}\n` })
    expect(prompts).toEqual([
      expect.objectContaining({
        command: 'keyward read',
        folder: '~/shop',
        keyNames: ['Clipia live'],
        process: expect.stringMatching(/^pid \d+: .*cli\.js read keyward:\/\/Clipia live$/),
      }),
    ])

    answers.push('once')
    const ran = await runBuiltCli(
      [
        'run',
        '--env',
        'test',
        '--',
        process.execPath,
        '-e',
        'process.stdout.write(String(Object.values(process.env).includes(process.argv[1])))',
        clipiaTest,
      ],
      { cwd: project, env },
    )
    expect(ran).toMatchObject({ exitCode: 0, stdout: 'true' })
    expect(prompts[1]).toMatchObject({ command: 'keyward run', keyNames: ['Clipia test'] })
    expect((await cliEntries()).slice(0, 2).map((entry) => entry.action)).toEqual([
      'keys given to a command',
      'value read',
    ])
  })

  it('refuses with a clear error when the user denies or nobody answers in time, giving nothing', async () => {
    serve({ promptTimeoutMs: 2_000 })
    await untilServing()
    answers.push('deny')
    const denied = await keyward(['read', 'keyward://Clipia live'])
    expect(denied.exitCode).toBe(1)
    expect(denied.stdout).toBe('')
    expect(denied.stderr).toBe('keyward: The Keyward app denied keyward read in ~/shop; nothing was given.\n')

    answers.push('no answer')
    const unanswered = await keyward(['export', '--env', 'live'])
    expect(unanswered.exitCode).toBe(1)
    expect(unanswered.stdout).toBe('')
    expect(unanswered.stderr).toContain('waiting for you to allow or deny this command in the Keyward app')
    expect(unanswered.stderr).toContain(
      'keyward: Nobody allowed keyward export in ~/shop in the Keyward app within 2 s; nothing was given.\n',
    )
    expect((await cliEntries()).slice(0, 2).map((entry) => [entry.action, entry.subject, entry.detail])).toEqual([
      ['values refused to a command', 'keyward export in ~/shop', 'Clipia live'],
      ['values refused to a command', 'keyward read in ~/shop', 'Clipia live'],
    ])
  })

  it('allows a terminal for its session only, and only for its time', { timeout: 60_000 }, async () => {
    serve()
    await untilServing()
    const shop = new TerminalSession()
    const other = new TerminalSession()
    terminals.push(shop, other)
    answers.push('terminal')
    expect(await keyward(['read', 'keyward://Clipia test'], shop)).toMatchObject({
      exitCode: 0,
      stdout: `${clipiaTest}\n`,
    })
    expect(prompts[0]).toMatchObject({ terminalKnown: true, terminalMinutes: 10 })
    // The same terminal again: no prompt.
    expect(await keyward(['read', 'keyward://Clipia live'], shop)).toMatchObject({ exitCode: 0 })
    expect(prompts).toHaveLength(1)
    // Another terminal, and a command in no terminal's session, are asked again (and denied here).
    expect(await keyward(['read', 'keyward://Clipia live'], other)).toMatchObject({ exitCode: 1, stdout: '' })
    expect((await keyward(['read', 'keyward://Clipia live'])).exitCode).toBe(1)
    expect(prompts).toHaveLength(3)
    // Ten minutes later the first terminal is asked again.
    now += 10 * 60_000 + 1
    expect(await keyward(['read', 'keyward://Clipia live'], shop)).toMatchObject({ exitCode: 1, stdout: '' })
    expect(prompts).toHaveLength(4)
  })

  it('gives nothing when the keys a request names changed while the user was asked', async () => {
    serve()
    await untilServing()
    answers.push(() => {
      session.vault().keys.add({ name: 'Clipia staging', value: fakeKeys.clipiaTest(), environment: 'test' })
      return 'once'
    })
    const exported = await keyward(['export', '--env', 'test'])
    expect(prompts[0]?.keyNames).toEqual(['Clipia test'])
    expect(exported.exitCode).toBe(1)
    expect(exported.stdout).toBe('')
    expect(exported.stderr).toContain('The keys it names changed while the Keyward app asked; nothing was given.')
  })

  it('stops answering the moment the app locks, even with a prompt open, and the command asks for the password', async () => {
    serve()
    await untilServing()
    answers.push('no answer')
    const waiting = keyward(['read', 'keyward://Clipia live'])
    while (prompts.length === 0) await sleep(10)
    session.lock('user')
    const read = await waiting
    expect(read.exitCode).toBe(1)
    expect(read.stdout).toBe('')
    expect(read.stderr).toContain('The Keyward app locked while it asked; nothing was given.')
    expect(read.stderr).toContain('There is no terminal to ask for the master password.')
    expect(existsSync(paths().appSocket)).toBe(false)
    expect(await keyward(['agent', 'status'])).toMatchObject({
      exitCode: 1,
      stdout: expect.stringContaining('Locked: no agent and no unlocked Keyward app holds'),
    })
    const listed = await keyward(['list'])
    expect(listed.exitCode).toBe(1)
    expect(listed.stderr).toMatch(/^keyward: There is no terminal to ask for the master password\./)
    // Unlocked again, it answers again.
    await session.unlock(PASSWORD)
    await untilServing()
    expect((await keyward(['list'])).exitCode).toBe(0)
  })

  it("is not used when its socket is not the user's", async () => {
    serve()
    await untilServing()
    chownSync(paths().appSocket, NOBODY, NOBODY)
    const listed = await keyward(['list'])
    expect(listed.exitCode).toBe(1)
    expect(listed.stderr).toContain(`is not a socket of yours (it belongs to uid ${NOBODY})`)
    expect(listed.stdout).toBe('')
  })
})

describe('opening the vault with the audit log as the app left it', () => {
  it('keeps the entries of the app answering commands', async () => {
    serve()
    await untilServing()
    answers.push('deny')
    await keyward(['read', 'keyward://Clipia live'])
    session.lock('user')
    const vault = await openVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
    try {
      expect(vault.audit.list().entries.some((entry) => entry.actor === 'cli via app')).toBe(true)
    } finally {
      vault.close()
    }
  })
})
