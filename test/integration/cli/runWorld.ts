// What the tests of `keyward run` share: a vault made in-process at a cheap Argon2 cost with the keys
// they run with, the built keyward started detached as a shell or CI job would, the test command it
// runs (test/fixtures/run/child.mjs), and the checks after the file that no value reached an output
// or a file beside the vault.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect } from 'vitest'
import { fakeKeys } from '../../support/fakeKeys'
import { makeTempDirectory } from '../../support/tempVault'
import { CLI_COMMAND, assertCliBuilt, cliEnvironment } from './builtCli'
import { prepareVault } from './prepareVault'

export const PASSWORD = 'correct horse battery staple'
const CHILD = fileURLToPath(new URL('../../fixtures/run/child.mjs', import.meta.url))
export const withPassword = ['--password-file', 'password']

export const clipiaLive = fakeKeys.clipiaLive()
export const clipiaTest = fakeKeys.clipiaTest()
export const airclouTest = fakeKeys.airclouTest()
export const multiByte = `ключ-🔑-${fakeKeys.cloro()}`
/** Every value stored: none may show in any output but a --no-mask run's. */
const secrets = [PASSWORD, clipiaLive, clipiaTest, airclouTest, multiByte]
const outputs: { args: readonly string[]; text: string }[] = []

export let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
export let env: Record<string, string>

export interface Finished {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: Buffer
  stderr: string
}

interface Started {
  pid: number
  /** Resolves once stdout holds the text. */
  stdoutShows(text: string): Promise<void>
  finished: Promise<Finished>
}

/** Starts the built keyward detached, with no controlling terminal, as a CI job or a service would. */
export const startKeyward = (
  args: readonly string[],
  options: { stdin?: string; extraEnv?: Record<string, string>; showsSecrets?: boolean } = {},
): Started => {
  const child = spawn(CLI_COMMAND[0], [...CLI_COMMAND.slice(1), ...args], {
    cwd: temp.directory,
    env: { ...env, ...options.extraEnv },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const stdout: Buffer[] = []
  let stderr = ''
  const waiters: { text: string; done: () => void }[] = []
  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk)
    if (waiters.length === 0) return
    const seen = Buffer.concat(stdout).toString('utf8')
    for (const waiter of waiters.filter((entry) => seen.includes(entry.text))) {
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.done()
    }
  })
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  child.stdin.on('error', () => {})
  child.stdin.end(options.stdin ?? '')
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      const result = { exitCode, signal, stdout: Buffer.concat(stdout), stderr }
      if (!options.showsSecrets) outputs.push({ args, text: result.stdout.toString('utf8') + result.stderr })
      resolve(result)
    })
  })
  return {
    pid: child.pid!,
    stdoutShows: (text) => new Promise((done) => waiters.push({ text, done })),
    finished,
  }
}

export const keyward = (args: readonly string[], options?: Parameters<typeof startKeyward>[1]) =>
  startKeyward(args, options).finished
export const child = (...args: string[]) => ['--', process.execPath, CHILD, ...args]
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const prepare = (argv: string[], stdin?: string) => prepareVault(temp.directory, vaultPath, argv, stdin)

/** Registers the test file's hooks: call once, at the top of the file. */
export const useRunWorld = () => {
  beforeAll(async () => {
    assertCliBuilt()
    temp = makeTempDirectory('keyward-run-')
    vaultPath = join(temp.directory, 'vault.keyward')
    env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: vaultPath })
    writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
    await prepare(['init'])
    await prepare(['add', 'Clipia live', '--tag', 'billing'], clipiaLive)
    await prepare(['add', 'Clipia test'], clipiaTest)
    await prepare(['add', 'Airclou CI', '--tag', 'billing'], airclouTest)
    await prepare(['add', 'Unicode', '--env', 'other', '--env-var', 'UNICODE_KEY'], multiByte)
    await prepare(['add', 'Blank', '--env', 'other', '--env-var', 'BLANK_KEY'], '   ')
  })

  afterAll(() => {
    for (const { args, text } of outputs) {
      for (const secret of secrets) expect(text, `output of keyward ${args.join(' ')}`).not.toContain(secret)
    }
    // Values never touch disk: no file keyward or the commands left beside the vault holds one.
    for (const entry of readdirSync(temp.directory, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('vault.keyward')) continue
      const contents = readFileSync(join(entry.parentPath, entry.name), 'utf8')
      for (const secret of secrets.slice(1)) expect(contents, entry.name).not.toContain(secret)
    }
    temp?.cleanup()
  })
}
