// Restoring a backup from the app, through invokeMethod as the window reaches it: main's list of backups
// with their key counts, the preview (what the backup holds against the vault now), the restore with the
// master password asked again, a backup chosen in main's dialog, and a damaged one refused with nothing
// changed. Real vault files, real handlers, scripted dialogs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHandlers, createServices, disposeServices } from '../../../main/ipc/handlers'
import { backupsFolderFor } from '../../../main/vault/index'
import { bridgeCalls } from '../../support/bridgeCalls'
import { fakeKeys } from '../../support/fakeKeys'
import { fileFingerprint } from '../../support/fileFingerprint'
import { MASTER_PASSWORD as PASSWORD, useIpcWorld } from '../../support/ipcWorld'
import { MemoryClipboard } from '../../support/memoryClipboard'
import { ScriptedConfirmations } from '../../support/scriptedConfirmations'
import { ScriptedDialogs } from '../../support/scriptedDialogs'
import { TEST_KDF_COST, tempVaultPath } from '../../support/tempVault'

const world = useIpcWorld()
const { call, callError } = world

const keyNames = async () => (await call('listKeys', {})).keys.map((key) => key.name).sort()

/** A vault with two keys, backed up, then changed: one key deleted, one added, one renamed. */
const vaultChangedSinceBackup = async () => {
  await call('createVault', { password: PASSWORD })
  const kept = await call('addKey', { name: 'Clipia prod', value: fakeKeys.clipiaLive() })
  const deleted = await call('addKey', { name: 'Airclou CI', value: fakeKeys.airclouTest() })
  const backup = await call('createBackup')
  await call('deleteKey', { id: deleted.id })
  await call('addKey', { name: 'Clipia sandbox', value: fakeKeys.clipiaTest() })
  await call('updateKey', { id: kept.id, changes: { name: 'Clipia production' } })
  return backup
}

describe('restoring a backup from the app', () => {
  it('lists backups with their key counts, previews the change by name, restores, and backs the vault up first', async () => {
    const backup = await vaultChangedSinceBackup()
    const listed = await call('listBackups')
    expect(listed.backups).toEqual([expect.objectContaining({ name: backup.name, keyCount: 2, reason: 'manual' })])

    const source = { from: 'list', name: backup.name }
    const preview = await call('previewRestore', { source, password: PASSWORD })
    expect(preview).toMatchObject({
      keysNow: 2,
      keysInBackup: 2,
      added: [{ name: 'Airclou CI', versions: 1 }],
      removed: [{ name: 'Clipia sandbox', versions: 1 }],
      changed: [{ name: 'Clipia prod', currentName: 'Clipia production' }],
      unchanged: 0,
      refusal: null,
    })
    // A preview writes nothing.
    expect(await keyNames()).toEqual(['Clipia production', 'Clipia sandbox'])

    world.clock.advance(60_000)
    const restored = await call('restoreBackup', { source, password: PASSWORD })
    expect(restored.safetyBackup).toMatch(/before-restore\.keyward-backup$/)
    expect((await call('getVaultStatus')).state).toBe('unlocked')
    expect(await keyNames()).toEqual(['Airclou CI', 'Clipia prod'])
    // The vault as it was is one restore away, and the restore is in the restored vault's log.
    const after = await call('listBackups')
    expect(after.backups.map((entry) => [entry.reason, entry.keyCount])).toEqual([
      ['before-restore', 2],
      ['manual', 2],
    ])
    expect((await call('listAuditLog', {})).entries[0]).toMatchObject({
      action: 'backup restored',
      subject: backup.name,
    })
  })

  it('asks for the master password again: a wrong one is refused in plain words and changes nothing', async () => {
    const backup = await vaultChangedSinceBackup()
    const source = { from: 'list', name: backup.name }
    for (const method of ['previewRestore', 'restoreBackup']) {
      expect(await callError(method, { source, password: 'not the password' })).toMatchObject({
        code: 'wrong_password',
        message: expect.stringMatching(/^Wrong master password/),
      })
    }
    expect(await callError('restoreBackup', { source })).toMatchObject({ code: 'invalid_argument' })
    expect((await call('getVaultStatus')).state).toBe('unlocked')
    expect(await keyNames()).toEqual(['Clipia production', 'Clipia sandbox'])
  })

  it('restores a backup chosen in main’s dialog, known to the window only by the id main gave it', async () => {
    const backup = await vaultChangedSinceBackup()
    const elsewhere = join(world.temp.directory, 'copied-to-a-usb-stick.keyward-backup')
    writeFileSync(elsewhere, readFileSync(join(backupsFolderFor(world.vaultPath), backup.name)))
    world.dialogs.answerNext(elsewhere)
    const chosen = await call('chooseBackupFile')
    if (chosen.canceled) throw new Error('the dialog was answered')
    expect(chosen.backup).toMatchObject({ name: 'copied-to-a-usb-stick.keyward-backup', reason: 'manual' })
    expect(JSON.stringify(chosen)).not.toContain(world.temp.directory)
    await call('restoreBackup', { source: { from: 'file', choiceId: chosen.choiceId }, password: PASSWORD })
    expect(await keyNames()).toEqual(['Airclou CI', 'Clipia prod'])

    world.dialogs.answerNext(null)
    expect(await call('chooseBackupFile')).toEqual({ canceled: true })
  })

  it('refuses a damaged backup with a clear error, and changes nothing', async () => {
    const backup = await vaultChangedSinceBackup()
    const backupPath = join(backupsFolderFor(world.vaultPath), backup.name)
    const bytes = readFileSync(backupPath)
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100)
    writeFileSync(backupPath, bytes)
    const before = fileFingerprint(world.vaultPath)
    const source = { from: 'list', name: backup.name }
    for (const method of ['previewRestore', 'restoreBackup']) {
      const error = await callError(method, { source, password: PASSWORD })
      expect(error.code).toBe('vault_corrupt')
      expect(error.message).toMatch(/is damaged: its contents no longer match the checksum.* Nothing was changed/)
    }
    expect(fileFingerprint(world.vaultPath)).toBe(before)
    expect(readdirSync(backupsFolderFor(world.vaultPath))).toEqual([backup.name])
    expect((await call('getVaultStatus')).state).toBe('unlocked')
    expect(await keyNames()).toEqual(['Clipia production', 'Clipia sandbox'])
  })

  it('refuses, from the app, a backup of another vault (the command line can force it)', async () => {
    await call('createVault', { password: PASSWORD })
    await call('addKey', { name: 'Mine', value: fakeKeys.clipiaLive() })
    const otherServices = createServices({
      vaultPath: tempVaultPath(world.temp.directory, 'other.keyward'),
      clipboard: new MemoryClipboard(),
      dialogs: new ScriptedDialogs(),
      confirmations: new ScriptedConfirmations(),
      kdfCost: TEST_KDF_COST,
    })
    const other = bridgeCalls(() => createHandlers(otherServices))
    await other.call('createVault', { password: PASSWORD })
    const theirs = await other.call('createBackup')
    await disposeServices(otherServices)
    world.dialogs.answerNext(join(world.temp.directory, 'backups', theirs.name))
    const chosen = await call('chooseBackupFile')
    if (chosen.canceled) throw new Error('the dialog was answered')
    const source = { from: 'file', choiceId: chosen.choiceId }
    expect((await call('previewRestore', { source, password: PASSWORD })).refusal).toMatch(/another vault/)
    expect(await callError('restoreBackup', { source, password: PASSWORD })).toMatchObject({
      code: 'invalid_argument',
    })
    expect(await keyNames()).toEqual(['Mine'])
  })
})
