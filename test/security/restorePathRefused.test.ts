// A compromised window asking main to restore a backup of its own choosing. The window may name a
// backup only as main listed it, or by the id main gave a file the user picked in main's dialog; a
// path, a name that climbs out of the backups folder, or an id main never gave is refused, and the
// vault is left as it was. The planted file is a real backup of this very vault, so only the refusal
// stands between it and the vault.
import { renameSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupsFolderFor } from '../../main/vault/index'
import { fakeKeys } from '../support/fakeKeys'
import { useIpcWorld, MASTER_PASSWORD as PASSWORD } from '../support/ipcWorld'

const world = useIpcWorld({})
const { call, callError } = world

const keyNames = async () => (await call('listKeys', {})).keys.map((key) => key.name).sort()

/** A good backup of this vault, moved out of the backups folder to where the attacker points. */
const plantBackup = async (): Promise<string> => {
  await call('createVault', { password: PASSWORD })
  await call('addKey', { name: 'In the planted backup', value: fakeKeys.clipiaLive() })
  const made = await call('createBackup')
  const planted = join(world.temp.directory, 'planted.keyward-backup')
  renameSync(join(backupsFolderFor(world.vaultPath), made.name), planted)
  const keys = await call('listKeys', {})
  await call('deleteKey', { id: keys.keys[0]!.id })
  await call('addKey', { name: 'The vault now', value: fakeKeys.airclouLive() })
  return planted
}

describe('a restore the window asks for with a backup of its own choosing', () => {
  it('is refused at the bridge: a path, a name that leaves the backups folder, a made-up dialog id', async () => {
    const planted = await plantBackup()
    const crafted: unknown[] = [
      { from: 'list', name: '../planted.keyward-backup' },
      { from: 'list', name: planted },
      { from: 'list', name: 'planted.keyward-backup', path: planted },
      { from: 'file', choiceId: 'chosen-by-the-window' },
      { from: 'file', choiceId: planted },
      { path: planted },
      planted,
    ]
    for (const source of crafted) {
      for (const method of ['previewRestore', 'restoreBackup']) {
        const error = await callError(method, { source, password: PASSWORD })
        expect(['invalid_argument', 'not_found'], `${method} ${JSON.stringify(source)}`).toContain(error.code)
      }
    }
    expect(await keyNames()).toEqual(['The vault now'])
  })

  it('is refused by main itself when a name is not one of its list, whatever passed the bridge', async () => {
    const planted = await plantBackup()
    // Straight to the handler, past the contract's check of the name: main still looks it up in its list.
    for (const name of ['../planted.keyward-backup', planted, 'planted.keyward-backup']) {
      await expect(
        world.handlers.restoreBackup({ source: { from: 'list', name }, password: PASSWORD }),
      ).rejects.toMatchObject({ code: 'not_found' })
    }
    expect(await keyNames()).toEqual(['The vault now'])
  })
})
