// `keyward test`, `keyward providers` and the test fields of `keyward edit`, run in-process on a real
// vault against the HTTPS provider simulator, reached through base URLs and its CA as a user would.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import type { KeyRecord, ProviderSummary } from '#contract'
import { startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { FakeTerminal, fakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'

const PASSWORD = 'correct horse battery'
let simulator: ProviderSimulator
let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
/** Every secret a test used: none may appear in any output. */
let secrets: string[]
let outputs: string[]

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

const withPassword = ['--password-file', 'password']

const run = async (argv: string[], options: FakeIoOptions = {}) => {
  const io = fakeIo({ cwd: temp.directory, env: { KEYWARD_VAULT: vaultPath }, ...options })
  const exitCode = await runCli([...argv, ...withPassword], io, { kdfCost: TEST_KDF_COST })
  const result = { exitCode, stdout: io.out(), stderr: io.err() }
  outputs.push(result.stdout, result.stderr)
  return result
}

const initVault = async () => expect((await run(['init'])).exitCode).toBe(0)

const addKey = async (name: string, value: string, extra: string[] = []) => {
  secrets.push(value)
  const result = await run(['add', name, ...extra], { stdin: value })
  expect(result, result.stderr).toMatchObject({ exitCode: 0 })
}

const listJson = async (): Promise<KeyRecord[]> => JSON.parse((await run(['list', '--json'])).stdout) as KeyRecord[]
const providersJson = async (): Promise<ProviderSummary[]> => {
  const result = await run(['providers', '--json'])
  expect(result, result.stderr).toMatchObject({ exitCode: 0 })
  return JSON.parse(result.stdout) as ProviderSummary[]
}
const provider = async (id: string) => (await providersJson()).find((entry) => entry.id === id)!

/** This run's way to the simulator: --base-url for each provider named, and its CA. */
const toSimulator = (...providers: ('clipia' | 'airclou' | 'cloro' | 'clodura' | 'agentclara')[]) => [
  ...providers.flatMap((id) => ['--base-url', `${id}=${simulator.baseUrls[id]}`]),
  '--ca',
  simulator.caPath,
]

const rowOf = (table: string, name: string) => table.split('\n').find((line) => line.startsWith(`${name} `)) ?? ''

interface Report {
  name: string
  provider: string | null
  outcome: string
  reason: string
  httpStatus: number | null
  latencyMilliseconds: number | null
  id: number | null
}

describe('keyward test', () => {
  beforeEach(async () => {
    await initVault()
    const valid = fakeKeys.clipiaLive()
    const revoked = fakeKeys.clipiaTest()
    const expired = fakeKeys.airclouLive()
    simulator.registerKey('clipia', { value: valid })
    simulator.registerKey('clipia', { value: revoked, state: 'revoked' })
    simulator.registerKey('airclou', { value: expired, state: 'expired' })
    await addKey('Clipia ok', valid)
    await addKey('Clipia revoked', revoked)
    await addKey('Airclou old', expired)
    await addKey('Mystery', fakeKeys.cloro(), ['--provider', 'none'])
  })

  it("shows each key's outcome, reason, latency and status, and exits 1 when any key is not valid", async () => {
    const result = await run(['test', '--all', ...toSimulator('clipia', 'airclou')])
    expect(result.exitCode).toBe(1)
    expect(result.stdout.split('\n')[0]).toMatch(/^NAME\s+PROVIDER\s+OUTCOME\s+LATENCY\s+HTTP\s+REASON$/)
    expect(rowOf(result.stdout, 'Clipia ok')).toMatch(/^Clipia ok\s+clipia\s+valid\s+\d+ ms\s+200\s+\S/)
    expect(rowOf(result.stdout, 'Clipia revoked')).toMatch(
      /^Clipia revoked\s+clipia\s+rejected\s+\d+ ms\s+401\s+.*invalid_api_key/,
    )
    expect(rowOf(result.stdout, 'Airclou old')).toMatch(/^Airclou old\s+airclou\s+expired\s+\d+ ms\s+401\s+.*expired/)
    expect(rowOf(result.stdout, 'Mystery')).toMatch(/^Mystery\s+-\s+not tested\s+-\s+-\s+"Mystery" has no provider/)
    expect(result.stdout).toContain('4 keys: 1 rejected, 1 expired, 1 not tested, 1 valid.')
    expect(result.stderr).toContain(
      '"Mystery" was not tested. Give a key what a test needs with "keyward edit NAME --provider P"',
    )
    // One read-only request per testable key, each to its own provider over HTTPS.
    expect(
      simulator.requests.map((request) => `${request.provider} ${request.protocol} ${request.method}`).sort(),
    ).toEqual(['airclou https GET', 'clipia https GET', 'clipia https GET'])
  })

  it("exits 0 when every key named is valid, and records the tests in the keys' history", async () => {
    const result = await run(['test', 'Clipia ok', 'clipia OK', ...toSimulator('clipia')])
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: '' })
    expect(result.stdout).toContain('1 key: 1 valid.')
    const key = (await listJson()).find((entry) => entry.name === 'Clipia ok')!
    expect(key.lastTest).toMatchObject({ outcome: 'valid' })
    expect((await listJson()).find((entry) => entry.name === 'Mystery')!.lastTest).toBeNull()
  })

  it('--json keeps what each valid answer told about its key (permissions, expiry, credits, balance, plan)', async () => {
    const rich = fakeKeys.airclouLive()
    const credits = fakeKeys.clodura()
    simulator.registerKey('airclou', {
      value: rich,
      permissions: ['read', 'admin'],
      keyId: 'key_0000000042',
      expiresAt: '2027-06-30T00:00:00.000Z',
    })
    simulator.registerKey('clodura', { value: credits, plan: 'Starter', credits: 740 })
    await addKey('Airclou rich', rich)
    await addKey('Clodura credits', credits, ['--provider', 'clodura', '--plan', 'starter'])
    const result = await run([
      'test',
      'Airclou rich',
      'Clodura credits',
      'Clipia ok',
      'Clipia revoked',
      '--json',
      ...toSimulator('clipia', 'airclou', 'clodura'),
    ])
    const reports = JSON.parse(result.stdout) as (Report & { facts: unknown })[]
    expect(reports.map((report) => [report.name, report.outcome, report.facts])).toEqual([
      [
        'Airclou rich',
        'valid',
        { permissions: ['read', 'admin'], keyId: 'key_0000000042', expiresAt: '2027-06-30T00:00:00.000Z' },
      ],
      ['Clodura credits', 'valid', { credits: 740, plan: 'Starter' }],
      ['Clipia ok', 'valid', { balance: 25 }],
      ['Clipia revoked', 'invalid', null],
    ])
  })

  it("--json prints each key's test with its name and provider, and never a value", async () => {
    const result = await run(['test', '--all', '--json', ...toSimulator('clipia', 'airclou')])
    expect(result.exitCode).toBe(1)
    const reports = JSON.parse(result.stdout) as Report[]
    expect(reports.map((report) => [report.name, report.provider, report.outcome, report.httpStatus])).toEqual([
      ['Airclou old', 'airclou', 'expired', 401],
      ['Clipia ok', 'clipia', 'valid', 200],
      ['Clipia revoked', 'clipia', 'invalid', 401],
      ['Mystery', null, 'not_tested', null],
    ])
    expect(reports[1]!.latencyMilliseconds).toBeGreaterThan(0)
    expect(reports[1]!.id).toEqual(expect.any(Number))
    expect(reports[3]!.reason).toMatch(/has no provider/)
    for (const report of reports) expect(Object.keys(report)).not.toContain('value')
  })

  it('--base-url and --ca hold for one run only: nothing is stored, and without them the test cannot reach the simulator', async () => {
    expect((await run(['test', 'Clipia ok', ...toSimulator('clipia')])).exitCode).toBe(0)
    expect(await provider('clipia')).toMatchObject({ baseUrl: null, caCertificate: null })
    // Without the CA, the simulator's certificate is not trusted: a network error, not a bad key.
    const untrusted = await run(['test', 'Clipia ok', '--base-url', `clipia=${simulator.baseUrls.clipia}`])
    expect(untrusted.exitCode).toBe(1)
    expect(rowOf(untrusted.stdout, 'Clipia ok')).toMatch(/network error\s+\d+ ms\s+-\s+.*certificate/i)
  })

  it('set-base-url and trust-ca are stored and used by later runs, until reset', async () => {
    const set = await run(['providers', 'set-base-url', 'Clipia', simulator.baseUrls.clipia, '--yes'])
    expect(set, set.stderr).toMatchObject({ exitCode: 0 })
    expect(set.stdout).toContain(
      `Tests of Clipia keys now go to ${simulator.baseUrls.clipia} (verify request: ${simulator.baseUrls.clipia}/v1/account).`,
    )
    const trusted = await run(['providers', 'trust-ca', 'clipia', simulator.caPath, '--yes'])
    expect(trusted, trusted.stderr).toMatchObject({ exitCode: 0 })
    expect(await provider('clipia')).toMatchObject({
      baseUrl: simulator.baseUrls.clipia,
      caCertificate: expect.stringMatching(/\.pem$/),
    })
    const listed = await run(['providers'])
    expect(listed.stdout).toMatch(
      new RegExp(
        `\\n  base URL    ${simulator.baseUrls.clipia.replace(/\./g, '\\.')}  \\(tests go here instead\\)\\n  trusted CA  \\S+\\.pem\\n`,
      ),
    )

    simulator.reset()
    const tested = await run(['test', 'Clipia ok', 'Clipia revoked'])
    expect(tested.exitCode).toBe(1)
    expect(rowOf(tested.stdout, 'Clipia ok')).toMatch(/valid\s+\d+ ms\s+200/)
    expect(simulator.requests).toHaveLength(2)

    expect((await run(['providers', 'set-base-url', 'clipia', '--reset'])).stdout).toBe(
      'Tests of Clipia keys go to Clipia itself again.\n',
    )
    expect((await run(['providers', 'trust-ca', 'clipia', '--reset'])).stdout).toBe(
      "Tests of Clipia keys trust only the system's certificates again.\n",
    )
    expect(await provider('clipia')).toMatchObject({ baseUrl: null, caCertificate: null })
  })

  it('set-base-url and trust-ca name the new host and the keys sent there, and store nothing without a yes', async () => {
    const host = new URL(simulator.baseUrls.clipia).host
    const said = `keyward: this sends key values to ${host}: "Clipia ok", "Clipia revoked", every Clipia key added later.\n`
    // No terminal to ask, no --yes: refused, nothing stored.
    expect(await run(['providers', 'set-base-url', 'clipia', simulator.baseUrls.clipia])).toMatchObject({
      exitCode: 1,
      stderr: `${said}keyward: Nothing changed: there is no terminal to confirm on. Add --yes to send keys to ${host}.\n`,
    })
    // On a terminal: anything but y is a no.
    const declined = new FakeTerminal().type('n\r')
    expect(
      await run(['providers', 'set-base-url', 'clipia', simulator.baseUrls.clipia], { terminal: declined }),
    ).toMatchObject({ exitCode: 1 })
    expect(declined.shown).toContain(`Send key values to ${host}? [y/N] `)
    expect(await provider('clipia')).toMatchObject({ baseUrl: null })
    const allowed = new FakeTerminal().type('y\r')
    const allowedRun = await run(['providers', 'set-base-url', 'clipia', simulator.baseUrls.clipia], {
      terminal: allowed,
    })
    expect(allowedRun, allowedRun.stderr).toMatchObject({ exitCode: 0 })
    expect(await provider('clipia')).toMatchObject({ baseUrl: simulator.baseUrls.clipia })
    // The CA: named too, and refused without a yes.
    const ca = await run(['providers', 'trust-ca', 'clipia', simulator.caPath])
    expect(ca.exitCode).toBe(1)
    expect(ca.stderr).toMatch(
      /^keyward: this sends key values to \S+, trusting the CA certificate in \S+\.pem: "Clipia ok", "Clipia revoked", every Clipia key added later\.\n/,
    )
    expect(await provider('clipia')).toMatchObject({ caCertificate: null })
    // Narrowing asks nothing.
    expect((await run(['providers', 'set-base-url', 'clipia', '--reset'])).exitCode).toBe(0)
  })

  it('refuses a plain-http base URL and a CA file that holds no certificate, stored or for one run', async () => {
    const https = 'keyward: A base URL must start with https://: Keyward never sends a key in the clear.\n'
    expect(await run(['providers', 'set-base-url', 'clipia', 'http://127.0.0.1:9'])).toMatchObject({
      exitCode: 1,
      stderr: https,
    })
    expect(await run(['test', '--all', '--base-url', 'clipia=http://127.0.0.1:9'])).toMatchObject({
      exitCode: 1,
      stderr: https,
      stdout: '',
    })
    writeFileSync(join(temp.directory, 'not-a-cert.pem'), 'hello')
    const notCertificate = 'keyward: not-a-cert.pem holds no PEM certificate (-----BEGIN CERTIFICATE-----).\n'
    expect(await run(['providers', 'trust-ca', 'clipia', 'not-a-cert.pem'])).toMatchObject({
      exitCode: 1,
      stderr: notCertificate,
    })
    expect(await run(['test', 'Clipia ok', '--ca', 'not-a-cert.pem'])).toMatchObject({
      exitCode: 1,
      stderr: notCertificate,
    })
    writeFileSync(
      join(temp.directory, 'broken.pem'),
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
    )
    expect((await run(['providers', 'trust-ca', 'clipia', 'broken.pem'])).stderr).toBe(
      'keyward: broken.pem holds a certificate Keyward cannot read.\n',
    )
    expect(await provider('clipia')).toMatchObject({ baseUrl: null, caCertificate: null })
    expect(simulator.requests).toEqual([])
  })

  it('says what is wrong with a --base-url that names no provider or has no URL', async () => {
    expect((await run(['test', '--all', '--base-url', 'clipia'])).stderr).toBe(
      'keyward: --base-url takes PROVIDER=URL, such as clodura=https://staging.example.com.\n',
    )
    expect((await run(['test', '--all', '--base-url', 'nope=https://example.com'])).stderr).toBe(
      'keyward: Keyward knows no provider "nope". "keyward providers" lists them.\n',
    )
    expect(
      (await run(['test', '--all', '--base-url', 'clipia=https://a.example', '--base-url', 'Clipia=https://b.example']))
        .stderr,
    ).toContain('--base-url names Clipia twice')
  })

  it('tests Cloro only with a verify URL, set with edit --verify-url', async () => {
    const value = fakeKeys.cloro()
    simulator.registerKey('cloro', { value })
    await addKey('Cloro', value, ['--provider', 'cloro'])
    const before = await run(['test', 'Cloro', ...toSimulator('cloro')])
    expect(before.exitCode).toBe(1)
    expect(rowOf(before.stdout, 'Cloro')).toMatch(
      /not tested\s+-\s+-\s+Cloro's documentation names no endpoint to verify a key/,
    )
    expect((await run(['edit', 'Cloro', '--verify-url', 'https://api.cloro.dev/v1/me', '--yes'])).stdout).toContain(
      'verify URL  https://api.cloro.dev/v1/me',
    )
    const after = await run(['test', 'Cloro', ...toSimulator('cloro')])
    expect(after, after.stderr).toMatchObject({ exitCode: 0 })
    expect(simulator.requests.map((request) => request.path)).toEqual(['/v1/me'])
  })

  it('is a usage error without names or --all, or with both; an unknown name gets suggestions', async () => {
    expect(await run(['test'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('name the keys to test, or give --all'),
    })
    expect(await run(['test', 'Mystery', '--all'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('not both'),
    })
    expect(await run(['test', 'Clipia okk'])).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('No key named "Clipia okk" in the vault. Did you mean "Clipia ok"'),
    })
    expect(simulator.requests).toEqual([])
  })

  it('draws progress on stderr only when it is a terminal', async () => {
    const onTerminal = await run(['test', 'Clipia ok', ...toSimulator('clipia')], { stderrIsTTY: true })
    expect(onTerminal.exitCode).toBe(0)
    expect(onTerminal.stderr).toContain('\r\x1b[KTesting keys: 0 of 1 done')
    expect(onTerminal.stderr.endsWith('\r\x1b[K')).toBe(true)
    expect((await run(['test', 'Clipia ok', ...toSimulator('clipia')])).stderr).toBe('')
  })
})

describe('keyward providers', () => {
  beforeEach(initVault)

  it('lists each provider with hosts, schemes, plans and their limits, and rotation period', async () => {
    const result = await run(['providers'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(
      /^clodura {2}Clodura\n {2}hosts {7}api\.clodura\.ai\n {2}verify {6}GET https:\/\/api\.clodura\.ai\//,
    )
    expect(result.stdout).toMatch(/\n {2}schemes {5}\S+: X-API-KEY/)
    expect(result.stdout).toMatch(/\n {14}starter: 1\/s, 10\/min, 600\/day/)
    expect(result.stdout).toContain('\nairclou  Airclou\n')
    expect(result.stdout).toMatch(/\nairclou {2}Airclou\n[\s\S]*?rotation {4}every 90 days\n/)
    expect(result.stdout).toMatch(
      /\ncloro {2}Cloro\n {2}hosts {7}any \(each key names its own verify URL\)\n {2}verify {6}none named: each key needs --verify-url\n/,
    )
    expect(result.stdout).not.toContain('base URL')
    const summaries = await providersJson()
    expect(summaries.map((entry) => entry.id)).toEqual(
      expect.arrayContaining(['clodura', 'cloro', 'agentclara', 'airclou', 'clipia', 'stripe']),
    )
    expect(
      summaries.find((entry) => entry.id === 'clodura')?.authTest?.plans.find((plan) => plan.id === 'starter')?.limits,
    ).toEqual({
      perSecond: 1,
      perMinute: 10,
      perDay: 600,
    })
  })

  const acme = {
    id: 'acme',
    name: 'Acme',
    envVar: 'ACME_API_KEY',
    prefixes: [{ prefix: 'acme_', environment: 'live' }],
    variableHints: ['ACME'],
    hosts: ['api.acme.example'],
    scopes: null,
    rotationPeriodDays: 30,
    authTest: {
      schemes: [{ id: 'bearer', label: 'Authorization: Bearer', header: 'Authorization', template: 'Bearer {key}' }],
      defaultScheme: 'bearer',
      verify: { method: 'GET', url: 'https://api.acme.example/v1/me' },
      plans: [{ id: 'basic', name: 'Basic', limits: { perMinute: 60 } }],
      defaultPlan: 'basic',
      rules: [{ when: { status: 200 }, outcome: 'valid', reason: 'Acme accepted the key.' }],
      extract: {},
    },
  }

  it('adds your own provider from a JSON file, lists it, and removes it', async () => {
    writeFileSync(join(temp.directory, 'acme.json'), JSON.stringify(acme, null, 2))
    // A provider of one's own is a new host keys go to: named, and stored only with a yes.
    const unasked = await run(['providers', 'add', 'acme.json'])
    expect(unasked).toMatchObject({ exitCode: 1, stdout: '' })
    expect(unasked.stderr).toContain(
      'keyward: this sends key values to api.acme.example: every Acme key added later.\n',
    )
    expect((await providersJson()).some((entry) => entry.id === 'acme')).toBe(false)
    expect((await run(['providers', 'add', 'acme.json', '--yes'])).stdout).toBe('Added your provider "acme" (Acme).\n')
    // The same hosts again widen nothing: nothing to ask.
    expect((await run(['providers', 'add', 'acme.json'])).stdout).toBe('Replaced your provider "acme" (Acme).\n')
    const listed = await run(['providers'])
    expect(listed.stdout).toMatch(
      /\nacme {2}Acme {2}\(yours\)\n {2}hosts {7}api\.acme\.example\n[\s\S]*basic: 60\/min \(default\)\n {2}rotation {4}every 30 days\n/,
    )
    expect(await provider('acme')).toMatchObject({ custom: true, rotationPeriodDays: 30 })
    await addKey('Acme prod', `acme_${fakeKeys.clodura()}`, ['--provider', 'acme', '--plan', 'Basic'])
    const removed = await run(['providers', 'remove', 'acme'])
    expect(removed).toMatchObject({ exitCode: 0, stdout: 'Removed your provider "acme" (Acme).\n' })
    expect(removed.stderr).toContain('1 key still names "acme"')
    expect((await providersJson()).some((entry) => entry.id === 'acme')).toBe(false)
  })

  it("gives a key added without --provider the user's own provider its prefix names", async () => {
    writeFileSync(join(temp.directory, 'acme.json'), JSON.stringify(acme, null, 2))
    expect((await run(['providers', 'add', 'acme.json', '--yes'])).exitCode).toBe(0)
    // The vault guesses nothing: add guesses with every provider the vault knows and passes it in.
    await addKey('Acme prod', `acme_${fakeKeys.clodura()}`)
    expect((await listJson()).find((key) => key.name === 'Acme prod')).toMatchObject({
      provider: 'acme',
      environment: 'live',
      envVar: 'ACME_API_KEY',
    })
  })

  it("prints a definition's schema errors as the schema says them, and stores nothing", async () => {
    writeFileSync(join(temp.directory, 'bad.json'), JSON.stringify({ ...acme, id: 'Acme!', rotationPeriodDays: 0 }))
    const result = await run(['providers', 'add', 'bad.json'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(
      'keyward: The provider definition is not valid: id: lower-case letters, digits and -; rotationPeriodDays: Too small: expected number to be >=1.\n',
    )
    writeFileSync(join(temp.directory, 'not.json'), '{ "id": ')
    expect((await run(['providers', 'add', 'not.json'])).stderr).toMatch(
      /^keyward: The provider definition is not valid JSON: /,
    )
    writeFileSync(join(temp.directory, 'builtin.json'), JSON.stringify({ ...acme, id: 'clipia' }))
    expect((await run(['providers', 'add', 'builtin.json'])).stderr).toBe(
      'keyward: "clipia" is a built-in provider; give yours another id.\n',
    )
    expect((await providersJson()).filter((entry) => entry.custom)).toEqual([])
  })

  it('removes only your own providers', async () => {
    expect(await run(['providers', 'remove', 'clodura'])).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: "clodura" is built into Keyward; only providers you added can be removed.\n',
    })
    expect(await run(['providers', 'remove', 'nope'])).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: There is no provider of yours with the id "nope".\n',
    })
  })

  it('answers usage errors for a missing URL, URL with --reset, and an unknown subcommand', async () => {
    expect(await run(['providers', 'set-base-url', 'clipia'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('give the base URL, or --reset'),
    })
    expect(await run(['providers', 'trust-ca', 'clipia', 'ca.pem', '--reset'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('not both'),
    })
    expect(await run(['providers', 'sett-base-url'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("unknown command 'sett-base-url'"),
    })
    expect(await run(['providers', 'set-base-url', 'nope', 'https://example.com'])).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: Keyward knows no provider "nope". "keyward providers" lists them.\n',
    })
  })
})

describe('what a test needs, set with add and edit', () => {
  beforeEach(initVault)

  it('edit --verify-url and --provider ask before the key goes to a new host, as the app does, and store nothing without a yes', async () => {
    await addKey('Cloro', fakeKeys.cloro(), ['--provider', 'cloro'])
    const said = 'keyward: this sends key values to api.cloro.dev: "Cloro".\n'
    const verifyUrl = ['edit', 'Cloro', '--verify-url', 'https://api.cloro.dev/v1/me']
    // No terminal to ask, no --yes: refused, nothing stored.
    expect(await run(verifyUrl)).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: `${said}keyward: Nothing changed: there is no terminal to confirm on. Add --yes to send keys to api.cloro.dev.\n`,
    })
    // On a terminal: anything but y is a no; a new value is not even asked for.
    const declined = new FakeTerminal().type('n\r')
    expect(await run([...verifyUrl, '--value'], { terminal: declined })).toMatchObject({ exitCode: 1, stdout: '' })
    expect(declined.shown).toContain('Send key values to api.cloro.dev? [y/N] ')
    expect(declined.shown).not.toContain('New value')
    expect((await listJson()).find((key) => key.name === 'Cloro')).toMatchObject({ verifyUrl: null, versionCount: 1 })
    const allowed = new FakeTerminal().type('y\r')
    const allowedRun = await run(verifyUrl, { terminal: allowed })
    expect(allowedRun, allowedRun.stderr).toMatchObject({ exitCode: 0, stderr: said })
    expect((await listJson()).find((key) => key.name === 'Cloro')).toMatchObject({
      verifyUrl: 'https://api.cloro.dev/v1/me',
    })
    // Where it already goes: nothing to ask.
    expect(await run(['edit', 'Cloro', '--verify-url', 'https://api.cloro.dev/v1/me', '--notes', 'x'])).toMatchObject({
      exitCode: 0,
      stderr: '',
    })
    // Another provider's own hosts are where its keys go: a provider change to one asks nothing either.
    await addKey('Clipia', fakeKeys.clipiaTest(), ['--provider', 'none'])
    expect(await run(['edit', 'Clipia', '--provider', 'clipia'])).toMatchObject({ exitCode: 0, stderr: '' })
    // A provider change that sends the key to the host its key names, not the provider's: asked.
    expect(
      await run(['edit', 'Clipia', '--provider', 'cloro', '--verify-url', 'https://api.cloro.dev/v1/me']),
    ).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('keyward: this sends key values to api.cloro.dev: "Clipia".\n'),
    })
    expect((await listJson()).find((key) => key.name === 'Clipia')).toMatchObject({
      provider: 'clipia',
      verifyUrl: null,
    })
  })

  it('refuses a plan, scheme or verify URL the provider does not have, and changes nothing', async () => {
    await addKey('Clodura', fakeKeys.clodura(), ['--provider', 'clodura'])
    const refusals: [string[], string][] = [
      [['--plan', 'platinum'], `"platinum" is not one of Clodura's plans: `],
      [['--scheme', 'bearer'], `"bearer" is not one of Clodura's header schemes: `],
      [
        ['--verify-url', 'https://evil.example/steal'],
        'Keyward sends Clodura keys only to api.clodura.ai; evil.example is not one of them. Nothing was changed.',
      ],
      [
        ['--verify-url', 'http://api.clodura.ai/api/v1/credits'],
        'The verify URL must start with https://: Keyward never sends a key in the clear. Nothing was changed.',
      ],
      [
        ['--verify-url', 'not a url'],
        '--verify-url takes a full URL such as https://api.example.com/v1/me (at most 2000 characters), or "none". Nothing was changed.',
      ],
      [
        ['--provider', 'none', '--plan', 'starter'],
        'Choose a provider before a plan or a header scheme. Nothing was changed.',
      ],
    ]
    for (const [options, message] of refusals) {
      const result = await run(['edit', 'Clodura', ...options])
      expect(result.exitCode, options.join(' ')).toBe(1)
      expect(result.stderr, options.join(' ')).toContain(message)
    }
    expect((await listJson())[0]).toMatchObject({ provider: 'clodura', plan: null, authScheme: null, verifyUrl: null })
  })

  it('takes a plan by its id or name, and "none" puts back the provider\'s default', async () => {
    await addKey('Clodura', fakeKeys.clodura(), ['--provider', 'clodura'])
    const byName = await run(['edit', 'Clodura', '--plan', 'Starter'])
    expect(byName, byName.stderr).toMatchObject({ exitCode: 0 })
    expect(byName.stdout).toMatch(/\n {2}plan {8}starter\n/)
    expect((await listJson())[0]).toMatchObject({ plan: 'starter' })
    expect((await run(['edit', 'Clodura', '--plan', 'none'])).exitCode).toBe(0)
    expect((await listJson())[0]).toMatchObject({ plan: null })
    // Another provider whose plans do not include the key's: refused until the plan is changed too.
    await run(['edit', 'Clodura', '--plan', 'starter'])
    expect((await run(['edit', 'Clodura', '--provider', 'agentclara'])).stderr).toContain(
      `"starter" is not one of AgentClara's plans`,
    )
    expect((await run(['edit', 'Clodura', '--provider', 'agentclara', '--plan', 'enterprise'])).exitCode).toBe(0)
  })

  it('add checks the plan against the given provider before asking for the value, and against the guessed one after', async () => {
    const refused = await run(['add', 'Clodura', '--provider', 'clodura', '--plan', 'platinum'], {
      stdin: fakeKeys.clodura(),
    })
    expect(refused).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining(`"platinum" is not one of Clodura's plans`),
    })
    await addKey('AgentClara', fakeKeys.agentclaraLive(), [
      '--plan',
      'enterprise',
      '--scheme',
      'BEARER',
      '--provider',
      'agentclara',
    ])
    await addKey('Airclou', fakeKeys.airclouLive(), ['--scheme', 'bearer'])
    expect((await listJson()).map((key) => [key.name, key.provider, key.plan, key.authScheme])).toEqual([
      ['AgentClara', 'agentclara', 'enterprise', 'bearer'],
      ['Airclou', 'airclou', null, 'bearer'],
    ])
  })
})
