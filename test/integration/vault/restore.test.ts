// Restoring a backup on real files: a restore shows what it changes, brings back what was deleted,
// keeps or asks about passwords and vault ids, and a crash at any step leaves a vault that opens.
// Backups it refuses: refusedBackups.test.ts.
import { chmodSync, existsSync, renameSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { headerPathFor, openVault } from '../../../main/vault/index'
import {
  backupVault,
  listBackups,
  previewRestore,
  restoreBackup,
  type RestoreStep,
} from '../../../main/vault/backups/backups'
import { readHeader } from '../../../main/vault/file/header'
import { LATEST_SCHEMA_VERSION } from '../../../main/vault/file/migrations'
import { fakeKeys } from '../../support/fakeKeys'
import { fileFingerprint as fingerprint } from '../../support/fileFingerprint'
import { DAY, NEW_PASSWORD, PASSWORD, START, cheap, useBackupWorld, valuesOf } from './backupWorld'

const { disk, closeAll, forget, unlock, everything, makeVault, backUp } = useBackupWorld()

describe('restoring a backup', () => {
  const setUp = async () => {
    const values = { alpha: fakeKeys.clipiaLive(), beta: fakeKeys.clodura(), gamma: fakeKeys.airclouTest() }
    await makeVault(values)
    const made = await backUp()
    const vault = await unlock()
    const byName = (name: string) => vault.keys.findByName(name)!
    vault.keys.delete(byName('beta').id)
    vault.keys.update(byName('alpha').id, { value: fakeKeys.clipiaLive() })
    vault.keys.update(byName('gamma').id, { name: 'gamma renamed' })
    vault.keys.add({ name: 'delta', value: fakeKeys.cloro() })
    vault.close()
    forget()
    return { values, made }
  }

  it('shows what it would change by name and version count, and a dry run changes no byte', async () => {
    const { made } = await setUp()
    const before = everything()
    const preview = await previewRestore(disk.vaultPath, made.path, PASSWORD)
    expect(preview).toMatchObject({
      added: [{ name: 'beta', versions: 1 }],
      removed: [{ name: 'delta', versions: 1 }],
      changed: [
        { name: 'alpha', currentName: null, currentVersions: 2, backupVersions: 1 },
        { name: 'gamma', currentName: 'gamma renamed', currentVersions: 1, backupVersions: 1 },
      ],
      unchanged: 0,
      sameVault: true,
      needsForce: null,
      passwordAfter: 'current',
      current: { state: 'readable', keyCount: 3, schemaVersion: LATEST_SCHEMA_VERSION },
      backupSchemaVersion: LATEST_SCHEMA_VERSION,
    })
    expect(JSON.stringify(preview)).not.toMatch(/clipia_|ac_test_/)
    expect(everything()).toEqual(before)
  })

  it('brings back deleted keys and earlier values, keeps the current password, and can be undone', async () => {
    const { values, made } = await setUp()
    const result = await restoreBackup(disk.vaultPath, made.path, PASSWORD, { now: new Date(START + DAY) })
    expect(valuesOf(await unlock())).toEqual(values)
    closeAll()
    expect(result.safetyBackup).toMatchObject({ reason: 'before-restore', consistent: true })
    expect(existsSync(`${disk.vaultPath}.restoring`)).toBe(false)
    // Restoring the copy made just before puts the vault back as it was.
    await restoreBackup(disk.vaultPath, result.safetyBackup!.path, PASSWORD, { now: new Date(START + 2 * DAY) })
    expect(Object.keys(valuesOf(await unlock())).sort()).toEqual(['alpha', 'delta', 'gamma renamed'])
  })

  it('keeps the vault’s current password when it was changed after the backup was given both passwords', async () => {
    const { values, made } = await setUp()
    const vault = await unlock()
    await vault.changeMasterPassword(PASSWORD, NEW_PASSWORD)
    closeAll()
    await restoreBackup(disk.vaultPath, made.path, PASSWORD, { currentPassword: NEW_PASSWORD })
    expect(valuesOf(await unlock(NEW_PASSWORD))).toEqual(values)
  })

  it('needs force when the backup’s password does not open the vault now, and then opens with the backup’s password', async () => {
    const { values, made } = await setUp()
    const vault = await unlock()
    await vault.changeMasterPassword(PASSWORD, NEW_PASSWORD)
    closeAll()
    const before = everything()
    await expect(restoreBackup(disk.vaultPath, made.path, PASSWORD)).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/opens the backup but not the vault .*Add --force.*Nothing was changed\.$/),
    })
    expect(everything()).toEqual(before)
    const result = await restoreBackup(disk.vaultPath, made.path, PASSWORD, { force: true })
    expect(result.preview.passwordAfter).toBe('backup')
    expect(valuesOf(await unlock(PASSWORD))).toEqual(values)
    // The vault as it was (under the newer password) was kept.
    expect(result.safetyBackup).toMatchObject({ reason: 'before-restore', consistent: false })
    closeAll()
    await restoreBackup(disk.vaultPath, result.safetyBackup!.path, NEW_PASSWORD, { force: true })
    expect(Object.keys(valuesOf(await unlock(NEW_PASSWORD))).sort()).toEqual(['alpha', 'delta', 'gamma renamed'])
  })

  it('refuses a backup of another vault unless forced; forced, this vault keeps its id and password', async () => {
    await makeVault({ ours: fakeKeys.clodura() })
    const otherPath = join(disk.temp.directory, 'other', 'vault.keyward')
    const theirs = { theirs: fakeKeys.cloro() }
    await makeVault(theirs, otherPath)
    const theirBackup = await backupVault(otherPath, PASSWORD)
    const before = everything()
    await expect(previewRestore(disk.vaultPath, theirBackup.path, PASSWORD)).resolves.toMatchObject({
      sameVault: false,
      needsForce: expect.stringMatching(/backup is of another vault/),
    })
    await expect(restoreBackup(disk.vaultPath, theirBackup.path, PASSWORD)).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/This backup is of another vault .*add --force.*Nothing was changed\.$/),
    })
    expect(everything()).toEqual(before)
    const ourId = readHeader(disk.vaultPath).vaultId
    await restoreBackup(disk.vaultPath, theirBackup.path, PASSWORD, { force: true })
    const vault = await unlock()
    expect(valuesOf(vault)).toEqual(theirs)
    expect(vault.vaultId).toBe(ourId)
  })

  it('refuses while the vault is open elsewhere, and changes nothing', async () => {
    const { made } = await setUp()
    const vault = await unlock()
    vault.keys.list()
    const before = fingerprint(disk.vaultPath)
    await expect(restoreBackup(disk.vaultPath, made.path, PASSWORD)).rejects.toMatchObject({
      code: 'vault_busy',
      message: expect.stringMatching(/open in Keyward .*Nothing was changed/),
    })
    vault.close()
    forget()
    expect(fingerprint(disk.vaultPath)).toBe(before)
    expect(Object.keys(valuesOf(await unlock())).sort()).toEqual(['alpha', 'delta', 'gamma renamed'])
    expect(listBackups(disk.vaultPath).map((backup) => backup.reason)).toEqual(['manual'])
  })

  it('replaces a damaged vault with its backup, without force', async () => {
    const values = { alpha: fakeKeys.clipiaLive() }
    await makeVault(values)
    const made = await backUp()
    truncateSync(disk.vaultPath, 100)
    await expect(openVault(disk.vaultPath, PASSWORD, cheap)).rejects.toMatchObject({ code: 'vault_corrupt' })
    const result = await restoreBackup(disk.vaultPath, made.path, PASSWORD)
    expect(result.preview.current).toMatchObject({ state: 'unreadable' })
    expect(result.safetyBackup).toMatchObject({ consistent: false })
    expect(valuesOf(await unlock())).toEqual(values)
  })

  it('puts a vault back where there is none, opening with the backup’s password', async () => {
    const values = { alpha: fakeKeys.clipiaLive() }
    await makeVault(values)
    const made = await backUp()
    const kept = join(disk.temp.directory, 'kept.keyward-backup')
    renameSync(made.path, kept)
    for (const path of [disk.vaultPath, headerPathFor(disk.vaultPath)]) renameSync(path, `${path}.lost`)
    const result = await restoreBackup(disk.vaultPath, kept, PASSWORD)
    expect(result).toMatchObject({
      safetyBackup: null,
      preview: { current: { state: 'missing' }, passwordAfter: 'backup' },
    })
    expect(valuesOf(await unlock())).toEqual(values)
  })

  it('refuses a wrong password for the backup, and changes nothing', async () => {
    const { made } = await setUp()
    const before = everything()
    await expect(restoreBackup(disk.vaultPath, made.path, 'not the password')).rejects.toMatchObject({
      code: 'wrong_password',
      message: expect.stringMatching(
        /^Wrong master password for this backup\. A backup opens with the master password the vault had/,
      ),
    })
    const { [`vault.keyward.unlock-attempts`]: attempts, ...rest } = everything()
    expect(attempts).toBeDefined()
    expect(rest).toEqual(before)
  })
})

describe('a restore interrupted', () => {
  const steps: RestoreStep[] = ['staged', 'backed-up', 'replaced']
  for (const step of steps) {
    it(`after the step "${step}" leaves a vault that opens with the current password, whole`, async () => {
      const original = { alpha: fakeKeys.clipiaLive(), beta: fakeKeys.clodura() }
      await makeVault(original)
      const made = await backUp()
      const vault = await unlock()
      vault.keys.delete(vault.keys.findByName('beta')!.id)
      vault.keys.add({ name: 'later', value: fakeKeys.cloro() })
      const later = valuesOf(vault)
      closeAll()
      await expect(
        restoreBackup(disk.vaultPath, made.path, PASSWORD, {
          afterRestoreStep: (reached) => {
            if (reached === step) throw new Error('simulated crash')
          },
        }),
      ).rejects.toThrow('simulated crash')
      // Before the rename: the vault as it was; after it: the backup's.
      expect(valuesOf(await unlock())).toEqual(step === 'replaced' ? original : later)
      closeAll()
      // And a later restore goes through.
      await restoreBackup(disk.vaultPath, made.path, PASSWORD)
      expect(valuesOf(await unlock())).toEqual(original)
    })
  }

  it('by a real crash leaves a staging file that neither opening nor the next restore minds', async () => {
    const original = { alpha: fakeKeys.clipiaLive() }
    await makeVault(original)
    const made = await backUp()
    writeFileSync(`${disk.vaultPath}.restoring`, 'half of a database')
    writeFileSync(`${disk.vaultPath}.restoring-journal`, 'a journal')
    chmodSync(`${disk.vaultPath}.restoring`, 0o400)
    expect(valuesOf(await unlock())).toEqual(original)
    closeAll()
    await restoreBackup(disk.vaultPath, made.path, PASSWORD)
    expect(valuesOf(await unlock())).toEqual(original)
    expect(existsSync(`${disk.vaultPath}.restoring`)).toBe(false)
    expect(existsSync(`${disk.vaultPath}.restoring-journal`)).toBe(false)
  })
})
