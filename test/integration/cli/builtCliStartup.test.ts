// What the built keyward loads before it answers: no native module (Argon2's, SQLite's, the pack
// reader's) for --version, --help, or a command the unlocked agent answers, and for --version and
// those commands no schema library (zod) or database wrapper either. Build first: npx electron-vite build.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { fakeKeys } from '../../support/fakeKeys'
import { makeTempDirectory } from '../../support/tempVault'
import { BUILT_CLI, assertCliBuilt, cliEnvironment, runBuiltCli } from './builtCli'
import { prepareVault } from './prepareVault'

const PASSWORD = 'correct horse battery staple'
const SPY = fileURLToPath(new URL('../../fixtures/cli/dlopenSpy.cjs', import.meta.url))
const MODULE_SPY = fileURLToPath(new URL('../../fixtures/cli/moduleSpy.mjs', import.meta.url))
let temp: ReturnType<typeof makeTempDirectory>
let env: Record<string, string>

/** The built keyward run with the spy; answers its exit code and stderr. */
const spied = (args: readonly string[]): Promise<{ exitCode: number | null; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', SPY, '--import', MODULE_SPY, BUILT_CLI, ...args], {
      cwd: temp.directory,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    child.on('error', reject)
    child.on('close', (exitCode) => resolve({ exitCode, stderr }))
  })

beforeAll(async () => {
  assertCliBuilt()
  temp = makeTempDirectory('keyward-startup-')
  const runtime = join(temp.directory, 'run')
  mkdirSync(runtime, { mode: 0o700 })
  const vaultPath = join(temp.directory, 'vault.keyward')
  env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: vaultPath, XDG_RUNTIME_DIR: runtime })
  writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
  const prepare = (argv: string[], stdin?: string) => prepareVault(temp.directory, vaultPath, argv, stdin)
  await prepare(['init'])
  await prepare(['add', 'Clipia live'], fakeKeys.clipiaLive())
})

afterAll(async () => {
  await runBuiltCli(['lock'], { cwd: temp.directory, env })
  temp?.cleanup()
})

it(
  'loads no native module, and no zod, for --version, --help, or a command the unlocked agent answers',
  { timeout: 60_000 },
  async () => {
    // The spy works: opening the vault with the password loads Argon2 and SQLite.
    const withPassword = await spied(['list', '--password-file', 'password'])
    expect(withPassword.exitCode, withPassword.stderr).toBe(0)
    expect(withPassword.stderr).toMatch(/native module loaded: .*argon2/)
    expect(withPassword.stderr).toMatch(/native module loaded: .*sqlite3/)
    expect(withPassword.stderr).toContain('package loaded: zod')

    expect(await spied(['--version'])).toEqual({ exitCode: 0, stderr: '' })
    // Usage loads every command's module (and so zod), but no native one.
    const help = await spied(['--help'])
    expect(help.exitCode, help.stderr).toBe(0)
    expect(help.stderr).not.toContain('native module loaded')
    const unlocked = await runBuiltCli(['unlock', '--password-stdin'], {
      cwd: temp.directory,
      env,
      stdin: `${PASSWORD}\n`,
    })
    expect(unlocked.exitCode, unlocked.stderr).toBe(0)
    expect(await spied(['list'])).toEqual({ exitCode: 0, stderr: '' })
    expect(await spied(['agent', 'status'])).toEqual({ exitCode: 0, stderr: '' })
    expect(await spied(['run', '--only', 'Clipia live', '--', 'true'])).toEqual({ exitCode: 0, stderr: '' })
  },
)
