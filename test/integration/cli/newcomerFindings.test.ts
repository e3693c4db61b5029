// What a newcomer ran into with `keyward`, each run in-process on a real vault file (cheap Argon2 cost)
// with scripted stdin and a scripted terminal: the fix for each, held by a test.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import type { KeyRecord } from '../../../preload/contract'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { fakeIo, type FakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'

const PASSWORD = 'correct horse battery'
let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
/** Every secret value a test used: none may appear in any output. */
let secrets: string[]
let outputs: string[]

beforeEach(() => {
  temp = makeTempDirectory('keyward-newcomer-')
  vaultPath = join(temp.directory, 'vault.keyward')
  writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
  secrets = [PASSWORD]
  outputs = []
})
afterEach(() => {
  for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret)
  temp.cleanup()
})

const run = async (argv: string[], options: FakeIoOptions = {}) => {
  const io: FakeIo = fakeIo({ cwd: temp.directory, env: { KEYWARD_VAULT: vaultPath }, ...options })
  const exitCode = await runCli(argv, io, { kdfCost: TEST_KDF_COST })
  const result = { exitCode, stdout: io.out(), stderr: io.err() }
  outputs.push(result.stdout, result.stderr, options.terminal?.shown ?? '')
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
  it('a quote never closed is reported with its line and skipped; every line after it is still read', async () => {
    await initVault()
    const before = fakeKeys.clipiaTest()
    const after = fakeKeys.airclouTest()
    const last = fakeKeys.agentclaraLive()
    secrets.push(before, after, last)
    writeFileSync(
      join(temp.directory, '.env'),
      [`CLIPIA_KEY=${before}`, 'OPEN="never closed', `AIRCLOU_KEY=${after}`, 'PORT=3000', `AGENT_KEY=${last}`, ''].join('\n'),
    )
    const result = await run(['import', '.env', '--yes', ...withPassword])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toBe('keyward: line 2: OPEN: the value opens a " quote that is never closed\n')
    expect(result.stdout).toContain('Imported 3 keys from .env; 1 setting left out (not keys); 1 line could not be read')
    expect(await names()).toEqual(['AGENT_KEY', 'AIRCLOU_KEY', 'CLIPIA_KEY'])
  })
})

describe('scan', () => {
  it('on a folder that is not in git, labels findings as files, not "tracked"', async () => {
    const folder = join(temp.directory, 'not-a-repository')
    mkdirSync(folder)
    const key = fakeKeys.clipiaLive()
    secrets.push(key)
    writeFileSync(join(folder, 'app.env'), `CLIPIA_API_KEY=${key}\n`)
    const result = await run(['scan', folder], { env: {} })
    expect(result.exitCode, result.stderr).toBe(1)
    expect(result.stdout, result.stderr).toContain('app.env:1:')
    expect(result.stdout).toContain('(file, not in a git repository)')
    expect(result.stdout).not.toMatch(/tracked/)
  })
})
