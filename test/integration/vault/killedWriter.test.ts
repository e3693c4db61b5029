// A process killed with SIGKILL in the middle of writing leaves a vault that opens with every key
// it had committed, and no half of any transaction.
import { afterEach, expect, it } from 'vitest'
import { createVault, openVault } from '../../../main/vault/index'
import { makeTempDirectory, tempVaultPath } from '../../support/tempVault'
import { batchSizes, startWriter } from '../../support/writerProcess'

let cleanup = () => {}
afterEach(() => cleanup())

const PASSWORD = 'killed mid write'

it('keeps every committed key when the writer is killed with SIGKILL mid-transaction', async () => {
  const temp = makeTempDirectory()
  cleanup = temp.cleanup
  const vaultPath = tempVaultPath(temp.directory)
  ;(await createVault(vaultPath, PASSWORD)).close()

  for (let attempt = 0; attempt < 3; attempt += 1) {
    const killAfter = 20 + attempt * 15
    const { child, committed, exited } = startWriter(vaultPath, PASSWORD, (sofar) => {
      if (sofar.length >= killAfter && child.exitCode === null) child.kill('SIGKILL')
    })
    await exited
    expect(child.signalCode).toBe('SIGKILL')

    const vault = await openVault(vaultPath, PASSWORD)
    const names = new Set(vault.keys.list({ limit: 100_000 }).keys.map((key) => key.name))
    for (const label of committed) {
      if (label.startsWith('single')) {
        expect(names.has(label)).toBe(true)
        const key = vault.keys.findByName(label)!
        expect(key.versionCount).toBe(2)
      } else {
        for (let index = 0; index < 50; index += 1) expect(names.has(`${label} item ${index}`)).toBe(true)
      }
    }
    // A batch is one transaction: all fifty or none.
    for (const count of batchSizes(names)) expect(count).toBe(50)
    vault.close()
    // Later attempts write on top of the recovered file; names stay unique by using fresh rounds.
    const reopened = await openVault(vaultPath, PASSWORD)
    for (const key of reopened.keys.list({ limit: 100_000 }).keys) reopened.keys.delete(key.id)
    reopened.close()
  }
}, 120_000)
