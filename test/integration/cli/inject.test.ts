// `keyward inject` as built and run by a user's shell: templates (.env, JSON, YAML) filled from a
// real vault, output files created 0600 through a temporary file and a rename, never through a
// link, and never created at all when a reference fails. The vault is made in-process at a cheap
// Argon2 cost.
import { lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeKeys } from '../../support/fakeKeys'
import { makeTempDirectory } from '../../support/tempVault'
import { assertCliBuilt, cliEnvironment, runBuiltCli, runBuiltCliOnTerminal, type CliRun } from './builtCli'
import { prepareVault } from './prepareVault'

const PASSWORD = 'correct horse battery staple'
const withPassword = ['--password-file', 'password']

const clipiaLive = fakeKeys.clipiaLive()
const clipiaTest = fakeKeys.clipiaTest()
const airclouTest = fakeKeys.airclouTest()
const slashed = fakeKeys.clodura()
const prod = fakeKeys.cloro()
const quoted = `it's "quoted" ${fakeKeys.clodura()}`
const secrets = [PASSWORD, clipiaLive, clipiaTest, airclouTest, slashed, prod, quoted]
/** Outputs that must hold no value: everything but what inject writes to stdout on purpose. */
const outputs: { args: readonly string[]; text: string }[] = []

let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let env: Record<string, string>

const keyward = async (
  args: readonly string[],
  { stdin, showsSecrets = false }: { stdin?: string; showsSecrets?: boolean } = {},
): Promise<CliRun> => {
  const result = await runBuiltCli(args, { cwd: temp.directory, env, stdin })
  outputs.push({ args, text: (showsSecrets ? '' : result.stdout) + result.stderr })
  return result
}
const path = (name: string) => join(temp.directory, name)
const template = (name: string, text: string) => {
  writeFileSync(path(name), text)
  return name
}
const exists = (name: string) => readdirSync(temp.directory).includes(name)
const modeOf = (name: string) => statSync(path(name)).mode & 0o777

const prepare = (argv: string[], stdin?: string) => prepareVault(temp.directory, vaultPath, argv, stdin)

beforeAll(async () => {
  assertCliBuilt()
  temp = makeTempDirectory('keyward-inject-')
  vaultPath = path('vault.keyward')
  env = cliEnvironment(path('home'), { KEYWARD_VAULT: vaultPath })
  writeFileSync(path('password'), `${PASSWORD}\n`, { mode: 0o600 })
  await prepare(['init'])
  await prepare(['add', 'Clipia live'], clipiaLive)
  await prepare(['add', 'Clipia test'], clipiaTest)
  await prepare(['add', 'Airclou CI'], airclouTest)
  // Two keys one reference could mean: a name that reads as a path, and the key at that path.
  await prepare(['add', 'prod', '--provider', 'cloro', '--env', 'live'], prod)
  await prepare(['add', 'cloro/live/prod', '--provider', 'none', '--env', 'other'], slashed)
  await prepare(['add', 'Quoted', '--env', 'other'], quoted)
  await prepare(['add', 'Blank', '--env', 'other'], '   ')
})

afterAll(() => {
  for (const { args, text } of outputs) {
    for (const secret of secrets) expect(text, `output of keyward ${args.join(' ')}`).not.toContain(secret)
  }
  temp?.cleanup()
})

describe('keyward inject: filling templates', () => {
  it('fills a .env template into a new file readable only by its owner', async () => {
    const name = template(
      '.env.template',
      [
        '# Clipia, live',
        'CLIPIA_KEY=keyward://Clipia live',
        'CLIPIA_TEST_KEY="keyward://clipia/test/Clipia test"  # the test key',
        "AIRCLOU_API_KEY='keyward://Airclou%20CI'",
        'URL=https://user:{{ keyward://Clipia live }}@api.example.com',
        'PORT=3000',
        '',
      ].join('\n'),
    )
    const result = await keyward(['inject', '-i', name, '-o', '.env', ...withPassword])
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: '' })
    expect(result.stdout).toBe(`Filled 4 references from .env.template into ${path('.env')} (readable only by you).\n`)
    expect(modeOf('.env')).toBe(0o600)
    expect(parse(readFileSync(path('.env')))).toEqual({
      CLIPIA_KEY: clipiaLive,
      CLIPIA_TEST_KEY: clipiaTest,
      AIRCLOU_API_KEY: airclouTest,
      URL: `https://user:${clipiaLive}@api.example.com`,
      PORT: '3000',
    })
    expect(readFileSync(path('.env'), 'utf8').split('\n')[2]).toBe(`CLIPIA_TEST_KEY="${clipiaTest}"  # the test key`)
    expect(readdirSync(temp.directory).filter((entry) => entry.endsWith('.tmp'))).toEqual([])
  })

  it('fills JSON and YAML values in quotes, and leaves the rest byte for byte', async () => {
    const json = template(
      'config.template.json',
      '{\n  "clipia": "keyward://Clipia live",\n  "airclou": "keyward://Airclou CI",\n  "note": "é 🔑"\n}\n',
    )
    const result = await keyward(['inject', '-i', json, ...withPassword], { showsSecrets: true })
    expect(result.exitCode, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ clipia: clipiaLive, airclou: airclouTest, note: 'é 🔑' })
    const yaml = template(
      'app.template.yaml',
      'keys:\n  clipia: keyward://Clipia live   # live\n  test: "keyward://Clipia test"\n',
    )
    const filled = await keyward(['inject', '-i', yaml, ...withPassword], { showsSecrets: true })
    expect(filled.stdout).toBe(`keys:\n  clipia: ${clipiaLive}   # live\n  test: "${clipiaTest}"\n`)
  })

  it('reads the template from stdin when there is no -i', async () => {
    const result = await keyward(['inject', ...withPassword], {
      stdin: 'A=keyward://Clipia test\r\nB=plain\r\n',
      showsSecrets: true,
    })
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toBe(`A=${clipiaTest}\r\nB=plain\r\n`)
  })

  it('fills a template with hundreds of references', async () => {
    const names = ['Clipia live', 'Clipia test', 'Airclou CI', 'cloro%2Flive%2Fprod', 'Quoted', 'prod']
    const values = [clipiaLive, clipiaTest, airclouTest, slashed, quoted, prod]
    const lines = Array.from(
      { length: 800 },
      (_, index) => `VAR_${index}={{ keyward://${names[index % names.length]} }}`,
    )
    const name = template('many.template', `${lines.join('\n')}\n`)
    const started = Date.now()
    const result = await keyward(['inject', '-i', name, '-o', 'many.env', ...withPassword])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(Date.now() - started).toBeLessThan(15_000)
    const filled = readFileSync(path('many.env'), 'utf8').split('\n')
    expect(filled).toHaveLength(801)
    for (const [index, line] of filled.slice(0, 800).entries())
      expect(line).toBe(`VAR_${index}=${values[index % values.length]}`)
    expect(modeOf('many.env')).toBe(0o600)
  })

  it('writes a template without references as it is, with a warning', async () => {
    const name = template('plain.template', 'PORT=3000\n')
    const result = await keyward(['inject', '-i', name, '-o', 'plain.env', ...withPassword])
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toBe(
      'keyward: warning: plain.template holds no keyward:// references; it is written as it is.\n',
    )
    expect(readFileSync(path('plain.env'), 'utf8')).toBe('PORT=3000\n')
  })
})

describe('keyward inject: the output file', () => {
  it('replaces an existing file only with --force, making it private', async () => {
    const name = template('one.template', 'K=keyward://Clipia live\n')
    writeFileSync(path('existing.env'), 'OLD=1\n', { mode: 0o644 })
    const refused = await keyward(['inject', '-i', name, '-o', 'existing.env', ...withPassword])
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toBe(
      `keyward: ${path('existing.env')} already exists. Add --force to replace it, or choose another file.\n`,
    )
    expect(readFileSync(path('existing.env'), 'utf8')).toBe('OLD=1\n')
    const replaced = await keyward(['inject', '-i', name, '-o', 'existing.env', '--force', ...withPassword])
    expect(replaced.exitCode, replaced.stderr).toBe(0)
    expect(readFileSync(path('existing.env'), 'utf8')).toBe(`K=${clipiaLive}\n`)
    expect(modeOf('existing.env')).toBe(0o600)
  })

  it('never writes through a symbolic link, even with --force', async () => {
    const name = template('link.template', 'K=keyward://Clipia live\n')
    writeFileSync(path('target.txt'), 'untouched\n')
    symlinkSync(path('target.txt'), path('link.env'))
    for (const force of [[], ['--force']]) {
      const result = await keyward(['inject', '-i', name, '-o', 'link.env', ...force, ...withPassword])
      expect(result.exitCode).toBe(1)
      expect(result.stderr).toContain('is a symbolic link; Keyward does not write secrets through links')
    }
    expect(lstatSync(path('link.env')).isSymbolicLink()).toBe(true)
    expect(readFileSync(path('target.txt'), 'utf8')).toBe('untouched\n')
  })

  it('refuses a folder as the output', async () => {
    mkdirSync(path('a-folder'))
    const name = template('folder.template', 'K=keyward://Clipia live\n')
    const result = await keyward(['inject', '-i', name, '-o', 'a-folder', '--force', ...withPassword])
    expect(result.stderr).toBe(`keyward: ${path('a-folder')} is a folder. Name a file to write.\n`)
  })

  it('refuses to print secrets on a terminal without --stdout', async () => {
    const name = template('terminal.template', 'K=keyward://Clipia live\n')
    const result = await runBuiltCliOnTerminal(['inject', '-i', name, ...withPassword], {
      cwd: temp.directory,
      env,
      steps: [],
    })
    expect(result.exitCode).toBe(1)
    expect(result.screen).toContain('Refusing to print secrets on the terminal')
    expect(result.screen).not.toContain(clipiaLive)
  })
})

describe('keyward inject: bad input writes nothing', () => {
  const failsWithoutOutput = async (args: readonly string[], output: string, options?: { stdin?: string }) => {
    const result = await keyward([...args, '-o', output], options)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toBe('')
    expect(exists(output), `${output} was created`).toBe(false)
    return result
  }

  it('a reference with a typo: each one with its line and column and the close names', async () => {
    const lines = Array.from({ length: 300 }, (_, index) => `OK_${index}=keyward://Clipia live`)
    lines.splice(120, 0, '  TYPO="keyward://Clipia lve"')
    lines.push('ALSO={{ keyward://Airclou C }}')
    const name = template('typo.template', `${lines.join('\n')}\n`)
    const result = await failsWithoutOutput(['inject', '-i', name, ...withPassword], 'typo.env')
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'keyward: typo.template:121:9: No key matches keyward://Clipia lve. Did you mean keyward://Clipia live?',
      'keyward: typo.template:302:6: No key matches keyward://Airclou C. Did you mean keyward://Airclou CI?',
      'keyward: 2 of 302 references in typo.template could not be resolved; nothing was written. "keyward list" shows every key.',
    ])
  })

  it('an existing file stays as it was when a reference fails, even with --force', async () => {
    writeFileSync(path('kept.env'), 'KEPT=1\n')
    const name = template('fails.template', 'A=keyward://Clipia live\nB=keyward://nobody\n')
    const result = await keyward(['inject', '-i', name, '-o', 'kept.env', '--force', ...withPassword])
    expect(result.exitCode).toBe(1)
    expect(readFileSync(path('kept.env'), 'utf8')).toBe('KEPT=1\n')
  })

  it('a reference two keys answer to, with the reference for each', async () => {
    const name = template('ambiguous.template', 'K=keyward://cloro/live/prod\n')
    const result = await failsWithoutOutput(['inject', '-i', name, ...withPassword], 'ambiguous.env')
    expect(result.stderr).toContain(
      'keyward: ambiguous.template:1:3: keyward://cloro/live/prod could mean 2 keys: "cloro/live/prod" (no provider, other), "prod" (cloro, live). Write keyward://cloro%2Flive%2Fprod or keyward://prod to say which.',
    )
  })

  it('a key whose value is empty', async () => {
    const name = template('blank.template', 'K=keyward://Blank\n')
    const result = await failsWithoutOutput(['inject', '-i', name, ...withPassword], 'blank.env')
    expect(result.stderr).toContain('keyward: blank.template:1:3: keyward://Blank names "Blank", whose value is empty.')
  })

  it('a reference that names nothing, or a {{ never closed: before the vault is opened', async () => {
    const name = template('broken.template', 'A=keyward://\nB={{ keyward://Clipia live\n')
    const result = await failsWithoutOutput(
      ['inject', '-i', name, '--vault', 'nowhere.keyward', ...withPassword],
      'broken.env',
    )
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'keyward: broken.template:1:3: keyward:// names no key: write keyward://KEY NAME or keyward://provider/environment/name.',
      'keyward: broken.template:2:6: keyward://Clipia live opens with {{ but no }} closes it on the same line.',
      'keyward: 2 of 2 references in broken.template could not be read; nothing was written.',
    ])
  })

  it('a missing vault, a wrong password, no password at all, a missing template', async () => {
    const name = template('good.template', 'K=keyward://Clipia live\n')
    const missing = await failsWithoutOutput(
      ['inject', '-i', name, '--vault', 'nowhere.keyward', ...withPassword],
      'out.env',
    )
    expect(missing.stderr).toContain('keyward: No vault at')
    writeFileSync(path('wrong-password'), 'not it\n', { mode: 0o600 })
    const wrong = await failsWithoutOutput(['inject', '-i', name, '--password-file', 'wrong-password'], 'out.env')
    expect(wrong.stderr).toBe('keyward: Wrong master password. Check Caps Lock and try again.\n')
    const wrongOnStdin = await failsWithoutOutput(['inject', '-i', name, '--password-stdin'], 'out.env', {
      stdin: 'not it\n',
    })
    expect(wrongOnStdin.stderr).toBe('keyward: Wrong master password. Check Caps Lock and try again.\n')
    const locked = await failsWithoutOutput(['inject', '-i', name], 'out.env')
    expect(locked.stderr).toContain('There is no terminal to ask for the master password')
    const noTemplate = await failsWithoutOutput(['inject', '-i', 'no-such.template', ...withPassword], 'out.env')
    expect(noTemplate.stderr).toBe(`keyward: Could not read ${path('no-such.template')}: it does not exist.\n`)
  })

  it('a template that is not UTF-8 text', async () => {
    writeFileSync(
      path('latin1.template'),
      Buffer.concat([Buffer.from('K=keyward://Clipia live\nNAME=caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    )
    const result = await failsWithoutOutput(['inject', '-i', 'latin1.template', ...withPassword], 'latin1.env')
    expect(result.stderr).toBe('keyward: latin1.template is not UTF-8 text; Keyward fills text templates only.\n')
  })

  it('a template and a password both on stdin', async () => {
    const result = await failsWithoutOutput(['inject', '--password-stdin'], 'out.env', {
      stdin: `${PASSWORD}\nK=keyward://Clipia live\n`,
    })
    expect(result.stderr).toContain('The template and the password cannot both come from stdin')
  })
})
