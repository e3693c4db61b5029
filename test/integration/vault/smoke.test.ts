import { afterEach, describe, expect, it } from 'vitest'
import { createVault, openVault } from '../../../main/vault/index'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'

let cleanup = () => {}
afterEach(() => cleanup())

describe('smoke', () => {
  it('creates, adds, reopens, changes password', async () => {
    const temp = makeTempDirectory(); cleanup = temp.cleanup
    const path = tempVaultPath(temp.directory)
    const vault = await createVault(path, 'correct horse', { kdfCost: TEST_KDF_COST })
    const key = vault.keys.add({ name: 'Clipia prod', value: 'clipia_live_abcdefghijklmnopqrstuvwxyz7hQx' })
    expect(key.maskedValue).toBe('clipia_live_••••7hQx')
    expect(key.provider).toBe('clipia')
    expect(key.environment).toBe('live')
    vault.keys.update(key.id, { value: 'clipia_live_zzzzzzzzzzzzzzzzzzzzzzzzz1234' })
    await vault.changeMasterPassword('correct horse', 'battery staple')
    vault.close()
    await expect(openVault(path, 'correct horse')).rejects.toThrow(/Wrong master password/)
    const again = await openVault(path, 'battery staple')
    expect(again.keys.list().keys[0]!.versionCount).toBe(2)
    expect(again.keys.revealValue(key.id)).toBe('clipia_live_zzzzzzzzzzzzzzzzzzzzzzzzz1234')
    again.close()
  })
})
