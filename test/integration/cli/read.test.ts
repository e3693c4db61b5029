// keyward read keyward://…: one value for a script, refused on a terminal unless --reveal (before
// anything is unlocked), with the same reference errors as run and inject.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { fakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'

const PASSWORD = 'correct horse battery staple'
const clipiaLive = fakeKeys.clipiaLive()
let temp: ReturnType<typeof makeTempDirectory>
let env: Record<string, string>

const keyward = async (argv: string[], options: FakeIoOptions = {}) => {
  const io = fakeIo({ cwd: temp.directory, env, ...options })
  const exitCode = await runCli(argv, io, { kdfCost: TEST_KDF_COST })
  return { exitCode, out: io.out(), err: io.err() }
}

beforeAll(async () => {
  temp = makeTempDirectory('keyward-read-')
  // No agent folder here: every read opens the vault with the password file.
  env = {
    KEYWARD_VAULT: join(temp.directory, 'vault.keyward'),
    KEYWARD_PASSWORD_FILE: join(temp.directory, 'password'),
    XDG_RUNTIME_DIR: join(temp.directory, 'none'),
  }
  writeFileSync(env.KEYWARD_PASSWORD_FILE!, `${PASSWORD}\n`, { mode: 0o600 })
  expect((await keyward(['init'])).exitCode).toBe(0)
  expect((await keyward(['add', 'Clipia live'], { stdin: clipiaLive })).exitCode).toBe(0)
})
afterAll(() => temp.cleanup())

it('prints the value for a script, with or without the newline', async () => {
  expect(await keyward(['read', 'keyward://Clipia live'])).toEqual({ exitCode: 0, out: `${clipiaLive}\n`, err: '' })
  expect(await keyward(['read', 'keyward://clipia LIVE', '--no-newline'])).toEqual({
    exitCode: 0,
    out: clipiaLive,
    err: '',
  })
})

it('refuses a terminal stdout unless --reveal, before the vault is opened', async () => {
  // A password file that does not exist: had the vault been opened, the error would be about it.
  const refused = await keyward(['read', 'keyward://Clipia live'], {
    stdoutIsTTY: true,
    env: { ...env, KEYWARD_PASSWORD_FILE: join(temp.directory, 'missing') },
  })
  expect(refused).toEqual({
    exitCode: 1,
    out: '',
    err: 'keyward: Refusing to print a secret on the terminal. Use it in a script ($(keyward read …)), pipe it, or add --reveal if you really mean to see it.\n',
  })
  expect(await keyward(['read', 'keyward://Clipia live', '--reveal'], { stdoutIsTTY: true })).toMatchObject({
    exitCode: 0,
    out: `${clipiaLive}\n`,
  })
})

it('says what is wrong with a reference, and prints nothing', async () => {
  const typo = await keyward(['read', 'keyward://Clipia lve'])
  expect(typo.exitCode).toBe(1)
  expect(typo.out).toBe('')
  expect(typo.err).toMatch(/Clipia live/)
  expect(typo.err).toContain('Nothing was printed.')
  const notOne = await keyward(['read', 'Clipia live'])
  expect(notOne).toMatchObject({
    exitCode: 1,
    out: '',
    err: expect.stringContaining('is not a Keyward reference: a reference starts with keyward://'),
  })
})
