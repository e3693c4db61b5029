// `keyward test` run in-process on a real vault against the HTTPS provider simulator, reached through
// base URLs and its CA as a user would: outcomes, --json, stored and one-run hosts and CAs, usage
// errors. `keyward providers`: providers.test.ts; the test fields of add and edit: testFields.test.ts.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { fakeKeys } from '../../support/fakeKeys'
import { FakeTerminal } from '../../unit/cli/fakeCliIo'
import {
  addKey,
  initVault,
  listJson,
  provider,
  rowOf,
  run,
  simulator,
  temp,
  toSimulator,
  useKeyTestsWorld,
} from './keyTestsWorld'

useKeyTestsWorld()

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
