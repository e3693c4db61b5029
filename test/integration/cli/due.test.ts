// `keyward due`, `due snooze` and `due period`, run in-process on a real vault file with a fixed
// clock: keys are added on chosen days, and the report is read on another.
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import type { DueReport } from '../../../main/rotation-service/index'
import { openVault, type OpenVault } from '../../../main/vault/index'
import { fakeKeys } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { TEST_KDF_COST } from '../../support/tempVault'
import { fakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'
import { useCliWorkspace } from '../../support/cliWorkspace'

const PASSWORD = 'correct horse battery'
const DAY = 86_400_000
/** "Today" for every report: 1 January 2026, 09:00 UTC. */
const TODAY = Date.UTC(2026, 0, 1, 9, 0, 0)
const withPassword = ['--password-file', 'password']

const workspace = useCliWorkspace('keyward-cli-due-', PASSWORD)

/** Runs one command line as if it were `at` (today unless told). */
const run = async (argv: string[], { at = TODAY, ...options }: FakeIoOptions & { at?: number } = {}) => {
  const io = fakeIo({ cwd: workspace.directory, env: { KEYWARD_VAULT: workspace.vaultPath }, ...options })
  const exitCode = await runCli([...argv, ...withPassword], io, { kdfCost: TEST_KDF_COST, clock: new ManualClock(at) })
  const result = { exitCode, stdout: io.out(), stderr: io.err() }
  workspace.outputs.push(result.stdout, result.stderr)
  return result
}

const initVault = async () => expect((await run(['init'])).exitCode).toBe(0)

/** Adds a live Clipia key (90-day policy) as if it were `daysAgo` days before today. */
const addKey = async (name: string, { daysAgo = 0, extra = [] as string[] } = {}) => {
  const value = fakeKeys.clipiaLive()
  workspace.secrets.push(value)
  const result = await run(['add', name, '--env', 'live', ...extra], { stdin: value, at: TODAY - daysAgo * DAY })
  expect(result, result.stderr).toMatchObject({ exitCode: 0 })
}

/** What the scanner and the key tests would have recorded, written straight into the vault. */
const inVault = async (work: (vault: OpenVault) => void) => {
  const vault = await openVault(workspace.vaultPath, PASSWORD, { now: () => new Date(TODAY) })
  try {
    work(vault)
  } finally {
    vault.close()
  }
}
const idOf = (vault: OpenVault, name: string) => vault.keys.findByName(name)!.id

const markLeaked = (name: string) =>
  inVault((vault) => vault.rotation.markLeaked(idOf(vault, name), new Date(TODAY - DAY)))
const recordInvalidTest = (name: string) =>
  inVault((vault) => {
    vault.tests.record(idOf(vault, name), {
      testedAt: new Date(TODAY - 2 * DAY).toISOString(),
      outcome: 'invalid',
      reason: '401 invalid_api_key: the key is missing, wrong or revoked.',
      providerMessage: null,
      httpStatus: 401,
      latencyMilliseconds: 30,
      attempts: 1,
      nextTestAt: null,
      facts: {},
    })
  })

const rowOf = (table: string, name: string) => table.split('\n').find((line) => line.startsWith(`${name} `)) ?? ''
const namesIn = (table: string) =>
  table
    .split('\n')
    .slice(1)
    .filter((line) => line && !/^\d+ keys?: /.test(line))
    .map((line) => line.split(/\s{2,}/)[0])

/** One key in each state, as of today. */
const everyState = async () => {
  await initVault()
  await addKey('Fresh')
  await addKey('Soon', { daysAgo: 70 })
  await addKey('Late', { daysAgo: 100 })
  await addKey('Gone', { extra: ['--expires', '2025-12-29'], daysAgo: 10 })
  await addKey('Burned', { daysAgo: 5 })
  await addKey('Dead', { daysAgo: 5 })
  await markLeaked('Burned')
  await recordInvalidTest('Dead')
}

describe('keyward due', () => {
  it('lists the keys that need attention, most urgent first, and exits 1 when one is leaked, rejected, expired or overdue', async () => {
    await everyState()
    const result = await run(['due'])
    expect(result, result.stderr).toMatchObject({ exitCode: 1, stderr: '' })
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^NAME\s+PROVIDER\s+ENV\s+STATE\s+DUE\s+REASON$/)
    expect(namesIn(result.stdout)).toEqual(['Burned', 'Dead', 'Gone', 'Late', 'Soon'])
    expect(rowOf(result.stdout, 'Gone')).toMatch(
      /^Gone\s+clipia\s+live\s+expired\s+expired 3 days ago\s+expiry you entered$/,
    )
    expect(rowOf(result.stdout, 'Late')).toMatch(/^Late\s+clipia\s+live\s+overdue\s+10 days overdue\s+90-day policy$/)
    expect(rowOf(result.stdout, 'Soon')).toMatch(/^Soon\s+clipia\s+live\s+due soon\s+in 20 days\s+90-day policy$/)
    expect(rowOf(result.stdout, 'Burned')).toMatch(/^Burned\s+clipia\s+live\s+leaked\s/)
    expect(rowOf(result.stdout, 'Dead')).toMatch(/^Dead\s+clipia\s+live\s+rejected\s/)
    expect(result.stdout).not.toMatch(/^Fresh /m)
    expect(lines.at(-2)).toBe('6 keys: 1 leaked, 1 rejected, 1 expired, 1 overdue, 1 due soon, 1 ok.')
  })

  it('--all lists ok keys too, last', async () => {
    await everyState()
    const result = await run(['due', '--all'])
    expect(result.exitCode).toBe(1)
    expect(namesIn(result.stdout)).toEqual(['Burned', 'Dead', 'Gone', 'Late', 'Soon', 'Fresh'])
    expect(rowOf(result.stdout, 'Fresh')).toMatch(/^Fresh\s+clipia\s+live\s+ok\s+in 90 days\s+90-day policy$/)
  })

  it('--json prints the report: counts, exit code and every key by urgency, never a value', async () => {
    await everyState()
    const result = await run(['due', '--json'])
    expect(result.exitCode).toBe(1)
    const report = JSON.parse(result.stdout) as DueReport
    expect(report.generatedAt).toBe(new Date(TODAY).toISOString())
    expect(report).toMatchObject({ exitCode: 1, failing: 4 })
    expect(report.counts).toMatchObject({
      expired: 1,
      overdue: 1,
      due_soon: 1,
      leaked: 1,
      revoked: 1,
      ok: 1,
      total: 6,
      snoozed: 0,
    })
    expect(report.keys.map((entry) => [entry.name, entry.state])).toEqual([
      ['Burned', 'leaked'],
      ['Dead', 'revoked'],
      ['Gone', 'expired'],
      ['Late', 'overdue'],
      ['Soon', 'due_soon'],
      ['Fresh', 'ok'],
    ])
    expect(report.keys[0]).toMatchObject({ due: 'rotate now' })
    expect(report.keys[3]).toMatchObject({
      provider: 'clipia',
      environment: 'live',
      due: '10 days overdue',
      reason: '90-day policy',
      snoozedUntil: null,
      rotation: null,
    })
    for (const entry of report.keys)
      expect(Object.keys(entry).sort()).toEqual(
        ['dueAt', 'due', 'environment', 'id', 'name', 'provider', 'reason', 'rotation', 'snoozedUntil', 'state'].sort(),
      )
  })

  it('exits 0 when keys are only due soon: they are listed as a warning', async () => {
    await initVault()
    await addKey('Fresh')
    await addKey('Soon', { daysAgo: 85 })
    const result = await run(['due'])
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: '' })
    expect(rowOf(result.stdout, 'Soon')).toMatch(/due soon\s+in 5 days\s+90-day policy$/)
    expect(result.stdout).toContain('2 keys: 1 due soon, 1 ok.')
    const json = JSON.parse((await run(['due', '--json'])).stdout) as DueReport
    expect(json).toMatchObject({ exitCode: 0, failing: 0 })
  })

  it('says so when nothing needs rotating, or the vault is empty', async () => {
    await initVault()
    expect(await run(['due'])).toMatchObject({
      exitCode: 0,
      stdout: 'The vault holds no keys yet. Add one with: keyward add NAME\n',
    })
    await addKey('Fresh')
    await addKey('Newer', { daysAgo: 10 })
    expect(await run(['due'])).toMatchObject({
      exitCode: 0,
      stdout: 'Nothing needs rotating: all 2 keys are ok.\n2 keys: 2 ok.\n',
    })
    // The same keys 80 days on: one is overdue.
    const later = await run(['due'], { at: TODAY + 85 * DAY })
    expect(later.exitCode).toBe(1)
    expect(rowOf(later.stdout, 'Newer')).toMatch(/overdue\s+5 days overdue/)
  })

  it('fails clearly without a vault, and refuses arguments it does not take', async () => {
    const missing = await run(['due'])
    expect(missing).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('No vault at') })
    await initVault()
    const extra = await run(['due', 'Fresh'])
    expect(extra.exitCode).toBe(2)
    expect(extra.stderr).toContain("too many arguments for 'due'")
  })
})

describe('keyward due snooze', () => {
  it('snoozes an overdue key: still listed, no longer failing the check; --clear ends it', async () => {
    await initVault()
    await addKey('Late', { daysAgo: 100 })
    const snoozed = await run(['due', 'snooze', 'Late', '--days', '3'])
    expect(snoozed, snoozed.stderr).toMatchObject({ exitCode: 0, stdout: '"Late": Snoozed until 2026-01-04.\n' })
    const report = await run(['due'])
    expect(report.exitCode).toBe(0)
    expect(rowOf(report.stdout, 'Late')).toMatch(
      /^Late\s+clipia\s+live\s+overdue \(snoozed to 2026-01-04\)\s+10 days overdue\s+90-day policy$/,
    )
    expect(report.stdout).toContain('1 key: 1 overdue; 1 snoozed.')
    // The snooze runs out: the key fails the check again.
    expect((await run(['due'], { at: TODAY + 4 * DAY })).exitCode).toBe(1)

    const cleared = await run(['due', 'snooze', 'Late', '--clear'])
    expect(cleared).toMatchObject({
      exitCode: 0,
      stdout: 'Ended the snooze of "Late"; it is overdue: 10 days overdue (90-day policy).\n',
    })
    expect((await run(['due'])).exitCode).toBe(1)
    expect(await run(['due', 'snooze', 'Late', '--clear'])).toMatchObject({
      exitCode: 0,
      stdout: '"Late" is not snoozed; nothing was changed.\n',
    })
  })

  it("cuts a snooze to the longest one, and to the key's expiry", async () => {
    await initVault()
    await addKey('Soon', { daysAgo: 70 })
    await addKey('Expiring', { extra: ['--expires', '2026-01-06'] })
    expect(await run(['due', 'snooze', 'Soon', '--days', '30'])).toMatchObject({
      exitCode: 0,
      stdout: '"Soon": Snoozed until 2026-01-15: the longest snooze is 14 days.\n',
    })
    expect(await run(['due', 'snooze', 'Expiring', '--days', '10'])).toMatchObject({
      exitCode: 0,
      stdout: '"Expiring": Snoozed until 2026-01-06, when the key expires: a snooze never runs past a key\'s expiry.\n',
    })
  })

  it('refuses an expired, leaked, revoked or ok key with what to do instead', async () => {
    await everyState()
    const refusal = async (name: string) => {
      const result = await run(['due', 'snooze', name, '--days', '3'])
      expect(result.exitCode).toBe(1)
      expect(result.stdout).toBe('')
      return result.stderr
    }
    expect(await refusal('Gone')).toBe(
      'keyward: "Gone" has expired, so it cannot be snoozed: rotate it, or enter its new expiry if it was extended.\n',
    )
    expect(await refusal('Burned')).toBe(
      'keyward: "Burned" was found by the scanner: a leaked key cannot be snoozed. Rotate it now.\n',
    )
    expect(await refusal('Dead')).toMatch(
      /^keyward: The provider rejected "Dead" at its last test, so it cannot be snoozed: rotate it/,
    )
    expect(await refusal('Fresh')).toBe(
      'keyward: "Fresh" is not due until 2026-04-01: there is no reminder to snooze.\n',
    )
    // Nothing was snoozed.
    expect((JSON.parse((await run(['due', '--json'])).stdout) as DueReport).counts.snoozed).toBe(0)
  })

  it('checks its arguments: a number of days, or --clear; a known key', async () => {
    await initVault()
    await addKey('Late', { daysAgo: 100 })
    expect(await run(['due', 'snooze', 'Late'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('give --days N to snooze, or --clear'),
    })
    expect(await run(['due', 'snooze', 'Late', '--days', '3', '--clear'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('not both'),
    })
    expect(await run(['due', 'snooze', 'Late', '--days', 'soon'])).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: --days takes a whole number of days, at least 1.\n',
    })
    expect(await run(['due', 'snooze', 'Late', '--days', '0'])).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: Snooze for a whole number of days, at least 1 (at most 14).\n',
    })
    expect(await run(['due', 'snooze', 'Late', '--days', '3', '--json'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('--json is for "keyward due" itself, not "due snooze".'),
    })
    const unknown = await run(['due', 'snooze', 'Lat', '--days', '3'])
    expect(unknown).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('No key named "Lat" in the vault. Did you mean "Late"?'),
    })
  })

  it('shows a name with control characters escaped, in a refusal too', async () => {
    await initVault()
    await addKey('Evil\u001b[2J', { extra: ['--expires', '2025-12-01'] })
    const report = await run(['due'])
    expect(report.stdout).toContain('Evil\\x1b[2J')
    const refused = await run(['due', 'snooze', 'Evil\u001b[2J', '--days', '3'])
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toContain('"Evil\\x1b[2J" has expired')
    for (const text of [report.stdout, refused.stderr]) expect(text).not.toContain('\u001b')
  })
})

describe('keyward due period', () => {
  it("sets a key's own period, which moves its due date, and 'default' removes it", async () => {
    await initVault()
    await addKey('Fresh', { daysAgo: 40 })
    const set = await run(['due', 'period', 'Fresh', '30'])
    expect(set, set.stderr).toMatchObject({
      exitCode: 0,
      stdout:
        '"Fresh" is now rotated every 30 days: overdue: 10 days overdue (rotate every 30 days (set on this key)).\n',
    })
    const report = JSON.parse((await run(['due', '--json'])).stdout) as DueReport
    expect(report.keys[0]).toMatchObject({ state: 'overdue', reason: 'rotate every 30 days (set on this key)' })
    expect(report.exitCode).toBe(1)

    const back = await run(['due', 'period', 'Fresh', 'default'])
    expect(back).toMatchObject({
      exitCode: 0,
      stdout: '"Fresh" now follows its default period: ok, due in 50 days (90-day policy).\n',
    })
    expect((await run(['due'])).exitCode).toBe(0)
  })

  it('refuses 0, 10000 and what is not a number, and changes nothing', async () => {
    await initVault()
    await addKey('Fresh')
    expect(await run(['due', 'period', 'Fresh', '0'])).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: A rotation period is a whole number of days from 1 to 3,650 (ten years); 0 is not.\n',
    })
    expect(await run(['due', 'period', 'Fresh', '10000'])).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: A rotation period is a whole number of days from 1 to 3,650 (ten years); 10000 is not.\n',
    })
    for (const given of ['-5', '1.5', 'weekly']) {
      const result = await run(['due', 'period', 'Fresh', given])
      expect(result.exitCode, given).not.toBe(0)
      expect(result.stderr, given).not.toContain(given)
    }
    expect(await run(['due', 'period', 'Fresh', 'weekly'])).toMatchObject({
      stderr: 'keyward: DAYS is a whole number of days from 1 to 3,650 (ten years), or "default".\n',
    })
    expect(await run(['due', 'period', 'Fresh'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("missing required argument 'days'"),
    })
    const report = JSON.parse((await run(['due', '--json'])).stdout) as DueReport
    expect(report.keys[0]).toMatchObject({ state: 'ok', reason: '90-day policy' })
  })
})
