// A child process that writes keys to a vault as fast as it can, printing each commit, until killed.
// Usage: node --import tsx test/support/writerChild.ts VAULT_PATH PASSWORD
import { openVault } from '../../main/vault/index'
import { randomToken } from './fakeKeys'

const [vaultPath, password] = process.argv.slice(2) as [string, string]
const vault = await openVault(vaultPath, password)
process.stdout.write('ready\n')
for (let round = 0; ; round += 1) {
  if (round % 2 === 0) {
    const key = vault.keys.add({
      name: `single ${round}`,
      value: `clipia_live_${randomToken(40)}`,
      notes: 'x'.repeat(2000),
    })
    vault.keys.update(key.id, { value: `clipia_live_${randomToken(40)}` })
    process.stdout.write(`committed single ${round}\n`)
  } else {
    const batch = Array.from({ length: 50 }, (_, index) => ({
      name: `batch ${round} item ${index}`,
      value: randomToken(48),
      notes: 'y'.repeat(500),
    }))
    vault.keys.addMany(batch)
    process.stdout.write(`committed batch ${round}\n`)
  }
}
