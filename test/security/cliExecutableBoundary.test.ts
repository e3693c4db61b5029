// The single executable runs native code from beside it with the user's rights: a part another local
// user could have replaced, or any part that is not the one it was built with, is never loaded (each
// case runs `keyward init` and checks that no vault was written). Nor does it load code NODE_OPTIONS
// names, as node would: a tracer a CI job sets for other tools stays out of the process holding keys.
import { chmodSync, chownSync, copyFileSync, existsSync, linkSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeTempDirectory } from '../support/tempVault'
import { buildCliExecutable, cliEnvironment, runKeywardCommand } from '../integration/cli/builtCli'

const PARTS = ['better_sqlite3.node', 'argon2.node', 'keyward_pack.node']
let temp: ReturnType<typeof makeTempDirectory>
let built: string
let copies = 0

beforeAll(() => {
  temp = makeTempDirectory('keyward-cli-natives-')
  built = join(temp.directory, 'built')
  buildCliExecutable(built)
  writeFileSync(join(temp.directory, 'password'), 'correct horse battery staple\n', { mode: 0o600 })
}, 300_000)
afterAll(() => temp?.cleanup())

/** A fresh copy of the executable and its parts, private to this user, for one case to spoil. */
const installCopy = (): string => {
  const folder = join(temp.directory, `copy-${++copies}`)
  mkdirSync(folder, { mode: 0o755 })
  // A hard link runs as a copy would (its path is the executable's), without 120 MB more on disk.
  linkSync(join(built, 'keyward'), join(folder, 'keyward'))
  for (const file of PARTS) copyFileSync(join(built, file), join(folder, file))
  return folder
}

const init = async (folder: string) => {
  const vault = join(folder, 'vault.keyward')
  const run = await runKeywardCommand(
    [join(folder, 'keyward')],
    ['init', '--vault', vault, '--password-file', join(temp.directory, 'password')],
    {
      cwd: temp.directory,
      env: cliEnvironment(temp.directory),
    },
  )
  return { ...run, vaultWritten: existsSync(vault) }
}

it('an untouched copy runs (the cases below spoil one thing each)', { timeout: 60_000 }, async () => {
  const run = await init(installCopy())
  expect(run.exitCode, run.stderr).toBe(0)
  expect(run.vaultWritten).toBe(true)
})

it('refuses a native part that other users can write', { timeout: 60_000 }, async () => {
  const folder = installCopy()
  chmodSync(join(folder, 'argon2.node'), 0o666)
  const run = await init(folder)
  expect(run.exitCode).toBe(1)
  expect(run.stderr).toContain(`${join(folder, 'argon2.node')} can be changed by another user (mode 666`)
  expect(run.stderr).toContain('chmod go-w')
  expect(run.vaultWritten).toBe(false)
})

it('refuses native parts in a folder other users can write', { timeout: 60_000 }, async () => {
  const folder = installCopy()
  chmodSync(folder, 0o777)
  const run = await init(folder)
  expect(run.exitCode).toBe(1)
  expect(run.stderr).toContain(`${folder} can be changed by another user (mode 777`)
  expect(run.vaultWritten).toBe(false)
})

// Only root can give a file to another user, so this case runs as root only (the mode cases above run for anyone).
it.skipIf(process.getuid?.() !== 0)('refuses a native part owned by another user', { timeout: 60_000 }, async () => {
  const folder = installCopy()
  chownSync(join(folder, 'better_sqlite3.node'), 4242, 4242)
  const run = await init(folder)
  expect(run.exitCode).toBe(1)
  expect(run.stderr).toContain(
    `${join(folder, 'better_sqlite3.node')} can be changed by another user (mode 644, owner 4242)`,
  )
  expect(run.vaultWritten).toBe(false)
})

it('refuses a working library put in place of a native part, before loading it', { timeout: 60_000 }, async () => {
  const folder = installCopy()
  // A valid library for this system, just not the one built with this keyward.
  copyFileSync(join(built, 'keyward_pack.node'), join(folder, 'argon2.node'))
  const run = await init(folder)
  expect(run.exitCode).toBe(1)
  expect(run.stderr).toContain(
    `the Argon2 module, ${join(folder, 'argon2.node')}, is not the one this keyward was built with`,
  )
  expect(run.vaultWritten).toBe(false)
})

it('ignores NODE_OPTIONS: a --require it names is not loaded', { timeout: 60_000 }, async () => {
  const folder = installCopy()
  const marker = join(temp.directory, 'required-ran')
  const preload = join(temp.directory, 'preload.cjs')
  writeFileSync(preload, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran')\n`)
  const run = await runKeywardCommand(
    [join(folder, 'keyward')],
    ['init', '--vault', join(folder, 'vault.keyward'), '--password-file', join(temp.directory, 'password')],
    {
      cwd: temp.directory,
      env: { ...cliEnvironment(temp.directory), NODE_OPTIONS: `--require ${preload}` },
    },
  )
  expect(run.exitCode, run.stderr).toBe(0)
  expect(existsSync(marker)).toBe(false)
})
