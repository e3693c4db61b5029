// `keyward run` as built and run by a user's shell: real child processes all the way down (keyward,
// then the command it runs), exit codes and signals as a shell sees them, masking of output that
// arrives in pieces or in bulk, terminals kept with --no-mask, and every bad input refused before
// anything runs. The vault is made in-process at a cheap Argon2 cost.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { fakeIo } from '../../unit/cli/fakeCliIo'
import { CLI_COMMAND, assertCliBuilt, cliEnvironment, runBuiltCliOnTerminal } from './builtCli'

const PASSWORD = 'correct horse battery staple'
const CHILD = fileURLToPath(new URL('../../fixtures/run/child.mjs', import.meta.url))
const withPassword = ['--password-file', 'password']

const clipiaLive = fakeKeys.clipiaLive()
const clipiaTest = fakeKeys.clipiaTest()
const airclouTest = fakeKeys.airclouTest()
const multiByte = `ключ-🔑-${fakeKeys.cloro()}`
/** Every value stored: none may show in any output but a --no-mask run's. */
const secrets = [PASSWORD, clipiaLive, clipiaTest, airclouTest, multiByte]
const outputs: { args: readonly string[]; text: string }[] = []

let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let env: Record<string, string>

interface Finished {
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
const startKeyward = (
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

const keyward = (args: readonly string[], options?: Parameters<typeof startKeyward>[1]) =>
  startKeyward(args, options).finished
const child = (...args: string[]) => ['--', process.execPath, CHILD, ...args]
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const prepare = async (argv: string[], stdin?: string) => {
  const io = fakeIo({ cwd: temp.directory, env: { KEYWARD_VAULT: vaultPath }, stdin })
  const exitCode = await runCli([...argv, ...withPassword], io, { kdfCost: TEST_KDF_COST })
  expect(exitCode, io.err()).toBe(0)
}

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

describe('keyward run: the command and its exit', () => {
  it('gives the chosen keys to the command under their variables, and nothing else', async () => {
    const result = await keyward([
      'run',
      '--env',
      'live',
      ...withPassword,
      ...child('env-hash', 'CLIPIA_KEY', 'AIRCLOU_API_KEY'),
    ])
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe(`CLIPIA_KEY=${sha256(clipiaLive)}\nAIRCLOU_API_KEY=unset\n`)
    const tagged = await keyward([
      'run',
      '--tag',
      'billing',
      ...withPassword,
      ...child('env-hash', 'CLIPIA_KEY', 'AIRCLOU_API_KEY'),
    ])
    expect(tagged.stdout.toString()).toBe(`CLIPIA_KEY=${sha256(clipiaLive)}\nAIRCLOU_API_KEY=${sha256(airclouTest)}\n`)
    const only = await keyward([
      'run',
      '--only',
      'clipia TEST',
      'Unicode',
      ...withPassword,
      ...child('env-hash', 'CLIPIA_KEY', 'UNICODE_KEY'),
    ])
    expect(only.stdout.toString()).toBe(`CLIPIA_KEY=${sha256(clipiaTest)}\nUNICODE_KEY=${sha256(multiByte)}\n`)
  })

  it('passes the exit code through: 0, 3, 42', async () => {
    for (const code of [0, 3, 42]) {
      const result = await keyward(['run', '--env', 'live', ...withPassword, ...child('exit', String(code))])
      expect(result, result.stderr).toMatchObject({ exitCode: code, signal: null, stderr: '' })
    }
  })

  it('ends the way the command ended when a signal killed it (SIGTERM, SIGKILL)', async () => {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      const result = await keyward(['run', '--env', 'live', ...withPassword, ...child('kill-self', signal)])
      expect(result, result.stderr).toMatchObject({ exitCode: null, signal })
    }
  })

  it('reports 128 + n for a signal when run in-process (no process to end)', async () => {
    const io = fakeIo({ cwd: temp.directory, env: { ...env } })
    const exitCode = await runCli(['run', '--env', 'live', ...withPassword, ...child('kill-self', 'SIGTERM')], io)
    expect(exitCode, io.err()).toBe(143)
  })

  it('passes SIGINT, SIGTERM and SIGHUP it receives on to the command', async () => {
    for (const [signal, code] of [
      ['SIGINT', 7],
      ['SIGTERM', 8],
      ['SIGHUP', 9],
    ] as const) {
      const started = startKeyward(['run', '--env', 'live', ...withPassword, ...child('trap', signal, String(code))])
      await started.stdoutShows('ready')
      process.kill(started.pid, signal)
      const result = await started.finished
      expect(result, result.stderr).toMatchObject({ exitCode: code, signal: null })
      expect(result.stdout.toString()).toBe(`ready\ngot ${signal}\n`)
    }
  })

  it('says so when the command cannot be found or run (127, 126), and runs nothing', async () => {
    const missing = await keyward(['run', '--env', 'live', ...withPassword, '--', 'no-such-command-here', '--flag'])
    expect(missing.exitCode).toBe(127)
    expect(missing.stderr).toBe('keyward: no-such-command-here: command not found. Nothing was run.\n')
    writeFileSync(join(temp.directory, 'not-executable'), '#!/bin/sh\n', { mode: 0o644 })
    const notExecutable = await keyward(['run', '--env', 'live', ...withPassword, '--', './not-executable'])
    expect(notExecutable.exitCode).toBe(126)
    expect(notExecutable.stderr).toContain('cannot be run')
  })

  it('leaves stdin to the command, and with --password-stdin takes only the password line', async () => {
    const piped = await keyward(['run', '--env', 'live', ...withPassword, ...child('cat')], {
      stdin: 'line one\nline two\n',
    })
    expect(piped.stdout.toString()).toBe('line one\nline two\n')
    const shared = await keyward(['run', '--env', 'live', '--password-stdin', ...child('cat')], {
      stdin: `${PASSWORD}\nthe rest\nof stdin\n`,
    })
    expect(shared.stderr).toBe('')
    expect(shared.stdout.toString()).toBe('the rest\nof stdin\n')
  })
})

describe('keyward run: keyward:// references in the environment', () => {
  it('replaces each variable holding a reference with the value it names', async () => {
    const result = await keyward([...withPassword, 'run', ...child('env-hash', 'CLIPIA_KEY', 'AIR', 'UNI', 'PLAIN')], {
      extraEnv: {
        CLIPIA_KEY: 'keyward://clipia/test/Clipia test',
        AIR: 'keyward://Airclou%20CI',
        UNI: ' keyward://unicode ',
        PLAIN: 'left as it is',
      },
    })
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe(
      `CLIPIA_KEY=${sha256(clipiaTest)}\nAIR=${sha256(airclouTest)}\nUNI=${sha256(multiByte)}\nPLAIN=${sha256('left as it is')}\n`,
    )
  })

  it('accepts a reference and a chosen key on one variable when both name the same key', async () => {
    const result = await keyward(['run', '--env', 'live', ...withPassword, ...child('env-hash', 'CLIPIA_KEY')], {
      extraEnv: { CLIPIA_KEY: 'keyward://Clipia live' },
    })
    expect(result.stdout.toString()).toBe(`CLIPIA_KEY=${sha256(clipiaLive)}\n`)
  })
})

describe('keyward run: masking', () => {
  const lines = (result: Finished) => result.stdout.toString('utf8')

  it('masks the values in stdout and stderr', async () => {
    const result = await keyward(['run', '--env', 'live', ...withPassword, ...child('print', 'CLIPIA_KEY')])
    expect(lines(result)).toBe(`out: clipia_live_••••${clipiaLive.slice(-4)}\n`)
    expect(result.stderr).toBe(`err: clipia_live_••••${clipiaLive.slice(-4)}\n`)
  })

  it('masks a value written one byte at a time, on both streams', async () => {
    const result = await keyward(['run', '--only', 'Unicode', ...withPassword, ...child('bytewise', 'UNICODE_KEY')])
    // No known prefix: dots and the last four characters.
    expect(lines(result)).toBe(`token=••••${multiByte.slice(-4)}\n`)
    expect(result.stderr).toBe(`token=••••${multiByte.slice(-4)}\n`)
  })

  it('masks a value written in two halves, apart in time', async () => {
    const result = await keyward(['run', '--env', 'live', ...withPassword, ...child('halves', 'CLIPIA_KEY')])
    expect(lines(result)).toBe(`first clipia_live_••••${clipiaLive.slice(-4)} last\n`)
  })

  it('masks a value from a reference in the environment too', async () => {
    const result = await keyward([...withPassword, 'run', ...child('print', 'TOKEN')], {
      extraEnv: { TOKEN: 'keyward://Clipia test' },
    })
    expect(lines(result)).toBe(`out: clipia_test_••••${clipiaTest.slice(-4)}\n`)
  })

  it('passes tens of megabytes through, every byte right', async () => {
    const count = 400_000
    const result = await keyward([
      'run',
      '--env',
      'live',
      ...withPassword,
      ...child('large', 'CLIPIA_KEY', String(count)),
    ])
    expect(result.exitCode, result.stderr).toBe(0)
    const mask = `clipia_live_••••${clipiaLive.slice(-4)}`
    let expected = ''
    const hash = createHash('sha256')
    for (let index = 0; index < count; index += 1) {
      expected += index % 997 === 0 ? `${index} secret=${mask};\n` : `${index} ${'x'.repeat(70)} é\n`
      if (expected.length > 1_000_000) {
        hash.update(expected)
        expected = ''
      }
    }
    hash.update(expected)
    expect(result.stdout.length).toBeGreaterThan(30 * 1024 * 1024)
    expect(createHash('sha256').update(result.stdout).digest('hex')).toBe(hash.digest('hex'))
  })

  it('passes output on unmasked with --no-mask', async () => {
    const result = await keyward(
      ['run', '--env', 'live', '--no-mask', ...withPassword, ...child('print', 'CLIPIA_KEY')],
      { showsSecrets: true },
    )
    expect(lines(result)).toBe(`out: ${clipiaLive}\n`)
  })

  // Under a pseudo-terminal driven by python3's pty module, as terminal.test.ts does.
  it('keeps stdout and stderr a terminal with --no-mask, and pipes them to mask otherwise', async () => {
    const unmasked = await runBuiltCliOnTerminal(
      ['run', '--env', 'live', '--no-mask', ...withPassword, ...child('isatty', 'CLIPIA_KEY')],
      {
        cwd: temp.directory,
        env,
        steps: [],
      },
    )
    expect(unmasked.failure).toBeNull()
    expect(unmasked.exitCode).toBe(0)
    expect(unmasked.screen).toBe(`stdin=true stdout=true stderr=true value=${clipiaLive}\r\n`)
    const masked = await runBuiltCliOnTerminal(
      ['run', '--env', 'live', ...withPassword, ...child('isatty', 'CLIPIA_KEY')],
      { cwd: temp.directory, env, steps: [] },
    )
    expect(masked.screen).toBe(`stdin=true stdout=false stderr=false value=clipia_live_••••${clipiaLive.slice(-4)}\r\n`)
  })

  it('delivers a Ctrl-C typed at the terminal to the command once', async () => {
    const result = await runBuiltCliOnTerminal(
      ['run', '--env', 'live', ...withPassword, ...child('trap', 'SIGINT', '5')],
      {
        cwd: temp.directory,
        env,
        steps: [{ expect: 'ready', send: '\u0003' }],
      },
    )
    expect(result.exitCode).toBe(5)
    expect(result.screen.match(/got SIGINT/g)).toHaveLength(1)
  })
})

describe('keyward run: bad input, refused before anything runs', () => {
  const marker = () => join(temp.directory, 'ran-marker')
  const touch = () => child('touch', marker())
  const refused = async (args: readonly string[], options?: Parameters<typeof startKeyward>[1]) => {
    const result = await keyward(args, options)
    expect(existsSync(marker()), 'the command ran').toBe(false)
    expect(result.stdout.toString()).toBe('')
    return result
  }

  it('no command, or no -- before it: a usage error', async () => {
    const none = await refused(['run', '--env', 'live', ...withPassword, '--'])
    expect(none.exitCode).toBe(2)
    expect(none.stderr).toContain('keyward: the command to run is missing: write it after --')
    const bare = await refused(['run', '--env', 'live', ...withPassword, process.execPath])
    expect(bare.exitCode).toBe(2)
    expect(bare.stderr).toContain('keyward: put -- before the command')
  })

  it('no keys chosen and no references: a usage error', async () => {
    const result = await refused(['run', ...withPassword, ...touch()])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('choose the keys to give the command with --env, --tag or --only')
  })

  it('a missing vault', async () => {
    const result = await refused(['run', '--env', 'live', '--vault', 'nowhere.keyward', ...withPassword, ...touch()])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(
      `keyward: No vault at ${join(temp.directory, 'nowhere.keyward')}. Create one with "keyward init", or point to yours with --vault PATH or KEYWARD_VAULT.\n`,
    )
  })

  it('a locked vault with no way to ask for its password', async () => {
    const result = await refused(['run', '--env', 'live', ...touch()])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('There is no terminal to ask for the master password')
  })

  it('a wrong password on stdin', async () => {
    const result = await refused(['run', '--env', 'live', '--password-stdin', ...touch()], {
      stdin: 'not the password\n',
    })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe('keyward: Wrong master password. Check Caps Lock and try again.\n')
  })

  it('a reference with a typo, naming the variable and the close names', async () => {
    const result = await refused([...withPassword, 'run', ...touch()], {
      extraEnv: { CLIPIA_KEY: 'keyward://Clipia lve' },
    })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(
      'keyward: CLIPIA_KEY: No key matches keyward://Clipia lve. Did you mean keyward://Clipia live? Nothing was run. "keyward list" shows every key.\n',
    )
  })

  it('every problem at once, one line each', async () => {
    const result = await refused([...withPassword, 'run', ...touch()], {
      extraEnv: { A: 'keyward://nope', B: 'keyward://', C: 'keyward://blank' },
    })
    expect(result.exitCode).toBe(1)
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'keyward: A: No key matches keyward://nope.',
      'keyward: B: keyward:// names no key: write keyward://KEY NAME or keyward://provider/environment/name.',
      'keyward: C: keyward://blank names "Blank", whose value is empty. Give the key its value first.',
      'keyward: 3 problems; nothing was run. "keyward list" shows every key.',
    ])
  })

  it('two chosen keys on one variable, naming both', async () => {
    const result = await refused(['run', '--only', 'Clipia live', 'Clipia test', ...withPassword, ...touch()])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('keyward: CLIPIA_KEY would be set by 2 keys: "Clipia live", "Clipia test".')
  })

  it('a reference and a chosen key naming different keys on one variable', async () => {
    const result = await refused(['run', '--env', 'live', ...withPassword, ...touch()], {
      extraEnv: { CLIPIA_KEY: 'keyward://Clipia test' },
    })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain(
      'CLIPIA_KEY is set twice: CLIPIA_KEY=keyward://Clipia test names "Clipia test", and the chosen key "Clipia live" lands on CLIPIA_KEY too.',
    )
  })

  it('--only with a typo, or a key its filters leave out', async () => {
    const typo = await refused(['run', '--only', 'Clipia lve', ...withPassword, ...touch()])
    expect(typo.stderr).toContain(
      'keyward: --only Clipia lve: No key matches Clipia lve. Did you mean keyward://Clipia live?',
    )
    const filtered = await refused(['run', '--env', 'live', '--only', 'Clipia test', ...withPassword, ...touch()])
    expect(filtered.stderr).toContain(
      'keyward: --only Clipia test: "Clipia test" is a test key, which --env live leaves out.',
    )
  })

  it('a chosen key with an empty value', async () => {
    const result = await refused(['run', '--only', 'Blank', ...withPassword, ...touch()])
    expect(result.stderr).toContain('"Blank", chosen for BLANK_KEY, has an empty value.')
  })

  it('filters that choose no key', async () => {
    const result = await refused(['run', '--tag', 'nothing-has-this', ...withPassword, ...touch()])
    expect(result.stderr).toContain('keyward: No key matches --tag nothing-has-this. Nothing was run.')
  })
})
