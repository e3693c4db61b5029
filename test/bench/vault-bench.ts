// Vault benchmark: 10,000 keys, encrypted (the real vault) beside the same schema and code on an
// unencrypted SQLite file, in the same process. Reports medians of several runs, the ratio to the
// unencrypted baseline, and peak memory. A script, never a timed test: these machines are noisy.
//   npm run bench [-- --keys 10000 --runs 7]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3-multiple-ciphers'
import { parseArgs } from 'node:util'
import { openKeyedDatabase } from '../../main/vault/file/database'
import { readHeader } from '../../main/vault/file/header'
import { deriveWrappingKey, unwrapVaultKey } from '../../main/vault/file/keyWrapping'
import { KeyStore } from '../../main/vault/stores/keyStore'
import { migrateToLatest } from '../../main/vault/file/migrations'
import { createVault, openVault } from '../../main/vault/index'
import { randomToken } from '../support/fakeKeys'
import { median } from './median'

const { values: options } = parseArgs({
  options: { keys: { type: 'string', default: '10000' }, runs: { type: 'string', default: '7' } },
})
const KEY_COUNT = Number(options.keys)
const RUNS = Number(options.runs)
const PASSWORD = 'benchmark master password'
const providers = ['clipia', 'airclou', 'agentclara', 'clodura', 'cloro']
const prefixes = ['clipia_live_', 'ac_test_', 'sk_live_', '', '']

const time = (work: () => void): number => {
  const start = performance.now()
  work()
  return performance.now() - start
}
const timeAsync = async (work: () => Promise<unknown>): Promise<number> => {
  const start = performance.now()
  await work()
  return performance.now() - start
}

const syntheticKeys = () =>
  Array.from({ length: KEY_COUNT }, (_, index) => {
    const provider = index % providers.length
    return {
      name: `${providers[provider]} key ${index}`,
      value: `${prefixes[provider]}${randomToken(40)}`,
      provider: providers[provider]!,
      environment: (['live', 'test', 'other'] as const)[index % 3]!,
      tags: [`team-${index % 17}`, index % 2 ? 'ci' : 'prod'],
      scopes: index % 4 ? ['read'] : ['read', 'write'],
      notes: `Synthetic key number ${index} for the benchmark.`,
    }
  })

interface Timings {
  fill: number[]
  open: number[]
  listPage: number[]
  search: number[]
  addOne: number[]
}
const emptyTimings = (): Timings => ({ fill: [], open: [], listPage: [], search: [], addOne: [] })

/** The operations every store runs, measured the same way on both files. */
const measureStore = (store: KeyStore, timings: Timings, round: number) => {
  for (let repeat = 0; repeat < 20; repeat += 1) {
    timings.listPage.push(time(() => store.list({ limit: 200 })))
    timings.search.push(time(() => store.list({ text: `key ${(round * 997 + repeat * 131) % KEY_COUNT}`, limit: 200 })))
  }
  timings.addOne.push(time(() => store.add({ name: `added ${round}`, value: randomToken(40) })))
}

const directory = mkdtempSync(join(tmpdir(), 'keyward-bench-'))
const encrypted = emptyTimings()
const plain = emptyTimings()
const kdfTimes: number[] = []
const unlockTotal: number[] = []
const keys = syntheticKeys()

try {
  for (let round = 0; round < RUNS; round += 1) {
    // Encrypted: create the vault, fill it in one transaction, then open it again as an unlock does.
    const vaultPath = join(directory, `vault-${round}.keyward`)
    const created = await createVault(vaultPath, PASSWORD)
    encrypted.fill.push(time(() => created.keys.addMany(keys)))
    created.close()
    for (let repeat = 0; repeat < 3; repeat += 1) {
      unlockTotal.push(await timeAsync(async () => (await openVault(vaultPath, PASSWORD)).close()))
    }
    const header = readHeader(vaultPath)
    const wrappingKey = await deriveWrappingKey(PASSWORD, header.kdf)
    kdfTimes.push(await timeAsync(() => deriveWrappingKey(PASSWORD, header.kdf)))
    let database!: ReturnType<typeof openKeyedDatabase>
    // Unlock without the KDF: read the header, unwrap, open and check the file, migrate.
    encrypted.open.push(
      time(() => {
        const key = unwrapVaultKey(readHeader(vaultPath).wrappedKey, wrappingKey, header.vaultId, header.kdf)!
        database = openKeyedDatabase(vaultPath, key, { create: false })
        migrateToLatest(database)
      }),
    )
    measureStore(new KeyStore(database, vaultPath, () => new Date()), encrypted, round)
    database.close()

    // Baseline: the same schema and store on an unencrypted file, same pragmas.
    const plainPath = join(directory, `plain-${round}.sqlite`)
    const openPlain = () => {
      const plainDatabase = new Database(plainPath)
      plainDatabase.pragma('journal_mode = WAL')
      plainDatabase.pragma('synchronous = FULL')
      plainDatabase.pragma('foreign_keys = ON')
      plainDatabase.pragma('secure_delete = ON')
      plainDatabase.prepare('SELECT count(*) FROM sqlite_master').get()
      migrateToLatest(plainDatabase)
      return plainDatabase
    }
    const fresh = openPlain()
    plain.fill.push(time(() => new KeyStore(fresh, plainPath, () => new Date()).addMany(keys)))
    fresh.close()
    openPlain().close() // warm, as the encrypted file was by the unlocks above
    let plainDatabase!: Database.Database
    plain.open.push(time(() => (plainDatabase = openPlain())))
    measureStore(new KeyStore(plainDatabase, plainPath, () => new Date()), plain, round)
    plainDatabase.close()
  }
} finally {
  rmSync(directory, { recursive: true, force: true })
}

const rows: [string, keyof Timings][] = [
  [`create: fill ${KEY_COUNT.toLocaleString('en')} keys (one transaction)`, 'fill'],
  ['unlock, KDF excluded (header, unwrap, open, checks)', 'open'],
  ['list a page (200 keys + facets)', 'listPage'],
  [`search over ${KEY_COUNT.toLocaleString('en')} keys`, 'search'],
  ['add one key (FULL sync commit)', 'addOne'],
]
const format = (milliseconds: number) => `${milliseconds.toFixed(milliseconds < 10 ? 2 : 1)} ms`
const lines = [
  `Keys: ${KEY_COUNT.toLocaleString('en')}; runs: ${RUNS}; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| operation | encrypted (median) | unencrypted (median) | ratio |',
  '|---|---:|---:|---:|',
  ...rows.map(([label, field]) => {
    const left = median(encrypted[field])
    const right = median(plain[field])
    return `| ${label} | ${format(left)} | ${format(right)} | ${(left / right).toFixed(2)}x |`
  }),
  `| Argon2id KDF alone (64 MiB, t=3, p=4) | ${format(median(kdfTimes))} | | |`,
  `| unlock, KDF included | ${format(median(unlockTotal))} | | |`,
  '',
  `Peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
]
console.log(lines.join('\n'))
