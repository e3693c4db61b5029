// Plan limits kept across processes: two connections to one real vault file stand for the app and the
// CLI, each with its own tester, testing the same Clodura Starter keys at once against the simulator;
// the slots they share in the vault keep every window with zero 429s. Also: a slot counts from its
// answer, a dead process's slot is held no longer than its deadline, and a request that never
// reached the provider uses none.
import { afterEach, describe, expect, it } from 'vitest'
import { AuthTester, HttpsTransport, runTests, type KeyUnderTest } from '../../../main/authtest/index'
import { findProvider } from '../../../main/providers/index'
import { createVault, openVault, type OpenVault } from '../../../main/vault/index'
import { migrations, migrateToLatest } from '../../../main/vault/file/migrations'
import Database from 'better-sqlite3-multiple-ciphers'
import { WINDOW_MARGIN_MILLISECONDS as MARGIN } from '../../../main/authtest/index'
import { fingerprintSecret } from '../../simulator/index'
import { makeTempDirectory, openedVaults, TEST_KDF_COST, tempVaultPath } from '../../support/tempVault'
import { useAuthTestBench } from './authTestKit'

const bench = useAuthTestBench()
const vaults = openedVaults()
const folders: (() => void)[] = []
afterEach(() => {
  vaults.closeAll()
  for (const cleanup of folders.splice(0)) cleanup()
})

const PASSWORD = 'correct horse battery staple'
const STARTER = { perSecond: 1, perMinute: 10 }

/** A vault holding `count` Clodura Starter keys the simulator knows, opened twice (two "processes"). */
const twoProcesses = async (count: number) => {
  const { directory, cleanup } = makeTempDirectory('keyward-shared-limits-')
  folders.push(cleanup)
  const path = tempVaultPath(directory)
  const first = vaults.track(
    await createVault(path, PASSWORD, { kdfCost: TEST_KDF_COST, now: () => new Date(bench.clock.now()) }),
  )
  const keys: KeyUnderTest[] = []
  for (let index = 0; index < count; index += 1) {
    const key = bench.registered('clodura', { plan: 'Starter' }, { plan: 'starter' })
    const record = first.keys.add({ name: `starter ${index}`, value: key.value, provider: 'clodura', plan: 'starter' })
    keys.push({ ...key, id: record.id })
  }
  const second = vaults.track(await openVault(path, PASSWORD, { kdfCost: TEST_KDF_COST }))
  return { path, first, second, keys }
}

const testerFor = (vault: OpenVault | null, transport = bench.transport) =>
  new AuthTester({ clock: bench.clock, transport, random: () => 0, ledger: vault ? () => vault.rateSlots : undefined })

const itemsOf = (keys: readonly KeyUnderTest[], rounds: number) =>
  Array.from({ length: rounds }, () =>
    keys.map((key) => ({ key, provider: findProvider('clodura'), settings: bench.settingsFor('clodura') })),
  ).flat()

const countIn = (times: number[], span: number): number =>
  Math.max(0, ...times.map((start) => times.filter((time) => time >= start && time < start + span).length))

const arrivalsOf = (key: KeyUnderTest): number[] =>
  bench.simulator.requests
    .filter((record) => record.credential.fingerprint?.sha256 === fingerprintSecret(key.value).sha256)
    .map((record) => record.at)

describe('limits shared by every process that opens the vault', () => {
  it('two processes testing the same Starter keys at once keep 1/s and 10/min with zero 429s', async () => {
    const { first, second, keys } = await twoProcesses(3)
    const [one, two] = await Promise.all([
      runTests(testerFor(first), itemsOf(keys, 6), { maxWaitMilliseconds: 600_000 }),
      runTests(testerFor(second), itemsOf(keys, 6), { maxWaitMilliseconds: 600_000 }),
    ])
    expect(one.progress.counts.valid + two.progress.counts.valid).toBe(36)
    expect(bench.simulator.statusCounts().clodura).toEqual({ '200': 36 })
    for (const key of keys) {
      const arrivals = arrivalsOf(key)
      expect(arrivals).toHaveLength(12)
      expect(countIn(arrivals, 1_000)).toBeLessThanOrEqual(STARTER.perSecond)
      expect(countIn(arrivals, 60_000)).toBeLessThanOrEqual(STARTER.perMinute)
    }
  })

  it('a slot counts from the time its answer came back, not from its sending', async () => {
    const { first, keys } = await twoProcesses(1)
    const now = bench.clock.now()
    const oneASecond = (at: number) => (counted: readonly number[]) =>
      counted.length ? counted.at(-1)! + 1_000 + MARGIN : at
    const reserved = first.rateSlots.reserve(keys[0]!.id, now, now + 10_000, oneASecond(now))
    expect(reserved).toHaveProperty('slotId')
    first.rateSlots.answered((reserved as { slotId: number }).slotId, now + 900)
    expect(first.rateSlots.reserve(keys[0]!.id, now + 1_500, now + 11_500, oneASecond(now + 1_500))).toEqual({
      retryAt: now + 900 + 1_000 + MARGIN,
    })
  })

  it('a process that died mid-request holds its slot until the request deadline, and no longer', async () => {
    const { first, second, keys } = await twoProcesses(1)
    const key = keys[0]!
    const deadline = 10_000
    const start = bench.clock.now()
    const reserveIn = (vault: OpenVault, at: number) =>
      vault.rateSlots.reserve(key.id, at, at + deadline, (counted) =>
        counted.length ? counted.at(-1)! + 1_000 + MARGIN : at,
      )
    expect(reserveIn(first, start)).toHaveProperty('slotId')
    first.close() // the process is gone: its slot is never answered
    // While the request could still be in flight it counts from now: no slot within a second of it.
    expect(reserveIn(second, start + 5_000)).toEqual({ retryAt: start + 5_000 + 1_000 + MARGIN })
    // Past its deadline it counts from the deadline, the latest the provider can have received it.
    expect(reserveIn(second, start + deadline + 500)).toEqual({ retryAt: start + deadline + 1_000 + MARGIN })
    expect(reserveIn(second, start + deadline + 1_000 + MARGIN)).toHaveProperty('slotId')
  })

  it('a request that never reached the provider (refused) uses no slot', async () => {
    const { first, keys } = await twoProcesses(1)
    const key = keys[0]!
    // A port nothing listens on: the connection is refused before any request is sent.
    const closed = { baseUrl: 'https://127.0.0.1:9', extraCa: bench.simulator.caCertificatePem }
    const tester = testerFor(first, new HttpsTransport())
    const refused = await tester.test(key, findProvider('clodura'), closed, { maxWaitMilliseconds: 0 })
    expect(refused.outcome).toBe('network_error')
    // Within the same second, the key can still be tested at once: the refused request counted for nothing.
    const valid = await tester.test(key, findProvider('clodura'), bench.settingsFor('clodura'), {
      maxWaitMilliseconds: 0,
    })
    expect(valid.outcome).toBe('valid')
    expect(tester.windows.sentTimes(key.id, bench.clock.now())).toHaveLength(1)
  })

  it("migration 6 counts the last day's tests, retries included, from their answers", () => {
    const database = new Database(':memory:')
    database.pragma('foreign_keys = ON')
    for (const migration of migrations.filter((entry) => entry.version <= 5)) database.exec(migration.up)
    database.pragma('user_version = 5')
    const now = new Date().toISOString()
    database
      .prepare(
        `INSERT INTO keys (id, name, environment, created_at, updated_at, last_rotated_at, masked_value, current_version, search_text)
         VALUES ('k', 'key', 'live', ?, ?, ?, '••••', 1, 'key')`,
      )
      .run(now, now, now)
    const insertTest = database.prepare(
      `INSERT INTO key_tests (key_id, key_version, tested_at, outcome, reason, http_status, latency_ms, attempts) VALUES ('k', 1, ?, 'valid', 'ok', 200, ?, ?)`,
    )
    const recent = Date.now() - 60_000
    insertTest.run(new Date(recent).toISOString(), 120, 3)
    insertTest.run(new Date(Date.now() - 2 * 86_400_000).toISOString(), 50, 1)
    migrateToLatest(database)
    const rows = database.prepare('SELECT key_id, sent_at, answered_at, deadline_at FROM rate_slots').all()
    expect(rows).toEqual(
      Array.from({ length: 3 }, () => ({
        key_id: 'k',
        sent_at: recent,
        answered_at: recent + 120,
        deadline_at: recent + 120,
      })),
    )
    database.close()
  })
})
