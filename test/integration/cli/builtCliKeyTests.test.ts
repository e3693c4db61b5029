// `keyward test` and `keyward providers` as built and run by a user's shell, against the HTTPS
// provider simulator. The vault and its keys are made in-process (cheap Argon2 cost) so that only
// the runs worth checking as a real process are spawned; they run in order on one vault.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderSummary } from '#contract'
import { startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { makeTempDirectory } from '../../support/tempVault'
import { assertCliBuilt, cliEnvironment, runBuiltCli, type CliRun } from './builtCli'
import { prepareVault } from './prepareVault'

const PASSWORD = 'correct horse battery staple'
const withPassword = ['--password-file', 'password']
let simulator: ProviderSimulator
let temp: ReturnType<typeof makeTempDirectory>
let env: Record<string, string>
const secrets: string[] = [PASSWORD]
const outputs: { args: readonly string[]; text: string }[] = []

const keyward = async (args: string[]): Promise<CliRun> => {
  const result = await runBuiltCli([...args, ...withPassword], { cwd: temp.directory, env })
  outputs.push({ args, text: result.stdout + result.stderr })
  return result
}

/** Sets the vault up in this process, as fast as a test vault can be. */
const prepare = (argv: string[], stdin?: string) =>
  prepareVault(temp.directory, join(temp.directory, 'vault.keyward'), argv, stdin)

const rowOf = (table: string, name: string) => table.split('\n').find((line) => line.startsWith(`${name} `)) ?? ''

const valid = fakeKeys.clipiaLive()
const expired = fakeKeys.airclouLive()
const starter = fakeKeys.clodura()
const throttled = fakeKeys.clipiaTest()
secrets.push(valid, expired, starter, throttled)

beforeAll(async () => {
  assertCliBuilt()
  simulator = await startProviderSimulator()
  temp = makeTempDirectory('keyward-built-cli-tests-')
  env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: join(temp.directory, 'vault.keyward') })
  writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
  simulator.registerKey('clipia', { value: valid })
  simulator.registerKey('airclou', { value: expired, state: 'expired' })
  simulator.registerKey('clodura', { value: starter, plan: 'Starter' })
  // Answers 429 with Retry-After from its first request until a second has passed.
  simulator.registerKey('clipia', { value: throttled, behaviour: 'retry-after-seconds', retryAfterSeconds: 1 })
  await prepare(['init'])
  await prepare(['add', 'Clipia ok', '--tag', 'ci'], valid)
  await prepare(['add', 'Airclou old'], expired)
  await prepare(['add', 'Clodura starter', '--provider', 'clodura', '--plan', 'starter'], starter)
  await prepare(['add', 'Mystery', '--provider', 'none'], fakeKeys.cloro())
  await prepare(['add', 'Clipia throttled'], throttled)
})

afterAll(async () => {
  await simulator?.close()
  temp?.cleanup()
})

describe('keyward test, built and run as a command', () => {
  it('tests every key with one-run settings, prints the table, and exits 1 when a key is not valid', async () => {
    const result = await keyward([
      'test',
      'Clipia ok',
      'Airclou old',
      'Clodura starter',
      'Mystery',
      '--base-url',
      `clipia=${simulator.baseUrls.clipia}`,
      '--base-url',
      `Airclou=${simulator.baseUrls.airclou}`,
      '--base-url',
      `clodura=${simulator.baseUrls.clodura}`,
      '--ca',
      simulator.caPath,
    ])
    expect(result.exitCode, result.stderr).toBe(1)
    expect(rowOf(result.stdout, 'Clipia ok')).toMatch(/^Clipia ok\s+clipia\s+valid\s+\d+ ms\s+200\s/)
    expect(rowOf(result.stdout, 'Airclou old')).toMatch(/^Airclou old\s+airclou\s+expired\s+\d+ ms\s+401\s/)
    expect(rowOf(result.stdout, 'Clodura starter')).toMatch(/^Clodura starter\s+clodura\s+valid\s+\d+ ms\s+200\s/)
    expect(rowOf(result.stdout, 'Mystery')).toMatch(/^Mystery\s+-\s+not tested\s+-\s+-\s+"Mystery" has no provider/)
    expect(result.stdout).toContain('4 keys: 1 expired, 1 not tested, 2 valid.')
    expect(simulator.requests).toHaveLength(3)
  })

  it('stores a base URL and a trusted CA that a later run uses; --json exits 0 when all are valid', async () => {
    expect((await keyward(['providers', 'set-base-url', 'clipia', simulator.baseUrls.clipia, '--yes'])).exitCode).toBe(
      0,
    )
    expect((await keyward(['providers', 'trust-ca', 'clipia', simulator.caPath, '--yes'])).exitCode).toBe(0)
    const before = simulator.requests.length
    const result = await keyward(['test', 'Clipia ok', '--json'])
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: '' })
    const [report] = JSON.parse(result.stdout) as {
      name: string
      provider: string
      outcome: string
      httpStatus: number
    }[]
    expect(report).toMatchObject({ name: 'Clipia ok', provider: 'clipia', outcome: 'valid', httpStatus: 200 })
    expect(simulator.requests.slice(before).map((request) => request.provider)).toEqual(['clipia'])
  })

  it('kept nothing of the one-run settings, and lists the stored ones', async () => {
    const result = await keyward(['providers', '--json'])
    expect(result.exitCode).toBe(0)
    const providers = JSON.parse(result.stdout) as ProviderSummary[]
    const byId = (id: string) => providers.find((provider) => provider.id === id)
    expect(byId('clipia')).toMatchObject({
      baseUrl: simulator.baseUrls.clipia,
      caCertificate: expect.stringMatching(/\.pem$/),
    })
    expect(byId('airclou')).toMatchObject({ baseUrl: null, caCertificate: null })
    expect(byId('clodura')).toMatchObject({ baseUrl: null, caCertificate: null })
  })

  it('waits out a Retry-After within the run, instead of exiting while nothing else is pending', async () => {
    const before = simulator.requests.length
    const result = await keyward(['test', 'Clipia throttled'])
    expect(result, result.stderr).toMatchObject({ exitCode: 0 })
    expect(rowOf(result.stdout, 'Clipia throttled')).toMatch(/valid\s+\d+ ms\s+200\s/)
    const requests = simulator.requests.slice(before)
    expect(requests.map((request) => request.status)).toEqual([429, 200])
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(1_000)
  })

  it('never printed a key value or the password, nor a stack trace', () => {
    for (const { args, text } of outputs) {
      for (const secret of secrets)
        expect(text.includes(secret), `keyward ${args.join(' ')} printed a secret`).toBe(false)
      expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/)
    }
  })
})
