// Two `keyward add` processes on one vault at the same moment, round after round: each either adds
// its key or says plainly that the vault is busy and exits non-zero; every key a process reported
// added is there afterwards, nothing else is, and SQLite's integrity check passes.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeyRecord } from '#contract'
import { createVault, headerPathFor } from '../../../main/vault/index'
import { readHeader } from '../../../main/vault/file/header'
import { deriveWrappingKey, unwrapVaultKey } from '../../../main/vault/file/keyWrapping'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { assertCliBuilt, cliEnvironment, runBuiltCli, type CliRun } from './builtCli'

const PASSWORD = 'two writers one vault'
const ROUNDS = 10
let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let env: Record<string, string>

const keyward = (args: string[], stdin?: string): Promise<CliRun> =>
  runBuiltCli([...args, '--password-file', 'password'], { cwd: temp.directory, env, stdin })

const BUSY = /^keyward: The vault is busy with another Keyward process\. Try again in a moment\.\n$/

/** Runs SQL on the vault file directly, with the key its header unwraps (what `keyward` cannot show). */
const withRawDatabase = async <Result>(work: (database: Database.Database) => Result): Promise<Result> => {
  const header = readHeader(vaultPath)
  const key = unwrapVaultKey(
    header.wrappedKey,
    await deriveWrappingKey(PASSWORD, header.kdf),
    header.vaultId,
    header.kdf,
  )!
  const database = new Database(vaultPath, { fileMustExist: true })
  try {
    database.pragma(`cipher = 'chacha20'`)
    database.pragma(`key = "raw:${key.toString('hex')}"`)
    return work(database)
  } finally {
    database.close()
    key.fill(0)
  }
}

const listedNames = async (): Promise<string[]> => {
  const listed = await keyward(['list', '--json'])
  expect(listed, listed.stderr).toMatchObject({ exitCode: 0 })
  return (JSON.parse(listed.stdout) as KeyRecord[]).map((key) => key.name).sort()
}

beforeAll(async () => {
  assertCliBuilt()
  temp = makeTempDirectory('keyward-concurrent-')
  vaultPath = join(temp.directory, 'vault.keyward')
  env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: vaultPath })
  writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
  const init = await keyward(['init'])
  expect(init, init.stderr).toMatchObject({ exitCode: 0 })
})
afterAll(() => temp?.cleanup())

describe('two keyward processes writing at once', () => {
  it(
    'adds every key a process reported added, loses none, and says "busy" plainly otherwise',
    { timeout: 90_000 },
    async () => {
      const added: string[] = []
      for (let round = 0; round < ROUNDS; round += 1) {
        const names = [`round ${round} first`, `round ${round} second`]
        const runs = await Promise.all(names.map((name) => keyward(['add', name], fakeKeys.clipiaLive())))
        runs.forEach((run, index) => {
          if (run.exitCode === 0) {
            expect(run.stdout).toContain(`Added "${names[index]}"`)
            expect(run.stderr).toBe('')
            added.push(names[index]!)
          } else {
            expect(run).toMatchObject({ exitCode: 1, stdout: '', stderr: expect.stringMatching(BUSY) })
          }
        })
      }
      expect(await listedNames()).toEqual(added.sort())
      // Two at once should not often need "busy": SQLite queues the writers for up to 5 s.
      expect(added.length).toBeGreaterThanOrEqual(ROUNDS)
      expect(await withRawDatabase((database) => database.pragma('integrity_check', { simple: true }))).toBe('ok')
    },
  )

  it(
    'says the vault is busy and exits 1 when another process holds the write lock past the wait, adding nothing',
    { timeout: 60_000 },
    async () => {
      const before = await listedNames()
      const header = readHeader(vaultPath)
      const key = unwrapVaultKey(
        header.wrappedKey,
        await deriveWrappingKey(PASSWORD, header.kdf),
        header.vaultId,
        header.kdf,
      )!
      const holder = new Database(vaultPath, { fileMustExist: true })
      holder.pragma(`cipher = 'chacha20'`)
      holder.pragma(`key = "raw:${key.toString('hex')}"`)
      key.fill(0)
      let run: CliRun
      try {
        holder.exec('BEGIN IMMEDIATE')
        run = await keyward(['add', 'blocked writer'], fakeKeys.clipiaLive())
        holder.exec('ROLLBACK')
      } finally {
        holder.close()
      }
      expect(run).toMatchObject({ exitCode: 1, stdout: '', stderr: expect.stringMatching(BUSY) })
      expect(await listedNames()).toEqual(before)
      expect(await withRawDatabase((database) => database.pragma('integrity_check', { simple: true }))).toBe('ok')
    },
  )

  it(
    "both succeed when each upgrades a cheap vault's Argon2id cost on the same unlock",
    { timeout: 60_000 },
    async () => {
      const cheapVault = join(temp.directory, 'cheap.keyward')
      ;(await createVault(cheapVault, PASSWORD, { kdfCost: TEST_KDF_COST })).close()
      const onCheap = (name: string) =>
        runBuiltCli(['add', name, '--vault', cheapVault, '--password-file', 'password'], {
          cwd: temp.directory,
          env,
          stdin: fakeKeys.cloro(),
        })
      const runs = await Promise.all([onCheap('first'), onCheap('second')])
      for (const run of runs) expect(run, run.stderr).toMatchObject({ exitCode: 0, stderr: '' })
      const header = JSON.parse(readFileSync(headerPathFor(cheapVault), 'utf8'))
      expect(header.kdf).toMatchObject({ memoryKiB: 65536, iterations: 3, parallelism: 4 })
      const listed = await runBuiltCli(['list', '--json', '--vault', cheapVault, '--password-file', 'password'], {
        cwd: temp.directory,
        env,
      })
      expect((JSON.parse(listed.stdout) as KeyRecord[]).map((key) => key.name).sort()).toEqual(['first', 'second'])
    },
  )
})
