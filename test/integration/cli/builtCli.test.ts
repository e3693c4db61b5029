// The built `keyward` command as a user runs it: child processes, a real vault file in a temp dir,
// the default Argon2id cost. The tests run in order on one vault; none prints a secret value.
import { createHash } from 'node:crypto'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeyRecord } from '#contract'
import { fakeKeys } from '../../support/fakeKeys'
import { makeTempDirectory } from '../../support/tempVault'
import { assertCliBuilt, cliEnvironment, runBuiltCli, type CliRun } from './builtCli'

const PASSWORD = 'correct horse battery staple'
let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let env: Record<string, string>
let initRun: CliRun
/** Every value stored: none may show in any output but an explicit export to stdout. */
const secrets: string[] = [PASSWORD]
const outputs: { args: readonly string[]; text: string }[] = []

const keyward = async (args: string[], stdin?: string, { showsSecrets = false } = {}): Promise<CliRun> => {
  const result = await runBuiltCli(args, { cwd: temp.directory, env, stdin })
  if (!showsSecrets) outputs.push({ args, text: result.stdout + result.stderr })
  return result
}
const withPassword = ['--password-file', 'password']
const listJson = async (): Promise<KeyRecord[]> => {
  const result = await keyward(['list', '--json', ...withPassword])
  expect(result, result.stderr).toMatchObject({ exitCode: 0 })
  return JSON.parse(result.stdout) as KeyRecord[]
}
const byName = (keys: KeyRecord[], name: string) => keys.find((key) => key.name === name)
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

beforeAll(async () => {
  assertCliBuilt()
  temp = makeTempDirectory('keyward-built-cli-')
  vaultPath = join(temp.directory, 'vault.keyward')
  env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: vaultPath })
  writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
  initRun = await keyward(['init', ...withPassword])
})

afterAll(() => {
  temp?.cleanup()
})

describe('keyward, built and run as a command', () => {
  it('init creates a private vault with the password from --password-file', () => {
    expect(initRun, initRun.stderr).toMatchObject({ exitCode: 0, stderr: '' })
    expect(initRun.stdout).toContain(`Created a vault at ${vaultPath}`)
    expect(statSync(vaultPath).mode & 0o777).toBe(0o600)
    expect(statSync(`${vaultPath}.header`).mode & 0o777).toBe(0o600)
  })

  const clipiaLive = fakeKeys.clipiaLive()
  const clipiaLiveNext = fakeKeys.clipiaLive()
  const airclouTest = fakeKeys.airclouTest()
  const unicodeTest = fakeKeys.cloro()
  const stripeTest = `sk_test_${fakeKeys.clodura()}`
  const clipiaTest = fakeKeys.clipiaTest()
  secrets.push(clipiaLive, clipiaLiveNext, airclouTest, unicodeTest, stripeTest, clipiaTest)

  it('add reads the value from stdin, guesses provider and environment, and shows it masked', async () => {
    const added = await keyward(
      ['add', 'Clipia prod', '--tag', 'billing', '--scope', 'read', ...withPassword],
      `${clipiaLive}\n`,
    )
    expect(added, added.stderr).toMatchObject({ exitCode: 0 })
    expect(added.stdout).toContain('Added "Clipia prod"')
    expect(added.stdout).toMatch(/provider\s+clipia\s+\(guessed from the value\)/)
    expect(added.stdout).toContain(`clipia_live_••••${clipiaLive.slice(-4)}`)
    expect((await keyward(['add', 'Airclou CI', ...withPassword], airclouTest)).exitCode).toBe(0)
  })

  it('list shows an aligned table with masked values', async () => {
    const result = await keyward(['list', ...withPassword])
    expect(result.exitCode).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^NAME\s+PROVIDER\s+ENV\s+VALUE\s+TAGS\s+SCOPES$/)
    const row = lines.find((line) => line.startsWith('Clipia prod'))!
    expect(row).toMatch(/^Clipia prod\s+clipia\s+live\s+clipia_live_••••\S{4}\s+billing\s+read$/)
    expect(lines[0]!.indexOf('VALUE')).toBe(row.indexOf('clipia_live_'))
  })

  it('edit changes fields and, from stdin, the value (a new version)', async () => {
    const next = clipiaLiveNext
    const result = await keyward(
      [
        'edit',
        'Clipia prod',
        '--value-stdin',
        '--tag',
        'billing',
        '--tag',
        'prod',
        '--expires',
        '2027-01-31',
        ...withPassword,
      ],
      `${next}\n`,
    )
    expect(result, result.stderr).toMatchObject({ exitCode: 0 })
    expect(result.stdout).toContain('new value stored as version 2')
    expect(byName(await listJson(), 'Clipia prod')).toMatchObject({
      tags: ['billing', 'prod'],
      expiresAt: '2027-01-31',
      versionCount: 2,
      maskedValue: `clipia_live_••••${next.slice(-4)}`,
    })
  })

  it('keeps Unicode, quotes and line breaks in names and notes intact through --json', async () => {
    const name = 'Clé «ünïcødé» "quoted" \'single\'\nsecond line 鍵'
    const notes = 'Line one\nLine "two" with \\backslash\\ and emoji 🔑\n\ttabbed'
    const added = await keyward(['add', name, '--notes', notes, '--env', 'test', ...withPassword], unicodeTest)
    expect(added, added.stderr).toMatchObject({ exitCode: 0 })
    expect(added.stdout).toContain('second line') // printed with its line break escaped
    expect(added.stdout).not.toContain('"\nsecond line')
    expect(byName(await listJson(), name)).toMatchObject({ name, notes, environment: 'test', versionCount: 1 })
  })

  it('import takes the good lines of a .env file and reports the broken ones by line number', async () => {
    writeFileSync(
      join(temp.directory, '.env'),
      [
        '# settings',
        'PORT=3000',
        `STRIPE_TEST_KEY=${stripeTest}`,
        'this line is broken',
        `CLIPIA_TEST="${clipiaTest}"`,
        '2FA=x',
        'OPEN="never closed',
        '',
      ].join('\n'),
    )
    const result = await keyward(['import', '.env', '--yes', '--verbose', ...withPassword])
    expect(result, result.stderr).toMatchObject({ exitCode: 0 })
    expect(result.stdout).toMatch(/^3\s+STRIPE_TEST_KEY\s+sk_test_••••\S{4}\s+stripe\s+test\s+-\s+yes$/m)
    expect(result.stdout).toMatch(/^2\s+PORT\s+.*no \(not a key\)$/m)
    expect(result.stdout).toContain(
      'Imported 2 keys from .env; 1 setting left out (not keys); 3 lines could not be read',
    )
    expect(result.stderr).toBe(
      [
        'keyward: line 4: no "=" on this line: expected NAME=value',
        'keyward: line 6: "2FA" is not a valid variable name (letters, digits and _, not starting with a digit)',
        'keyward: line 7: OPEN: the value opens a " quote that is never closed',
        '',
      ].join('\n'),
    )
    const keys = await listJson()
    expect(byName(keys, 'STRIPE_TEST_KEY')).toMatchObject({
      provider: 'stripe',
      environment: 'test',
      envVar: 'STRIPE_TEST_KEY',
    })
    expect(byName(keys, 'CLIPIA_TEST')).toMatchObject({ provider: 'clipia', environment: 'test' })
    expect(byName(keys, 'PORT')).toBeUndefined()
  })

  it('export --env test -o FILE writes a 0600 file that dotenv reads back', async () => {
    const result = await keyward(['export', '--env', 'test', '-o', 'test.env', ...withPassword])
    expect(result, result.stderr).toMatchObject({ exitCode: 0 })
    expect(result.stdout).toContain(`Exported 4 test keys to ${join(temp.directory, 'test.env')}`)
    const path = join(temp.directory, 'test.env')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const exported = parse(readFileSync(path))
    expect(Object.values(exported).sort()).toEqual([airclouTest, unicodeTest, stripeTest, clipiaTest].sort())
    expect(exported).toMatchObject({ STRIPE_TEST_KEY: stripeTest, CLIPIA_TEST: clipiaTest })
    // Into a pipe, the same lines go to stdout.
    const piped = await keyward(['export', '--env', 'live', ...withPassword], undefined, { showsSecrets: true })
    expect(Object.values(parse(piped.stdout))).toEqual([clipiaLiveNext])
  })

  it('a wrong master password fails with exit 1 and leaves the vault bytes unchanged', async () => {
    const before = [sha256(vaultPath), sha256(`${vaultPath}.header`)]
    const result = await keyward(['list', '--password-stdin'], 'not the password\n')
    expect(result).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'keyward: Wrong master password. Check Caps Lock and try again.\n',
    })
    expect([sha256(vaultPath), sha256(`${vaultPath}.header`)]).toEqual(before)
  })

  it('the right password on stdin unlocks; the value cannot then also come from stdin', async () => {
    const listed = await keyward(['list', '--password-stdin'], `${PASSWORD}\n`)
    expect(listed.exitCode).toBe(0)
    expect(listed.stdout).toContain('5 keys')
    const value = fakeKeys.clipiaTest()
    secrets.push(value)
    const both = await keyward(['add', 'Both', '--password-stdin'], `${PASSWORD}\n${value}\n`)
    expect(both.exitCode).toBe(1)
    expect(both.stderr).toContain('The master password and the key value cannot both come from stdin')
  })

  it('a missing vault is named, with what to do', async () => {
    const result = await keyward(['list', '--vault', 'nowhere.keyward', ...withPassword])
    expect(result).toMatchObject({
      exitCode: 1,
      stderr: `keyward: No vault at ${join(temp.directory, 'nowhere.keyward')}. Create one with "keyward init", or point to yours with --vault PATH or KEYWARD_VAULT.\n`,
    })
  })

  it('add has no value argument: one is a usage error (exit 2), not echoed', async () => {
    const value = fakeKeys.clipiaLive()
    secrets.push(value)
    const result = await keyward(['add', 'Sneaky', value, ...withPassword])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain("keyward: too many arguments for 'add'. Expected 1 argument but got 2.")
    expect(byName(await listJson(), 'Sneaky')).toBeUndefined()
  })

  it('--help describes the commands', async () => {
    const result = await keyward(['--help'])
    expect(result.exitCode).toBe(0)
    for (const command of ['init', 'list', 'add', 'edit', 'import', 'export', 'test', 'providers'])
      expect(result.stdout).toContain(`  ${command}`)
  })

  it('never printed a stored value or the password (but for the explicit export to stdout)', () => {
    expect(outputs.length).toBeGreaterThan(10)
    for (const { args, text } of outputs) {
      for (const secret of secrets)
        expect(text.includes(secret), `keyward ${args.join(' ')} printed a secret`).toBe(false)
      expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/) // no stack trace
    }
  })
})
