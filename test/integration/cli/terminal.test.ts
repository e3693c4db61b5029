// The built `keyward` under a pseudo-terminal, typed at like a person would: prompts appear, and
// what is typed at them (master password, key value) is never echoed.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeyRecord } from '#contract'
import { fakeKeys } from '../../support/fakeKeys'
import { makeTempDirectory } from '../../support/tempVault'
import { assertCliBuilt, cliEnvironment, runBuiltCli, runBuiltCliOnTerminal } from './builtCli'

const PASSWORD = 'typed master password'
let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let env: Record<string, string>

beforeAll(() => {
  assertCliBuilt()
  temp = makeTempDirectory('keyward-tty-')
  vaultPath = join(temp.directory, 'vault.keyward')
  env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: vaultPath, TERM: 'dumb' })
})
afterAll(() => temp?.cleanup())

const onTerminal = (args: string[], steps: { expect: string; send: string }[], stdin?: string) =>
  runBuiltCliOnTerminal(args, { cwd: temp.directory, env, steps, stdin })

// python3 is part of every supported build machine (Debian); a missing one fails here rather than skipping.
describe('keyward on a terminal (python3 pty)', () => {
  it('init asks for the password twice without echoing it', async () => {
    const run = await onTerminal(
      ['init'],
      [
        { expect: 'New master password (at least 8 characters): ', send: `${PASSWORD}\r` },
        { expect: 'Type it again: ', send: `${PASSWORD}\r` },
      ],
    )
    expect(run.failure).toBeNull()
    expect(run.exitCode).toBe(0)
    expect(run.screen).toContain('Created a vault at')
    expect(run.screen).not.toContain(PASSWORD)
    expect(run.screen).not.toContain('*')
    expect(existsSync(vaultPath)).toBe(true)
  })

  it('add asks for the master password and then the value, echoing neither', async () => {
    const value = fakeKeys.clipiaLive()
    const run = await onTerminal(
      ['add', 'Typed key', '--tag', 'tty'],
      [
        { expect: 'Master password: ', send: `${PASSWORD}\r` },
        { expect: 'Value of "Typed key" (hidden): ', send: `${value}X\u007f\r` },
      ],
    )
    expect(run.failure).toBeNull()
    expect(run.exitCode).toBe(0)
    expect(run.screen).toContain(`clipia_live_••••${value.slice(-4)}`)
    for (const secret of [PASSWORD, value, value.slice(12, 24)]) expect(run.screen).not.toContain(secret)
  })

  it('with the value piped in, still asks for the password on the terminal', async () => {
    const value = fakeKeys.airclouTest()
    const run = await onTerminal(
      ['add', 'Piped key'],
      [{ expect: 'Master password: ', send: `${PASSWORD}\r` }],
      `${value}\n`,
    )
    expect(run.failure).toBeNull()
    expect(run.exitCode).toBe(0)
    expect(run.screen).not.toContain(value)
    expect(run.screen).not.toContain(PASSWORD)
    writeFileSync(join(temp.directory, 'password'), PASSWORD, { mode: 0o600 })
    const listed = await runBuiltCli(['list', '--json', '--password-file', 'password'], { cwd: temp.directory, env })
    const keys = JSON.parse(listed.stdout) as KeyRecord[]
    expect(keys.map((key) => [key.name, key.tags])).toEqual([
      ['Piped key', []],
      ['Typed key', ['tty']],
    ])
  })

  it('export refuses to print secrets on the terminal', async () => {
    const run = await onTerminal(['export', '--env', 'test', '--password-file', 'password'], [])
    expect(run.exitCode).toBe(1)
    expect(run.screen).toContain('keyward: Refusing to print secrets on the terminal')
  })

  it('Ctrl-C at the password prompt cancels (exit 130) without echoing what was typed', async () => {
    const run = await onTerminal(['list'], [{ expect: 'Master password: ', send: 'abc\u0003' }])
    expect(run.exitCode).toBe(130)
    expect(run.screen).toContain('keyward: Canceled; nothing was changed.')
    expect(run.screen).not.toContain('abc')
  })
})
