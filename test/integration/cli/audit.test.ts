// The command line leaves its entries in the vault's audit log too, named as the CLI, never a value.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import { openVault } from '../../../main/vault/index'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { fakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'

const PASSWORD = 'correct horse battery'
let temp: ReturnType<typeof makeTempDirectory>
let vaultArgs: string[]

beforeEach(() => {
  temp = makeTempDirectory('keyward-cli-audit-')
  writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
  vaultArgs = ['--vault', join(temp.directory, 'vault.keyward'), '--password-file', join(temp.directory, 'password')]
})
afterEach(() => temp.cleanup())

const run = async (argv: string[], options: FakeIoOptions = {}) => {
  const io = fakeIo({ cwd: temp.directory, ...options })
  const exitCode = await runCli(argv, io, { kdfCost: TEST_KDF_COST })
  return { exitCode, stdout: io.out(), stderr: io.err() }
}

it('records add, edit, export and inject by the CLI, with names and counts only', async () => {
  const value = fakeKeys.clipiaTest()
  const newValue = fakeKeys.clipiaTest()
  expect((await run(['init', ...vaultArgs])).exitCode).toBe(0)
  expect((await run(['add', 'Clipia sandbox', '--provider', 'clipia', ...vaultArgs], { stdin: value })).exitCode).toBe(
    0,
  )
  expect(
    (await run(['edit', 'Clipia sandbox', '--value-stdin', '--tag', 'ci', ...vaultArgs], { stdin: newValue })).exitCode,
  ).toBe(0)
  expect((await run(['export', '--env', 'test', '-o', 'test.env', ...vaultArgs])).exitCode).toBe(0)
  writeFileSync(join(temp.directory, 'app.env.template'), 'CLIPIA_KEY=keyward://Clipia sandbox\n')
  expect((await run(['inject', '-i', 'app.env.template', '-o', 'app.env', ...vaultArgs])).exitCode).toBe(0)

  const vault = await openVault(join(temp.directory, 'vault.keyward'), PASSWORD, { kdfCost: TEST_KDF_COST })
  try {
    const { entries } = vault.audit.list()
    expect(entries.map((entry) => [entry.actor, entry.action])).toEqual([
      ['cli', 'template filled'],
      ['cli', '.env exported'],
      ['cli', 'key edited'],
      ['cli', 'key added'],
    ])
    expect(entries[1]!.detail).toBe('1 test keys')
    expect(entries[2]!.subject).toBe('Clipia sandbox')
    const text = JSON.stringify(entries)
    expect(text).not.toContain(value)
    expect(text).not.toContain(newValue)
  } finally {
    vault.close()
  }
})
