// The audit log through the bridge, as the app writes it: each action once it succeeded, with the key's
// id and its name at the time, by the app; failures and plain reads leave nothing; no value anywhere.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { AuditLog } from '../../../main/vault/stores/auditLog'
import { migrateToLatest } from '../../../main/vault/file/migrations'
import { acmeProvider } from '../../support/customProvider'
import { fakeKeys } from '../../support/fakeKeys'
import { MASTER_PASSWORD, useIpcWorld } from '../../support/ipcWorld'

const world = useIpcWorld({ startsAt: '2026-11-01T09:00:00Z', createVault: true })
const { call, callError } = world

describe('the audit log', () => {
  it('names who did what to which key, newest first, and never a value', async () => {
    const value = fakeKeys.clipiaLive()
    const newValue = fakeKeys.clipiaLive()
    const key = await call('addKey', { name: 'Clipia prod', value, provider: 'clipia' })
    await call('updateKey', { id: key.id, changes: { value: newValue, tags: ['billing'] } })
    await call('revealKey', { id: key.id })
    await call('copyKey', { id: key.id })
    await call('listKeys', {})
    await call('getKey', { id: key.id })
    expect(await callError('addKey', { name: 'Clipia prod', value: fakeKeys.clipiaTest() })).toMatchObject({
      code: 'duplicate_name',
    })
    await call('deleteKey', { id: key.id })
    await call('lockVault')
    await call('unlockVault', { password: MASTER_PASSWORD })

    const { entries, total } = await call('listAuditLog', {})
    expect(entries.map((entry) => [entry.action, entry.subject, entry.detail])).toEqual([
      ['vault unlocked', null, null],
      ['vault locked', null, null],
      ['key deleted', 'Clipia prod', null],
      ['value copied', 'Clipia prod', null],
      ['value revealed', 'Clipia prod', null],
      ['key edited', 'Clipia prod', 'tags, value changed'],
      ['key added', 'Clipia prod', 'live, clipia'],
    ])
    expect(total).toBe(7)
    expect(new Set(entries.map((entry) => `${entry.actor} ${entry.at}`))).toEqual(
      new Set(['app 2026-11-01T09:00:00.000Z']),
    )
    expect(entries.filter((entry) => entry.keyId === key.id)).toHaveLength(5)
    const text = JSON.stringify(entries)
    expect(text).not.toContain(value)
    expect(text).not.toContain(newValue)

    expect((await call('listAuditLog', { limit: 2 })).entries.map((entry) => entry.action)).toEqual([
      'vault unlocked',
      'vault locked',
    ])
    expect((await call('listAuditLog', { before: entries[1]!.id, limit: 1 })).entries[0]!.action).toBe('key deleted')
    expect((await call('listAuditLog', { keyId: key.id })).total).toBe(5)
  })

  it('is unreadable while the vault is locked, and refuses a malformed query', async () => {
    expect(await callError('listAuditLog', { limit: 0 })).toMatchObject({ code: 'invalid_argument' })
    await call('lockVault')
    expect(await callError('listAuditLog', {})).toMatchObject({ code: 'vault_locked' })
  })

  it('keeps the newest entries and lets the oldest go', () => {
    const database = new Database(':memory:')
    migrateToLatest(database)
    const log = new AuditLog(database, ':memory:', () => new Date('2026-11-01T09:00:00Z'), 'cli', 5)
    for (let index = 0; index < 12; index++) log.record({ action: `action ${index}` })
    const { entries, total } = log.list()
    expect(total).toBe(5)
    expect(entries.map((entry) => entry.action)).toEqual(['action 11', 'action 10', 'action 9', 'action 8', 'action 7'])
    expect(entries[0]!.actor).toBe('cli')
    database.close()
  })

  // The same entries as the command line's (test/integration/cli/audit.test.ts), each written once, by
  // the service both call (main/key-test-service/auditEntries.ts).
  it('records a wider reach and each provider change once, in the words the command line uses', async () => {
    const staging = 'https://clipia.staging.internal'
    world.confirmations.answerNext(true)
    await call('setProviderBaseUrl', { providerId: 'clipia', baseUrl: staging })
    await call('clearProviderCaCertificate', { providerId: 'clipia' })
    await call('setProviderBaseUrl', { providerId: 'clipia', baseUrl: null })
    await call('saveCustomProvider', { definition: JSON.stringify(acmeProvider) })
    await call('deleteCustomProvider', { providerId: 'acme' })

    const { entries } = await call('listAuditLog', {})
    expect(entries.reverse().map((entry) => [entry.actor, entry.action, entry.subject, entry.detail])).toEqual([
      ['app', 'wider reach allowed', 'clipia.staging.internal', `Send Clipia's key tests to ${staging}`],
      ['app', 'provider base URL set', 'clipia', staging],
      ['app', 'provider CA removed', 'clipia', null],
      ['app', 'provider base URL set', 'clipia', 'default'],
      ['app', 'custom provider saved', 'acme', null],
      ['app', 'custom provider deleted', 'acme', null],
    ])
  })

  it("records a key's rotation period and snooze once, in the words the command line uses", async () => {
    const key = await call('addKey', {
      name: 'Clipia prod',
      value: fakeKeys.clipiaLive(),
      provider: 'clipia',
      expiresAt: '2026-11-05',
    })
    await call('setRotationPeriod', { id: key.id, days: 30 })
    await call('setRotationPeriod', { id: key.id, days: null })
    await call('snoozeRotation', { id: key.id, snooze: { days: 1 } })
    await call('snoozeRotation', { id: key.id, snooze: null })

    const { entries } = await call('listAuditLog', { keyId: key.id })
    expect(entries.reverse().map((entry) => [entry.actor, entry.action, entry.subject, entry.detail])).toEqual([
      ['app', 'key added', 'Clipia prod', 'live, clipia'],
      ['app', 'rotation period set', 'Clipia prod', '30 days'],
      ['app', 'rotation period set', 'Clipia prod', 'default'],
      ['app', 'rotation snoozed', 'Clipia prod', 'until 2026-11-02'],
      ['app', 'rotation snoozed', 'Clipia prod', 'snooze cleared'],
    ])
  })

  it('makes an encrypted backup from the app, lists it newest first, and logs it', async () => {
    const value = fakeKeys.clipiaLive()
    await call('addKey', { name: 'Clipia prod', value, provider: 'clipia' })
    const made = await call('createBackup')
    expect(made).toMatchObject({ reason: 'manual', problem: null })
    const { folder, backups } = await call('listBackups')
    expect(folder.endsWith('backups')).toBe(true)
    expect(backups).toEqual([made])
    const file = readFileSync(join(world.temp.directory, 'backups', made.name))
    expect(file.includes(Buffer.from(value))).toBe(false)
    expect((await call('listAuditLog', { limit: 1 })).entries[0]).toMatchObject({
      action: 'backup made',
      subject: made.name,
    })
  })
})
