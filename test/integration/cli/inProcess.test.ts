// Every command run in-process on a real vault file (cheap Argon2 cost), with scripted stdin and a
// scripted terminal: prompts, confirmations, refusals and messages.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import type { KeyRecord } from '#contract'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { FakeTerminal, fakeIo, type FakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'

const PASSWORD = 'correct horse battery'
let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let passwordFile: string
/** Every secret value a test used: none may appear in any output but an explicit export. */
let secrets: string[]
let outputs: string[]

beforeEach(() => {
  temp = makeTempDirectory('keyward-cli-')
  vaultPath = join(temp.directory, 'vault.keyward')
  passwordFile = join(temp.directory, 'password')
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 })
  secrets = [PASSWORD]
  outputs = []
})
afterEach(() => {
  for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret)
  temp.cleanup()
})

const run = async (argv: string[], options: FakeIoOptions = {}, { showsSecrets = false } = {}) => {
  const io: FakeIo = fakeIo({ cwd: temp.directory, env: { KEYWARD_VAULT: vaultPath }, ...options })
  const exitCode = await runCli(argv, io, { kdfCost: TEST_KDF_COST })
  const result = { exitCode, stdout: io.out(), stderr: io.err() }
  if (!showsSecrets) outputs.push(result.stdout, result.stderr, options.terminal?.shown ?? '')
  return result
}
const withPassword = ['--password-file', 'password']

const initVault = async () => expect((await run(['init', ...withPassword])).exitCode).toBe(0)

const addKey = async (name: string, value: string, extra: string[] = []) => {
  secrets.push(value)
  const result = await run(['add', name, ...extra, ...withPassword], { stdin: `${value}\n` })
  expect(result, result.stderr).toMatchObject({ exitCode: 0 })
  return result
}

const listJson = async (extra: string[] = []): Promise<KeyRecord[]> => {
  const result = await run(['list', '--json', ...extra, ...withPassword])
  expect(result.exitCode).toBe(0)
  return JSON.parse(result.stdout) as KeyRecord[]
}

describe('init', () => {
  it('asks for the password twice on a terminal, then creates the vault', async () => {
    const terminal = new FakeTerminal().type(`${PASSWORD}\r${PASSWORD}\r`)
    const result = await run(['init'], { stdinIsTTY: true, terminal })
    expect(result.exitCode).toBe(0)
    expect(terminal.shown).toContain('New master password')
    expect(terminal.shown).toContain('Type it again')
    expect(result.stdout).toContain(`Created a vault at ${vaultPath}`)
    expect(statSync(vaultPath).mode & 0o777).toBe(0o600)
    expect((await run(['list', ...withPassword])).stdout).toContain('no keys yet')
  })

  it('creates nothing when the two passwords differ, or one is shorter than 8 characters', async () => {
    const differ = await run(['init'], { terminal: new FakeTerminal().type(`${PASSWORD}\rsomething else\r`.repeat(3)) })
    expect(differ).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: The two passwords differ; after 3 tries nothing was created. Run keyward init again.\n',
    })
    const short = await run(['init', '--password-stdin'], { stdin: 'short\n' })
    expect(short).toMatchObject({ exitCode: 1, stderr: 'keyward: A master password needs at least 8 characters.\n' })
    expect(existsSync(vaultPath)).toBe(false)
  })

  it('refuses to replace an existing vault', async () => {
    await initVault()
    const again = await run(['init', ...withPassword])
    expect(again).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('A vault already exists') })
  })

  it('uses --vault over KEYWARD_VAULT, relative to the working folder', async () => {
    expect((await run(['init', '--vault', 'other.keyward', ...withPassword])).exitCode).toBe(0)
    expect(existsSync(join(temp.directory, 'other.keyward'))).toBe(true)
    expect(existsSync(vaultPath)).toBe(false)
  })
})

describe('master password sources', () => {
  it('reads the first line of stdin, of --password-file, or of KEYWARD_PASSWORD_FILE', async () => {
    await initVault()
    expect((await run(['list', '--password-stdin'], { stdin: `${PASSWORD}\nignored\n` })).exitCode).toBe(0)
    const fromEnvironment = await run(['list'], {
      env: { KEYWARD_VAULT: vaultPath, KEYWARD_PASSWORD_FILE: passwordFile },
    })
    expect(fromEnvironment.exitCode).toBe(0)
  })

  it('explains what to do when there is no terminal to ask', async () => {
    await initVault()
    const result = await run(['list'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(
      /^keyward: There is no terminal to ask for the master password\. Give it with --password-file/,
    )
  })

  it('warns when the password file can be read by others', async () => {
    await initVault()
    writeFileSync(join(temp.directory, 'open-password'), PASSWORD, { mode: 0o644 })
    const result = await run(['list', '--password-file', 'open-password'])
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toContain('can be read by other users')
  })

  it('is canceled by Ctrl-C at the prompt (exit 130, nothing changed)', async () => {
    await initVault()
    const result = await run(['list'], { stdinIsTTY: true, terminal: new FakeTerminal().type('\u0003') })
    expect(result).toMatchObject({ exitCode: 130, stderr: 'keyward: Canceled; nothing was changed.\n' })
  })
})

describe('add', () => {
  it('reads the value from a hidden prompt on a terminal and reports the guess', async () => {
    await initVault()
    const value = fakeKeys.airclouTest()
    secrets.push(value)
    const terminal = new FakeTerminal().type(`${PASSWORD}\r${value}\r`)
    const result = await run(['add', 'Airclou CI', '--tag', 'ci'], { stdinIsTTY: true, terminal })
    expect(result.exitCode).toBe(0)
    expect(terminal.shown).toBe('Master password: \nValue of "Airclou CI" (hidden): \n')
    expect(result.stdout).toMatch(/provider\s+airclou\s+\(guessed from the value\)/)
    expect(result.stdout).toMatch(/environment\s+test\s+\(guessed from the value\)/)
    expect(result.stdout).toContain('ac_test_••••')
  })

  it('refuses a name already taken before asking for the value', async () => {
    await initVault()
    await addKey('Clipia prod', fakeKeys.clipiaLive())
    const terminal = new FakeTerminal().type(`${PASSWORD}\r`)
    const result = await run(['add', 'clipia PROD', '--password-file', 'password'], { stdinIsTTY: true, terminal })
    expect(result).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('A key named "Clipia prod" is already in the vault'),
    })
    expect(terminal.shown).toBe('')
  })

  it('notes a value already stored under another name, and a shared prefix', async () => {
    await initVault()
    const value = fakeKeys.agentclaraLive()
    await addKey('First', value)
    const second = await addKey('Second', value)
    expect(second.stderr).toContain('the same value is also stored as "First"')
    expect(second.stderr).toContain('that prefix is also used by stripe')
  })

  it('checks the options before reading anything, naming the option to fix', async () => {
    await initVault()
    const badDate = await run(['add', 'X', '--expires', 'next week', ...withPassword], { stdin: 'abc' })
    expect(badDate).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('--expires takes a date like 2026-12-31'),
    })
    const badVariable = await run(['add', 'X', '--env-var', 'not-a-var', ...withPassword], { stdin: 'abc' })
    expect(badVariable).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('--env-var: An env var name uses letters'),
    })
    const badEnvironment = await run(['add', 'X', '--env', 'prod', ...withPassword], { stdin: 'abc' })
    expect(badEnvironment.exitCode).toBe(2)
    expect(badEnvironment.stderr).toContain("argument 'prod' is invalid. Allowed choices are live, test, other")
    expect(await listJson()).toEqual([])
  })

  it('takes no value argument, and does not echo one back', async () => {
    const value = fakeKeys.clipiaLive()
    secrets.push(value)
    const result = await run(['add', 'Clipia prod', value])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain("too many arguments for 'add'")
    expect(result.stderr).toContain("A key's value is never an argument")
  })
})

describe('edit', () => {
  it('changes only the fields given; tags and scopes are replaced or cleared', async () => {
    await initVault()
    await addKey('Clipia prod', fakeKeys.clipiaLive(), ['--tag', 'billing', '--scope', 'read', '--notes', 'first'])
    const result = await run([
      'edit',
      'Clipia prod',
      '--tag',
      'ops',
      '--tag',
      'ops ',
      '--clear-scopes',
      '--provider',
      'none',
      ...withPassword,
    ])
    expect(result.exitCode).toBe(0)
    const [key] = await listJson()
    expect(key).toMatchObject({
      name: 'Clipia prod',
      tags: ['ops'],
      scopes: [],
      provider: null,
      notes: 'first',
      versionCount: 1,
    })
  })

  it('asks for a new value with --value, and says when it is the same as before', async () => {
    await initVault()
    const value = fakeKeys.clipiaLive()
    await addKey('Clipia prod', value)
    const same = await run(['edit', 'Clipia prod', '--value'], {
      stdinIsTTY: true,
      terminal: new FakeTerminal().type(`${PASSWORD}\r${value}\r`),
    })
    expect(same.exitCode).toBe(0)
    expect(same.stderr).toContain('no new version was made')
    const next = fakeKeys.clipiaLive()
    secrets.push(next)
    const changed = await run(['edit', 'Clipia prod', '--value', ...withPassword], {
      terminal: new FakeTerminal().type(`${next}\r`),
    })
    expect(changed.stdout).toContain('new value stored as version 2')
  })

  it('suggests close names for an unknown one', async () => {
    await initVault()
    await addKey('Clipia prod', fakeKeys.clipiaLive())
    const result = await run(['edit', 'clipa prod', '--notes', 'x', ...withPassword])
    expect(result).toMatchObject({
      exitCode: 1,
      stderr:
        'keyward: No key named "clipa prod" in the vault. Did you mean "Clipia prod"? "keyward list" shows every key.\n',
    })
  })

  it('is a usage error with nothing to change', async () => {
    const result = await run(['edit', 'Clipia prod', ...withPassword])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('nothing to change')
  })
})

describe('list', () => {
  it('filters by environment, provider (id or name), tag and text', async () => {
    await initVault()
    await addKey('Clipia prod', fakeKeys.clipiaLive(), ['--tag', 'billing'])
    await addKey('Clipia dev', fakeKeys.clipiaTest())
    await addKey('Airclou CI', fakeKeys.airclouTest(), ['--notes', 'used by the nightly build'])
    const names = async (extra: string[]) => (await listJson(extra)).map((key) => key.name)
    expect(await names(['--env', 'test'])).toEqual(['Airclou CI', 'Clipia dev'])
    expect(await names(['--provider', 'Clipia'])).toEqual(['Clipia dev', 'Clipia prod'])
    expect(await names(['--tag', 'billing'])).toEqual(['Clipia prod'])
    expect(await names(['--search', 'nightly'])).toEqual(['Airclou CI'])
    const table = await run(['list', '--env', 'test', ...withPassword])
    expect(table.stdout).toMatch(/^NAME\s+PROVIDER\s+ENV\s+VALUE\s+TAGS\s+SCOPES\n/)
    expect(table.stdout).toContain('2 of 3 keys')
  })
})

describe('import', () => {
  const envFile = (lines: string[]) => writeFileSync(join(temp.directory, '.env'), `${lines.join('\n')}\n`)

  it('asks before importing on a terminal; no means nothing imported (and is an answer: exit 0)', async () => {
    await initVault()
    const value = fakeKeys.clipiaLive()
    secrets.push(value)
    envFile([`CLIPIA_KEY=${value}`])
    const declined = await run(['import', '.env', ...withPassword], { terminal: new FakeTerminal().type('n\r') })
    expect(declined).toMatchObject({ exitCode: 0, stderr: '' })
    expect(declined.stdout).toMatch(/Nothing was imported\.\n$/)
    expect(await listJson()).toEqual([])
    const accepted = await run(['import', '.env', ...withPassword], { terminal: new FakeTerminal().type('y\r') })
    expect(accepted.exitCode).toBe(0)
    expect((await listJson()).map((key) => key.name)).toEqual(['CLIPIA_KEY'])
  })

  it('imports nothing when a name is taken, naming it', async () => {
    await initVault()
    await addKey('stripe_key', fakeKeys.agentclaraLive())
    const values = [fakeKeys.clipiaLive(), fakeKeys.agentclaraLive()]
    secrets.push(...values)
    envFile([`CLIPIA_KEY=${values[0]}`, `STRIPE_KEY=${values[1]}`])
    const result = await run(['import', '.env', '--yes', ...withPassword])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('Nothing was imported: the vault already has a key named "stripe_key" (line 2)')
    expect((await listJson()).map((key) => key.name)).toEqual(['stripe_key'])
  })

  it('does not quote a line without "=", which may be a pasted secret', async () => {
    await initVault()
    const pasted = fakeKeys.clipiaLive()
    const value = fakeKeys.airclouLive()
    secrets.push(pasted, value)
    envFile([pasted, `AIRCLOU_KEY=${value}`])
    const result = await run(['import', '.env', '--yes', '--json', ...withPassword])
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toBe('keyward: line 1: no "=" on this line: expected NAME=value\n')
    const report = JSON.parse(result.stdout) as { problems: unknown[]; imported: KeyRecord[] }
    expect(report.problems).toEqual([{ line: 1, message: 'no "=" on this line: expected NAME=value' }])
    expect(report.imported.map((key) => key.name)).toEqual(['AIRCLOU_KEY'])
  })

  it('says so when the file holds no keys, or does not exist', async () => {
    await initVault()
    envFile(['PORT=3000', 'DEBUG=true'])
    expect((await run(['import', '.env', '--yes', ...withPassword])).stderr).toContain(
      'holds no lines that look like keys',
    )
    expect((await run(['import', 'missing.env', '--yes', ...withPassword])).stderr).toContain('it does not exist')
  })
})

describe('export', () => {
  it('refuses to print secrets on a terminal unless --stdout is given', async () => {
    await initVault()
    const value = fakeKeys.clipiaTest()
    await addKey('Clipia dev', value)
    const refused = await run(['export', '--env', 'test', ...withPassword], { stdoutIsTTY: true })
    expect(refused).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('Refusing to print secrets on the terminal'),
    })
    const forced = await run(
      ['export', '--env', 'test', '--stdout', ...withPassword],
      { stdoutIsTTY: true },
      { showsSecrets: true },
    )
    expect(parse(forced.stdout)).toEqual({ CLIPIA_KEY: value })
  })

  it('will not replace a file without --force, and writes 0600 with it', async () => {
    await initVault()
    const value = fakeKeys.clipiaTest()
    await addKey('Clipia dev', value)
    const target = join(temp.directory, 'out.env')
    writeFileSync(target, 'KEEP=me\n', { mode: 0o644 })
    const refused = await run(['export', '--env', 'test', '-o', 'out.env', ...withPassword])
    expect(refused).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('already exists. Add --force') })
    expect(readFileSync(target, 'utf8')).toBe('KEEP=me\n')
    expect((await run(['export', '--env', 'test', '-o', 'out.env', '--force', ...withPassword])).exitCode).toBe(0)
    expect(statSync(target).mode & 0o777).toBe(0o600)
    expect(parse(readFileSync(target))).toEqual({ CLIPIA_KEY: value })
  })

  it('warns when two keys would be exported under the same variable', async () => {
    await initVault()
    await addKey('Clipia dev', fakeKeys.clipiaTest())
    await addKey('Clipia staging', fakeKeys.clipiaTest())
    const result = await run(['export', '--env', 'test', '-o', 'out.env', ...withPassword])
    expect(result.stderr).toContain('CLIPIA_KEY is set by 2 keys ("Clipia dev", "Clipia staging")')
  })

  it('says when there is nothing to export', async () => {
    await initVault()
    const result = await run(['export', '--env', 'live', '-o', 'out.env', ...withPassword])
    expect(result).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('There are no live keys to export') })
    expect(existsSync(join(temp.directory, 'out.env'))).toBe(false)
  })
})

describe('help', () => {
  it.each(['init', 'list', 'add', 'edit', 'import', 'export', 'test', 'providers'])(
    'keyward %s --help shows usage and examples',
    async (name) => {
      const result = await run([name, '--help'])
      expect(result.exitCode).toBe(0)
      expect(result.stdout).toContain(`Usage: keyward ${name}`)
      expect(result.stdout).toContain('Examples:')
      expect(result.stdout).toContain('--password-file')
    },
  )
})
