// A process killed with SIGKILL in the middle of writing leaves a vault that opens with every key
// it had committed, and no half of any transaction.
import { spawn } from 'node:child_process'
import { afterEach, expect, it } from 'vitest'
import { createVault, openVault } from '../../../main/vault/index'
import { makeTempDirectory, tempVaultPath } from '../../support/tempVault'

let cleanup = () => {}
afterEach(() => cleanup())

const PASSWORD = 'killed mid write'

it('keeps every committed key when the writer is killed with SIGKILL mid-transaction', async () => {
  const temp = makeTempDirectory()
  cleanup = temp.cleanup
  const vaultPath = tempVaultPath(temp.directory)
  ;(await createVault(vaultPath, PASSWORD)).close()

  for (let attempt = 0; attempt < 3; attempt += 1) {
    const committed: string[] = []
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/writerChild.ts', vaultPath, PASSWORD], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const killAfter = 20 + attempt * 15
    await new Promise<void>((resolve) => {
      let buffered = ''
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString()
        const lines = buffered.split('\n')
        buffered = lines.pop() ?? ''
        for (const line of lines) if (line.startsWith('committed ')) committed.push(line.slice('committed '.length))
        if (committed.length >= killAfter && child.exitCode === null) child.kill('SIGKILL')
      })
      child.on('exit', () => resolve())
    })
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
    const batches = new Map<string, number>()
    for (const name of names) {
      const match = /^(batch \d+) item/.exec(name)
      if (match) batches.set(match[1]!, (batches.get(match[1]!) ?? 0) + 1)
    }
    for (const count of batches.values()) expect(count).toBe(50)
    vault.close()
    // Later attempts write on top of the recovered file; names stay unique by using fresh rounds.
    const reopened = await openVault(vaultPath, PASSWORD)
    for (const key of reopened.keys.list({ limit: 100_000 }).keys) reopened.keys.delete(key.id)
    reopened.close()
  }
}, 120_000)
