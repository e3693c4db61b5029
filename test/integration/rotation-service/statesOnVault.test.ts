// Due dates and states of keys in a real vault: the provider's period (Airclou 90), the key's own,
// the vault's default and the test-key policy; expiry from a test beating the period; snoozes;
// leaks; bad input; the policy kept in the vault; the migration's backfill of version statuses.
import Database from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { dueReport } from '../../../main/rotation-service/index'
import { LATEST_SCHEMA_VERSION, migrateToLatest, migrations } from '../../../main/vault/file/migrations'
import { fakeKeys } from '../../support/fakeKeys'
import { DAY, PASSWORD, createRotationWorld, validAnswer, type RotationWorld } from './rotationKit'
import { guessed } from '../../support/guessedKey'
import { openOwnerDatabase } from '../../support/ownerDatabase'

let world: RotationWorld
beforeEach(async () => {
  world = await createRotationWorld()
})
afterEach(() => world.cleanup())

const iso = (time: number) => new Date(time).toISOString()

describe('where the period comes from', () => {
  it('Airclou keys follow Airclou’s 90 days; a key without a provider the vault default; a key its own period', () => {
    const start = world.clock.now()
    world.service.setPolicy({ defaultPeriodDays: 60 })
    const airclou = world.vault().keys.add(guessed({ name: 'Airclou prod', value: fakeKeys.airclouLive() }))
    const plain = world.vault().keys.add(guessed({ name: 'Clodura', value: fakeKeys.clodura() }))
    const own = world.vault().keys.add(guessed({ name: 'Airclou billing', value: fakeKeys.airclouLive() }))
    world.service.setPeriod(own.id, 30)
    expect(world.service.status(airclou.id)).toMatchObject({
      dueAt: iso(start + 90 * DAY),
      dueReason: 'Airclou rotates every 90 days',
      periodSource: 'provider',
    })
    expect(world.service.status(plain.id)).toMatchObject({
      dueAt: iso(start + 60 * DAY),
      dueReason: '60-day policy',
      periodSource: 'default',
    })
    expect(world.service.status(own.id)).toMatchObject({ dueAt: iso(start + 30 * DAY), periodSource: 'key' })
    world.service.setPeriod(own.id, null)
    expect(world.service.status(own.id).periodSource).toBe('provider')
  })

  it('gives test keys the gentler test-key period (180 days by default)', () => {
    const start = world.clock.now()
    const testKey = world.vault().keys.add(guessed({ name: 'Airclou sandbox', value: fakeKeys.airclouTest() }))
    expect(testKey.environment).toBe('test')
    expect(world.service.status(testKey.id)).toMatchObject({
      dueAt: iso(start + 180 * DAY),
      dueReason: '180-day policy for test keys',
    })
    world.service.setPolicy({ testKeyPeriodDays: null })
    expect(world.service.status(testKey.id)).toMatchObject({ dueAt: iso(start + 90 * DAY), periodSource: 'provider' })
  })

  it('takes the expiry a test read from Airclou when it comes before the period', () => {
    const start = world.clock.now()
    const key = world.vault().keys.add(guessed({ name: 'Airclou prod', value: fakeKeys.airclouLive() }))
    world.vault().tests.record(key.id, validAnswer(iso(start), { expiresAt: iso(start + 20 * DAY) }))
    expect(world.service.status(key.id)).toMatchObject({
      dueAt: iso(start + 20 * DAY),
      dueReason: 'expiry from the provider',
      state: 'due_soon',
      leadDays: 30,
    })
    world.clock.advance(20 * DAY)
    expect(world.service.status(key.id)).toMatchObject({ state: 'expired', dueInWords: 'expired today' })
  })

  it('accepts an expiry in the past and shows the key as expired', () => {
    const key = world.vault().keys.add(guessed({ name: 'Old', value: fakeKeys.clodura(), expiresAt: '2025-12-01' }))
    expect(world.service.status(key.id)).toMatchObject({
      state: 'expired',
      dueInWords: 'expired 31 days ago',
      expirySource: 'entered',
    })
  })

  it('refuses a period of 0 or 10,000 days and keeps the one before', () => {
    const key = world.vault().keys.add(guessed({ name: 'Clodura', value: fakeKeys.clodura() }))
    world.service.setPeriod(key.id, 45)
    expect(() => world.service.setPeriod(key.id, 0)).toThrow(/from 1 to 3,650 .* 0 is not/)
    expect(() => world.service.setPeriod(key.id, 10_000)).toThrow(/10000 is not/)
    expect(() => world.service.setPolicy({ defaultPeriodDays: 0 })).toThrow(/default rotation period/)
    expect(world.service.status(key.id).periodDays).toBe(45)
    expect(world.service.policy().defaultPeriodDays).toBe(90)
  })

  it('keeps the policy in the vault across a reopen', async () => {
    world.service.setPolicy({
      leadTimesDays: [1, 14],
      maxSnoozeDays: 5,
      testKeyPeriodDays: 365,
      nameKeysInNotifications: false,
    })
    await world.reopen()
    expect(world.service.policy()).toEqual({
      defaultPeriodDays: 90,
      testKeyPeriodDays: 365,
      leadTimesDays: [14, 1],
      maxSnoozeDays: 5,
      nameKeysInNotifications: false,
    })
  })
})

describe('an audit entry that cannot be written', () => {
  it('neither undoes the period set nor hides the failure, and stderr names only the error’s kind', async () => {
    const key = world.vault().keys.add(guessed({ name: 'Airclou billing', value: fakeKeys.airclouLive() }))
    // A real write failure: the database itself refuses every new audit row, quoting the key's name.
    const owner = await openOwnerDatabase(world.vaultPath, PASSWORD)
    owner.exec(
      `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no entry for Airclou billing'); END`,
    )
    owner.close()
    const told: string[] = []
    const stderr = vi.spyOn(console, 'error').mockImplementation((...line: unknown[]) => told.push(line.join(' ')))
    try {
      world.service.setPeriod(key.id, 30)
    } finally {
      stderr.mockRestore()
    }
    expect(world.service.status(key.id).periodSource).toBe('key')
    expect(told).toEqual([expect.stringMatching(/^\[keyward\] could not write the audit log \(\w+\)$/)])
    expect(
      world
        .vault()
        .audit.list()
        .entries.map((entry) => entry.action),
    ).not.toContain('rotation period set')
  })
})

describe('states over time on a real vault', () => {
  it('walks ok → due soon (30, 7, 1) → overdue; revoked after an invalid test; leaked from the scanner', () => {
    const key = world.vault().keys.add(guessed({ name: 'Clodura', value: fakeKeys.clodura() }))
    const seen: string[] = []
    for (const days of [0, 60, 23, 6, 1]) {
      world.clock.advance(days * DAY)
      seen.push(world.service.status(key.id).notificationLevel)
    }
    expect(seen).toEqual(['ok', 'due_soon:30', 'due_soon:7', 'due_soon:1', 'overdue'])
    world
      .vault()
      .tests.record(key.id, { ...validAnswer(iso(world.clock.now())), outcome: 'invalid', reason: '401: unknown key.' })
    expect(world.service.status(key.id).state).toBe('revoked')
    world.service.markLeaked(key.id)
    expect(world.service.status(key.id).state).toBe('leaked')
    world.service.clearLeaked(key.id)
    expect(world.service.status(key.id).state).toBe('revoked')
  })

  it('keeps the first date the scanner found a leak', () => {
    const key = world.vault().keys.add(guessed({ name: 'Clodura', value: fakeKeys.clodura() }))
    const first = new Date(world.clock.now())
    world.vault().rotation.markLeaked(key.id, first)
    world.vault().rotation.markLeaked(key.id, new Date(first.getTime() + DAY))
    expect(world.vault().rotation.get(key.id).leakedAt).toBe(first.toISOString())
    expect(() => world.vault().rotation.markLeaked('missing', first)).toThrow(/no longer in the vault/)
  })

  it('sorts the overview by urgency with counts per state', () => {
    const start = world.clock.now()
    const fine = world.vault().keys.add(guessed({ name: 'fine', value: fakeKeys.clodura() }))
    world.clock.advance(30 * DAY)
    world.vault().keys.add(guessed({ name: 'new', value: fakeKeys.clodura() }))
    const expired = world
      .vault()
      .keys.add(guessed({ name: 'expired', value: fakeKeys.clodura(), expiresAt: iso(start + 40 * DAY) }))
    world.clock.advance(50 * DAY)
    const overview = world.service.overview()
    expect(overview.keys.map((status) => [status.name, status.state])).toEqual([
      ['expired', 'expired'],
      ['fine', 'due_soon'],
      ['new', 'ok'],
    ])
    expect(overview.counts).toMatchObject({ expired: 1, due_soon: 1, ok: 1, needsAction: 2, total: 3 })
    expect(overview.generatedAt).toBe(iso(start + 80 * DAY))
    expect([fine.id, expired.id]).toContain(overview.keys[0]!.keyId)
  })
})

describe('snooze on a real vault', () => {
  it('snoozes a due-soon key (capped), hides it from the badge, and refuses an expired one', () => {
    const key = world.vault().keys.add(guessed({ name: 'Clodura', value: fakeKeys.clodura() }))
    world.clock.advance(85 * DAY)
    const { status, plan } = world.service.snooze(key.id, { days: 30 })
    expect(plan).toMatchObject({ cappedBy: 'max_snooze', snoozedUntil: iso(world.clock.now() + 14 * DAY) })
    expect(status).toMatchObject({ state: 'due_soon', needsAction: false, notificationLevel: 'snoozed' })
    expect(world.service.overview().counts).toMatchObject({ needsAction: 0, snoozed: 1 })
    world.service.snooze(key.id, null)
    expect(world.service.status(key.id).needsAction).toBe(true)

    const expiring = world
      .vault()
      .keys.add(guessed({ name: 'Expiring', value: fakeKeys.clodura(), expiresAt: iso(world.clock.now() + 3 * DAY) }))
    expect(world.service.snooze(expiring.id, { days: 10 }).plan).toMatchObject({
      cappedBy: 'expiry',
      snoozedUntil: iso(world.clock.now() + 3 * DAY),
    })
    world.clock.advance(3 * DAY)
    expect(() => world.service.snooze(expiring.id, { days: 1 })).toThrow(/has expired, so it cannot be snoozed/)
  })

  it('ends a snooze when the key is rotated', () => {
    const key = world.vault().keys.add(guessed({ name: 'Clodura', value: fakeKeys.clodura() }))
    world.clock.advance(85 * DAY)
    world.service.snooze(key.id, { days: 3 })
    world.service.startRotation(key.id, fakeKeys.clodura())
    world.service.promote(key.id, { force: true })
    expect(world.vault().rotation.get(key.id).snoozedUntil).toBeNull()
  })
})

describe('keyward due', () => {
  it('reports every key by urgency and exits 1 only for overdue, expired, revoked or leaked (not snoozed)', () => {
    const soon = world.vault().keys.add(guessed({ name: 'soon', value: fakeKeys.clodura() }))
    world.clock.advance(70 * DAY)
    expect(dueReport(world.vault(), world.clock.now())).toMatchObject({
      exitCode: 0,
      failing: 0,
      keys: [{ name: 'soon', state: 'due_soon', due: 'in 20 days', reason: '90-day policy' }],
    })
    world.clock.advance(25 * DAY)
    const report = dueReport(world.vault(), world.clock.now())
    expect(report).toMatchObject({ exitCode: 1, failing: 1, counts: { overdue: 1 } })
    expect(report.keys[0]).toMatchObject({
      id: soon.id,
      provider: null,
      environment: 'other',
      state: 'overdue',
      due: '5 days overdue',
      rotation: null,
    })
    world.service.snooze(soon.id, { days: 2 })
    expect(dueReport(world.vault(), world.clock.now()).exitCode).toBe(0)
    world.service.markLeaked(soon.id)
    expect(dueReport(world.vault(), world.clock.now())).toMatchObject({
      exitCode: 1,
      keys: [{ state: 'leaked', snoozedUntil: null }],
    })
    expect(JSON.parse(JSON.stringify(report))).toEqual(report)
  })
})

describe('migration 3', () => {
  it('marks each key’s current value current and the others previous, and sets the default policy', () => {
    const database = new Database(':memory:')
    database.pragma('foreign_keys = ON')
    for (const migration of migrations.filter((entry) => entry.version <= 2)) database.exec(migration.up)
    database.pragma('user_version = 2')
    const now = '2026-01-01T09:00:00.000Z'
    database
      .prepare(
        `INSERT INTO keys (id, name, environment, created_at, updated_at, last_rotated_at, masked_value, current_version, search_text)
         VALUES ('k', 'key', 'live', ?, ?, ?, '••••', 2, 'key')`,
      )
      .run(now, now, now)
    const insertVersion = database.prepare(
      `INSERT INTO key_versions (key_id, version, value, masked_value, reason, created_at) VALUES ('k', ?, ?, '••••', 'created', ?)`,
    )
    insertVersion.run(1, 'one', now)
    insertVersion.run(2, 'two', now)
    migrateToLatest(database)
    expect(database.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    expect(database.prepare('SELECT version, status FROM key_versions ORDER BY version').all()).toEqual([
      { version: 1, status: 'previous' },
      { version: 2, status: 'current' },
    ])
    expect(
      database.prepare('SELECT default_period_days, lead_times_days, max_snooze_days FROM rotation_policy').get(),
    ).toEqual({
      default_period_days: 90,
      lead_times_days: '[30,7,1]',
      max_snooze_days: 14,
    })
    expect(() => database.prepare(`UPDATE keys SET rotation_period_days = 0`).run()).toThrow(/CHECK/)
    expect(() => database.prepare(`UPDATE key_versions SET status = 'gone'`).run()).toThrow(/CHECK/)
    database.close()
  })
})
