// The command line leaves its entries in the vault's audit log too, named as the CLI, never a value.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import { openVault } from '../../../main/vault/index'
import { acmeProvider } from '../../support/customProvider'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { generateTestCertificates } from '../../simulator/certificates'
import { FakeTerminal, fakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'

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

/** The vault's audit log, newest first, as [actor, action, subject, detail]. */
const auditLog = async () => {
  const vault = await openVault(join(temp.directory, 'vault.keyward'), PASSWORD, { kdfCost: TEST_KDF_COST })
  try {
    return vault.audit.list().entries.map((entry) => [entry.actor, entry.action, entry.subject, entry.detail])
  } finally {
    vault.close()
  }
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

// The same entries the app's audit trail and its confirmation dialog leave (main/key-test-service/auditEntries.ts).
it('records a wider reach and every provider change by the CLI, as the app does', async () => {
  expect((await run(['init', ...vaultArgs])).exitCode).toBe(0)
  const staging = 'https://clipia.staging.internal'
  expect((await run(['providers', 'set-base-url', 'clipia', staging, '--yes', ...vaultArgs])).exitCode).toBe(0)
  const { caCertificatePem } = generateTestCertificates({ names: ['clipia.staging.internal'] })
  writeFileSync(join(temp.directory, 'staging-ca.pem'), caCertificatePem)
  expect((await run(['providers', 'trust-ca', 'clipia', 'staging-ca.pem', '--yes', ...vaultArgs])).exitCode).toBe(0)
  expect((await run(['providers', 'trust-ca', 'clipia', '--reset', ...vaultArgs])).exitCode).toBe(0)
  expect((await run(['providers', 'set-base-url', 'clipia', '--reset', ...vaultArgs])).exitCode).toBe(0)
  writeFileSync(join(temp.directory, 'acme.json'), JSON.stringify(acmeProvider))
  expect((await run(['providers', 'add', 'acme.json', ...vaultArgs])).exitCode).toBe(0)
  expect((await run(['providers', 'remove', 'acme', ...vaultArgs])).exitCode).toBe(0)

  expect((await auditLog()).reverse()).toEqual([
    ['cli', 'wider reach allowed', 'clipia.staging.internal', `Send Clipia's key tests to ${staging}`],
    ['cli', 'provider base URL set', 'clipia', staging],
    [
      'cli',
      'wider reach allowed',
      'clipia.staging.internal',
      "Trust the CA certificate staging-ca.pem for Clipia's key tests",
    ],
    ['cli', 'provider CA trusted', 'clipia', 'staging-ca.pem'],
    ['cli', 'provider CA removed', 'clipia', null],
    ['cli', 'provider base URL set', 'clipia', 'default'],
    ['cli', 'custom provider saved', 'acme', null],
    ['cli', 'custom provider deleted', 'acme', null],
  ])
})

it('records the answer typed at the terminal before a key goes to a new host: allowed, or declined', async () => {
  expect((await run(['init', ...vaultArgs])).exitCode).toBe(0)
  expect((await run(['add', 'Cloro', '--provider', 'cloro', ...vaultArgs], { stdin: fakeKeys.cloro() })).exitCode).toBe(
    0,
  )
  const declined = await run(['edit', 'Cloro', '--verify-url', 'https://evil.example/steal', ...vaultArgs], {
    terminal: new FakeTerminal().type('n\r'),
  })
  expect(declined.exitCode).not.toBe(0)
  const allowed = await run(['edit', 'Cloro', '--verify-url', 'https://api.cloro.dev/v1/me', ...vaultArgs], {
    terminal: new FakeTerminal().type('y\r'),
  })
  expect(allowed.exitCode).toBe(0)

  const entries = (await auditLog()).reverse()
  expect(entries.map(([actor, action, subject]) => [actor, action, subject])).toEqual([
    ['cli', 'key added', 'Cloro'],
    ['cli', 'wider reach declined', 'evil.example'],
    ['cli', 'wider reach allowed', 'api.cloro.dev'],
    ['cli', 'key edited', 'Cloro'],
  ])
  expect(entries[3]![3]).toBe('verifyUrl')
})

it("records a key's rotation period and snooze set by the CLI, as the app does", async () => {
  const inFiveDays = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
  expect((await run(['init', ...vaultArgs])).exitCode).toBe(0)
  const added = await run(['add', 'Clipia sandbox', '--provider', 'clipia', '--expires', inFiveDays, ...vaultArgs], {
    stdin: fakeKeys.clipiaTest(),
  })
  expect(added.exitCode).toBe(0)
  expect((await run(['due', 'period', 'Clipia sandbox', '30', ...vaultArgs])).exitCode).toBe(0)
  expect((await run(['due', 'period', 'Clipia sandbox', 'default', ...vaultArgs])).exitCode).toBe(0)
  expect((await run(['due', 'snooze', 'Clipia sandbox', '--days', '1', ...vaultArgs])).exitCode).toBe(0)
  expect((await run(['due', 'snooze', 'Clipia sandbox', '--clear', ...vaultArgs])).exitCode).toBe(0)

  const entries = (await auditLog()).reverse().slice(1)
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
  expect(entries).toEqual([
    ['cli', 'rotation period set', 'Clipia sandbox', '30 days'],
    ['cli', 'rotation period set', 'Clipia sandbox', 'default'],
    ['cli', 'rotation snoozed', 'Clipia sandbox', expect.stringMatching(/^until \d{4}-\d{2}-\d{2}$/)],
    ['cli', 'rotation snoozed', 'Clipia sandbox', 'snooze cleared'],
  ])
  expect([tomorrow, new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)]).toContain(
    entries[2]![3]!.slice('until '.length),
  )
})

it('records a run of tests started by the CLI, in the words the app uses', async () => {
  expect((await run(['init', ...vaultArgs])).exitCode).toBe(0)
  expect((await run(['add', 'Cloro staging', ...vaultArgs], { stdin: fakeKeys.cloro() })).exitCode).toBe(0)
  // A Cloro key without a verify URL is not tested (exit 1), but the run it started is in the log.
  expect((await run(['test', 'Cloro staging', ...vaultArgs])).exitCode).toBe(1)
  expect((await auditLog()).filter(([, action]) => action === 'tests started')).toEqual([
    ['cli', 'tests started', null, '1 key'],
  ])
})
