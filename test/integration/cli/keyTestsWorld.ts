// What the in-process tests of `keyward test`, `keyward providers` and the test fields of add and edit
// share: the HTTPS provider simulator for the file, a fresh folder with a password file for each test
// (every output checked for every secret the test used), and the CLI run on a real vault there.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { runCli } from '../../../main/cli/program'
import type { KeyRecord, ProviderSummary } from '#contract'
import { startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { fakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'

// Set by the hooks useKeyTestsWorld registers; importers read them live.
const PASSWORD = 'correct horse battery'
export let simulator: ProviderSimulator
export let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
/** Every secret a test used: none may appear in any output. */
let secrets: string[]
let outputs: string[]

/** Registers the test file's hooks: call once, at the top of the file. */
export const useKeyTestsWorld = () => {
  beforeAll(async () => {
    simulator = await startProviderSimulator()
  })
  afterAll(async () => {
    await simulator.close()
  })
  beforeEach(() => {
    simulator.reset()
    temp = makeTempDirectory('keyward-cli-tests-')
    vaultPath = join(temp.directory, 'vault.keyward')
    writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
    secrets = [PASSWORD]
    outputs = []
  })
  afterEach(() => {
    for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret)
    temp.cleanup()
  })
}

const withPassword = ['--password-file', 'password']

export const run = async (argv: string[], options: FakeIoOptions = {}) => {
  const io = fakeIo({ cwd: temp.directory, env: { KEYWARD_VAULT: vaultPath }, ...options })
  const exitCode = await runCli([...argv, ...withPassword], io, { kdfCost: TEST_KDF_COST })
  const result = { exitCode, stdout: io.out(), stderr: io.err() }
  outputs.push(result.stdout, result.stderr)
  return result
}

export const initVault = async () => expect((await run(['init'])).exitCode).toBe(0)

export const addKey = async (name: string, value: string, extra: string[] = []) => {
  secrets.push(value)
  const result = await run(['add', name, ...extra], { stdin: value })
  expect(result, result.stderr).toMatchObject({ exitCode: 0 })
}

export const listJson = async (): Promise<KeyRecord[]> =>
  JSON.parse((await run(['list', '--json'])).stdout) as KeyRecord[]
export const providersJson = async (): Promise<ProviderSummary[]> => {
  const result = await run(['providers', '--json'])
  expect(result, result.stderr).toMatchObject({ exitCode: 0 })
  return JSON.parse(result.stdout) as ProviderSummary[]
}
export const provider = async (id: string) => (await providersJson()).find((entry) => entry.id === id)!

/** This run's way to the simulator: --base-url for each provider named, and its CA. */
export const toSimulator = (...providers: ('clipia' | 'airclou' | 'cloro' | 'clodura' | 'agentclara')[]) => [
  ...providers.flatMap((id) => ['--base-url', `${id}=${simulator.baseUrls[id]}`]),
  '--ca',
  simulator.caPath,
]

export const rowOf = (table: string, name: string) =>
  table.split('\n').find((line) => line.startsWith(`${name} `)) ?? ''
