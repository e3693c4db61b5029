// `keyward run` gives its command the keys chosen and nothing of Keyward's own: no KEYWARD_VAULT, no
// KEYWARD_PASSWORD_FILE (whose path would let the command read the master password and open every
// other key), no KEYWARD_* at all. A real child process lists the environment it was given.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/program'
import { fakeKeys } from '../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../support/tempVault'
import { fakeIo } from '../unit/cli/fakeCliIo'

const PASSWORD = 'correct horse battery staple'
const CHILD = fileURLToPath(new URL('../fixtures/run/child.mjs', import.meta.url))
const clipiaLive = fakeKeys.clipiaLive()

let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let passwordFile: string

const keyward = async (argv: string[], env: Record<string, string>, stdin?: string) => {
  const io = fakeIo({ cwd: temp.directory, env: { PATH: process.env.PATH, ...env }, stdin })
  const exitCode = await runCli(argv, io, { kdfCost: TEST_KDF_COST })
  return { exitCode, out: io.out(), err: io.err() }
}

beforeAll(async () => {
  temp = makeTempDirectory('keyward-run-env-')
  vaultPath = join(temp.directory, 'vault.keyward')
  passwordFile = join(temp.directory, 'master-password')
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 })
  const env = { KEYWARD_VAULT: vaultPath, KEYWARD_PASSWORD_FILE: passwordFile }
  expect((await keyward(['init'], env)).exitCode).toBe(0)
  expect((await keyward(['add', 'Clipia live'], env, clipiaLive)).exitCode).toBe(0)
})
afterAll(() => temp?.cleanup())

describe("keyward run: the command's environment", () => {
  it('holds no KEYWARD_* variable, nor the password file or vault path under any name', async () => {
    const env = {
      KEYWARD_VAULT: vaultPath,
      KEYWARD_PASSWORD_FILE: passwordFile,
      KEYWARD_DEBUG: '1',
      keyward_lowercase: 'also Keyward-looking',
      ORDINARY_SETTING: 'kept',
    }
    const result = await keyward(
      ['run', '--env', 'live', '--', process.execPath, CHILD, 'env-names', passwordFile, vaultPath],
      env,
    )
    expect(result.err).toBe('')
    expect(result.exitCode).toBe(0)
    const names = result.out.split('\n').filter((line) => line && !line.startsWith('holding '))
    expect(names.filter((name) => /^keyward_/i.test(name))).toEqual([])
    expect(names).toEqual(expect.arrayContaining(['CLIPIA_KEY', 'ORDINARY_SETTING', 'PATH']))
    expect(result.out).toContain(`holding ${passwordFile}: none\n`)
    expect(result.out).toContain(`holding ${vaultPath}: none\n`)
  })

  it('keeps a variable named __proto__ as a variable like any other', async () => {
    const result = await keyward(['run', '--env', 'live', '--', process.execPath, CHILD, 'env-names'], {
      KEYWARD_VAULT: vaultPath,
      KEYWARD_PASSWORD_FILE: passwordFile,
      ['__proto__']: 'a value',
    })
    expect(result.exitCode, result.err).toBe(0)
    expect(result.out.split('\n')).toContain('__proto__')
  })
})
