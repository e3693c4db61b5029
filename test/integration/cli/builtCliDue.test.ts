// `keyward due` as built and run by a user's shell: its exit code is what a CI job stops on. The
// vault and its keys are made in-process (cheap Argon2 cost); the built command reads them on the
// real clock, so the expiry dates are set relative to today.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DueReport } from '../../../main/rotation-service/index'
import { fakeKeys } from '../../support/fakeKeys'
import { makeTempDirectory } from '../../support/tempVault'
import { assertCliBuilt, cliEnvironment, runBuiltCli, type CliRun } from './builtCli'
import { prepareVault } from './prepareVault'

const PASSWORD = 'correct horse battery staple'
const DAY = 86_400_000
const withPassword = ['--password-file', 'password']
let temp: ReturnType<typeof makeTempDirectory>
let env: Record<string, string>
const fresh = fakeKeys.clipiaLive()
const expiring = fakeKeys.airclouLive()
const secrets = [PASSWORD, fresh, expiring]
const outputs: string[] = []

/** A date `days` from today, as `--expires` takes it. */
const dayFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

const keyward = async (args: string[]): Promise<CliRun> => {
  const result = await runBuiltCli([...args, ...withPassword], { cwd: temp.directory, env })
  outputs.push(result.stdout, result.stderr)
  return result
}

const prepare = (argv: string[], stdin?: string) =>
  prepareVault(temp.directory, join(temp.directory, 'vault.keyward'), argv, stdin)

const rowOf = (table: string, name: string) => table.split('\n').find((line) => line.startsWith(`${name} `)) ?? ''

beforeAll(async () => {
  assertCliBuilt()
  temp = makeTempDirectory('keyward-built-cli-due-')
  env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: join(temp.directory, 'vault.keyward') })
  writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
  await prepare(['init'])
  await prepare(['add', 'Clipia fresh', '--env', 'live'], fresh)
  await prepare(['add', 'Airclou expiring', '--env', 'live', '--expires', dayFromToday(-3)], expiring)
})

afterAll(() => {
  for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret)
  temp?.cleanup()
})

describe('keyward due, built and run as a command', () => {
  it('exits 1 while a key is expired, in the table and in --json', async () => {
    const table = await keyward(['due'])
    expect(table.exitCode, table.stderr).toBe(1)
    expect(table.stderr).toBe('')
    expect(rowOf(table.stdout, 'Airclou expiring')).toMatch(
      /^Airclou expiring\s+airclou\s+live\s+expired\s+expired \d days? ago\s+expiry you entered$/,
    )
    expect(table.stdout).not.toContain('Clipia fresh')
    expect(table.stdout).toContain('2 keys: 1 expired, 1 ok.')

    const json = await keyward(['due', '--json'])
    expect(json.exitCode).toBe(1)
    const report = JSON.parse(json.stdout) as DueReport
    expect(report).toMatchObject({ exitCode: 1, failing: 1 })
    expect(report.keys.map((entry) => entry.state)).toEqual(['expired', 'ok'])
  })

  it('exits 0 once the key is only due soon: a warning, not a failure', async () => {
    await prepare(['edit', 'Airclou expiring', '--expires', dayFromToday(10)])
    const result = await keyward(['due', '--all'])
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: '' })
    expect(rowOf(result.stdout, 'Airclou expiring')).toMatch(/\sdue soon\s+in (9|10|11) days\s+expiry you entered$/)
    expect(rowOf(result.stdout, 'Clipia fresh')).toMatch(/\sok\s+in (89|90) days\s+90-day policy$/)
  })

  it('refuses a period of 10000 days with exit 1 and a message saying what is allowed', async () => {
    const result = await keyward(['due', 'period', 'Clipia fresh', '10000'])
    expect(result).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'keyward: A rotation period is a whole number of days from 1 to 3,650 (ten years); 10000 is not.\n',
    })
  })
})
