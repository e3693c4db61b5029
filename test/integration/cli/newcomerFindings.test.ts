// What a newcomer ran into with `keyward`, each run in-process on a real vault file (cheap Argon2 cost)
// with scripted stdin and a scripted terminal: the fix for each, held by a test.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import type { KeyRecord } from '#contract'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST } from '../../support/tempVault'
import { FakeTerminal, fakeIo, type FakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'
import { useCliWorkspace } from '../../support/cliWorkspace'

const PASSWORD = 'correct horse battery'
const workspace = useCliWorkspace('keyward-newcomer-', PASSWORD)

const run = async (argv: string[], options: FakeIoOptions = {}) => {
  const io: FakeIo = fakeIo({ cwd: workspace.directory, env: { KEYWARD_VAULT: workspace.vaultPath }, ...options })
  const exitCode = await runCli(argv, io, { kdfCost: TEST_KDF_COST })
  const result = { exitCode, stdout: io.out(), stderr: io.err() }
  workspace.outputs.push(result.stdout, result.stderr, options.terminal?.shown ?? '')
  return result
}
const withPassword = ['--password-file', 'password']
const initVault = async () => expect((await run(['init', ...withPassword])).exitCode).toBe(0)
const listJson = async (): Promise<KeyRecord[]> => {
  const result = await run(['list', '--json', ...withPassword])
  expect(result.exitCode).toBe(0)
  return JSON.parse(result.stdout) as KeyRecord[]
}
const names = async () => (await listJson()).map((key) => key.name).sort()

describe('import', () => {
  const envFile = (lines: string[]) => writeFileSync(join(workspace.directory, '.env'), `${lines.join('\n')}\n`)
  const addKey = async (name: string, value: string) => {
    workspace.secrets.push(value)
    expect((await run(['add', name, ...withPassword], { stdin: `${value}\n` })).exitCode).toBe(0)
  }

  it('declining the prompt is an answer, not a failure: exit 0, nothing imported', async () => {
    await initVault()
    const value = fakeKeys.clipiaLive()
    workspace.secrets.push(value)
    envFile([`CLIPIA_KEY=${value}`])
    const terminal = new FakeTerminal().type('n\r')
    const declined = await run(['import', '.env', ...withPassword], { terminal })
    expect(declined).toMatchObject({ exitCode: 0, stderr: '' })
    expect(terminal.shown).toContain('Import 1 key into')
    expect(declined.stdout).toMatch(/^LINE\s+VARIABLE/m)
    expect(declined.stdout).toMatch(/Nothing was imported\.\n$/)
    expect(await listJson()).toEqual([])
  })

  it('--skip-existing imports the rest when some names are already in the vault', async () => {
    await initVault()
    await addKey('STRIPE_KEY', fakeKeys.agentclaraLive())
    const fresh = fakeKeys.clipiaLive()
    const clashing = fakeKeys.agentclaraLive()
    workspace.secrets.push(fresh, clashing)
    envFile([`CLIPIA_KEY=${fresh}`, `STRIPE_KEY=${clashing}`, 'PORT=3000'])
    const refused = await run(['import', '.env', '--yes', ...withPassword])
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toContain('or add --skip-existing to import the rest')
    const result = await run(['import', '.env', '--yes', '--skip-existing', '--verbose', ...withPassword])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^2\s+STRIPE_KEY\s+.*no \(name in the vault\)$/m)
    expect(result.stdout).toContain(
      'Imported 1 key from .env; 1 left out (name already in the vault); 1 setting left out (not keys).',
    )
    expect(await names()).toEqual(['CLIPIA_KEY', 'STRIPE_KEY'])
    // The key that was there keeps its value: it was left out, not replaced.
    expect((await listJson()).find((key) => key.name === 'STRIPE_KEY')?.versionCount).toBe(1)
  })

  it('--yes off a terminal prints the summary, not a line per entry; the table comes with --verbose or on a terminal', async () => {
    await initVault()
    const lines = Array.from({ length: 40 }, (_, index) => `SETTING_${index}=value${index}`)
    const value = fakeKeys.clipiaLive()
    workspace.secrets.push(value)
    envFile([...lines, `CLIPIA_KEY=${value}`])
    const scripted = await run(['import', '.env', '--yes', ...withPassword])
    expect(scripted.exitCode, scripted.stderr).toBe(0)
    expect(scripted.stdout).toBe('Imported 1 key from .env; 40 settings left out (not keys).\n')
    await run(['edit', 'CLIPIA_KEY', '--name', 'first import', ...withPassword])
    const verbose = await run(['import', '.env', '--yes', '--verbose', ...withPassword])
    expect(verbose.stdout.split('\n').filter((line) => /^\d+\s/.test(line))).toHaveLength(41)
    await run(['edit', 'CLIPIA_KEY', '--name', 'second import', ...withPassword])
    const onTerminal = await run(['import', '.env', '--yes', ...withPassword], { stdoutIsTTY: true })
    expect(onTerminal.stdout).toMatch(/^LINE\s+VARIABLE/m)
  })

  it('a quote never closed is reported with its line and skipped; every line after it is still read', async () => {
    await initVault()
    const before = fakeKeys.clipiaTest()
    const after = fakeKeys.airclouTest()
    const last = fakeKeys.agentclaraLive()
    workspace.secrets.push(before, after, last)
    writeFileSync(
      join(workspace.directory, '.env'),
      [`CLIPIA_KEY=${before}`, 'OPEN="never closed', `AIRCLOU_KEY=${after}`, 'PORT=3000', `AGENT_KEY=${last}`, ''].join(
        '\n',
      ),
    )
    const result = await run(['import', '.env', '--yes', ...withPassword])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toBe('keyward: line 2: OPEN: the value opens a " quote that is never closed\n')
    expect(result.stdout).toContain(
      'Imported 3 keys from .env; 1 setting left out (not keys); 1 line could not be read',
    )
    expect(await names()).toEqual(['AGENT_KEY', 'AIRCLOU_KEY', 'CLIPIA_KEY'])
  })
})

describe('scan', () => {
  it('on a folder that is not in git, labels findings as files, not "tracked"', async () => {
    const folder = join(workspace.directory, 'not-a-repository')
    mkdirSync(folder)
    const key = fakeKeys.clipiaLive()
    workspace.secrets.push(key)
    writeFileSync(join(folder, 'app.env'), `CLIPIA_API_KEY=${key}\n`)
    const result = await run(['scan', folder], { env: {} })
    expect(result.exitCode, result.stderr).toBe(1)
    expect(result.stdout, result.stderr).toContain('app.env:1:')
    expect(result.stdout).toContain('(file, not in a git repository)')
    expect(result.stdout).not.toMatch(/tracked/)
  })
})

describe('writing where it cannot', () => {
  const addKey = async () => {
    const value = fakeKeys.clipiaTest()
    workspace.secrets.push(value)
    expect((await run(['add', 'Clipia', '--env', 'test', ...withPassword], { stdin: `${value}\n` })).exitCode).toBe(0)
  }

  it('export -o and inject -o into a missing folder name the folder, not an errno or a temporary file', async () => {
    await initVault()
    await addKey()
    const missing = join(workspace.directory, 'no-such-folder')
    const exported = await run(['export', '--env', 'test', '-o', 'no-such-folder/test.env', ...withPassword])
    expect(exported.exitCode).toBe(1)
    expect(exported.stderr).toBe(
      `keyward: Could not write ${missing}/test.env: the folder ${missing} does not exist. Create it first, or choose another path.\n`,
    )
    writeFileSync(join(workspace.directory, 'app.tpl'), 'CLIPIA=keyward://Clipia\n')
    const injected = await run(['inject', '-i', 'app.tpl', '-o', 'no-such-folder/app.env', ...withPassword])
    expect(injected.exitCode).toBe(1)
    expect(injected.stderr).toBe(
      `keyward: Could not write ${missing}/app.env: the folder ${missing} does not exist. Create it first, or choose another path.\n`,
    )
    for (const output of [exported.stderr, injected.stderr]) expect(output).not.toMatch(/ENOENT|\.tmp|errno/)
  })

  it('a file where a folder should be is named too', async () => {
    await initVault()
    await addKey()
    writeFileSync(join(workspace.directory, 'plain-file'), 'x')
    const result = await run(['export', '--env', 'test', '-o', 'plain-file/test.env', ...withPassword])
    expect(result.exitCode).toBe(1)
    const inTheWay = join(workspace.directory, 'plain-file')
    expect(result.stderr).toBe(
      `keyward: Could not write ${inTheWay}/test.env: ${inTheWay} is not a folder (a file stands in its path). Choose another path.\n`,
    )
  })

  it('--vault naming a folder says it is a folder', async () => {
    const folder = join(workspace.directory, 'vaults')
    mkdirSync(folder)
    const result = await run(['list', '--vault', folder, ...withPassword])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(
      `keyward: --vault names ${folder}, which is a folder. Name the vault file itself, such as ${join(folder, 'vault.keyward')}.\n`,
    )
    const fromEnvironment = await run(['init', ...withPassword], { env: { KEYWARD_VAULT: folder } })
    expect(fromEnvironment.stderr).toContain(`KEYWARD_VAULT names ${folder}, which is a folder.`)
  })
})

describe('init on a terminal', () => {
  it('asks again after a too-short password and after a mistyped second one, as passwd does', async () => {
    const terminal = new FakeTerminal().type(`short\r${PASSWORD}\rmistyped password\r${PASSWORD}\r${PASSWORD}\r`)
    const result = await run(['init'], { stdinIsTTY: true, terminal })
    expect(result.exitCode, result.stderr).toBe(0)
    expect(terminal.shown).toContain('A master password needs at least 8 characters. Try again.\n')
    expect(terminal.shown).toContain('The two passwords differ. Try again.\n')
    expect(terminal.shown.match(/New master password/g)).toHaveLength(3)
    expect(result.stdout).toContain(`Created a vault at ${workspace.vaultPath}`)
    expect((await run(['list', ...withPassword])).stdout).toContain('no keys yet')
  })

  it('gives up after three tries and creates nothing', async () => {
    const terminal = new FakeTerminal().type('short\rshorter\rtiny\r')
    const result = await run(['init'], { stdinIsTTY: true, terminal })
    expect(result).toMatchObject({
      exitCode: 1,
      stderr:
        'keyward: A master password needs at least 8 characters; after 3 tries nothing was created. Run keyward init again.\n',
    })
    expect(existsSync(workspace.vaultPath)).toBe(false)
  })

  it('from a file or stdin there is no one to ask again: a short password fails at once', async () => {
    const result = await run(['init', '--password-stdin'], { stdin: 'short\n' })
    expect(result).toMatchObject({ exitCode: 1, stderr: 'keyward: A master password needs at least 8 characters.\n' })
  })
})

describe('--password VALUE', () => {
  it('explains that passwords are never arguments and names the ways that work, without echoing the value', async () => {
    await initVault()
    for (const argv of [
      ['list', '--password', PASSWORD],
      ['list', `--password=${PASSWORD}`],
      ['--password', PASSWORD, 'list'],
    ]) {
      const result = await run(argv)
      expect(result.exitCode).toBe(2)
      expect(result.stderr.split('\n')[0]).toMatch(
        /^keyward: unknown option '--password(=…)?': a master password is never an argument, where it would stay in shell history and show in ps\. Give it with --password-file FILE or --password-stdin, or type it when asked\.$/,
      )
    }
  })
})

describe('restore', () => {
  const vaultWithBackup = async () => {
    await initVault()
    for (const name of ['alpha', 'beta']) {
      const value = fakeKeys.clipiaTest()
      workspace.secrets.push(value)
      if (name === 'beta') {
        const made = await run(['backup', ...withPassword])
        expect(made.exitCode, made.stderr).toBe(0)
      }
      expect((await run(['add', name, ...withPassword], { stdin: `${value}\n` })).exitCode).toBe(0)
    }
    const listed = await run(['backup', 'list', '--json'])
    return (JSON.parse(listed.stdout) as { path: string }[])[0]!.path
  }

  it('off a terminal it needs --yes, and changes nothing without it', async () => {
    const backup = await vaultWithBackup()
    const refused = await run(['restore', backup, ...withPassword])
    expect(refused).toMatchObject({
      exitCode: 1,
      stderr:
        'keyward: Nothing was changed: there is no terminal to confirm the restore on. Add --yes to restore without asking (--dry-run shows what it would change).\n',
    })
    expect(await names()).toEqual(['alpha', 'beta'])
    const restored = await run(['restore', backup, '--yes', ...withPassword])
    expect(restored.exitCode, restored.stderr).toBe(0)
    expect(await names()).toEqual(['alpha'])
  })

  it('on a terminal it shows what would change and asks; no leaves the vault as it is (exit 0), yes restores', async () => {
    const backup = await vaultWithBackup()
    const declining = new FakeTerminal().type('n\r')
    const declined = await run(['restore', backup, ...withPassword], { terminal: declining })
    expect(declined).toMatchObject({ exitCode: 0, stderr: '' })
    expect(declined.stdout).toContain('Restoring it would:\n')
    expect(declined.stdout).toContain('  remove      "beta" (1 version)\n')
    expect(declined.stdout).toMatch(/Nothing was changed\.\n$/)
    expect(declining.shown).toContain(`Replace the vault at ${workspace.vaultPath} with this backup? [y/N] `)
    expect(await names()).toEqual(['alpha', 'beta'])
    const accepted = await run(['restore', backup, ...withPassword], { terminal: new FakeTerminal().type('y\r') })
    expect(accepted.exitCode, accepted.stderr).toBe(0)
    expect(accepted.stdout).toContain(`Restored ${workspace.vaultPath} from`)
    expect(await names()).toEqual(['alpha'])
  })
})
