// An older keyward meeting a vault a newer Keyward moved to a schema it does not know: the built
// command says which Keyward wrote the vault and which it is, and writes nothing (the app opens
// vaults through the same openVault). `keyward --version` says the schema it knows.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { version } from '../../../package.json'
import { createVault, headerPathFor } from '../../../main/vault/index'
import { LATEST_SCHEMA_VERSION } from '../../../main/vault/file/migrations'
import { openOwnerDatabase } from '../../support/ownerDatabase'
import { fakeKeys } from '../../support/fakeKeys'
import { fileFingerprint } from '../../support/fileFingerprint'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { assertCliBuilt, cliEnvironment, runBuiltCli } from './builtCli'

const PASSWORD = 'correct horse battery staple'
let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let env: Record<string, string>

const rawDatabase = () => openOwnerDatabase(vaultPath, PASSWORD)
const metaValue = async (name: string) => {
  const database = await rawDatabase()
  try {
    return (database.prepare('SELECT value FROM vault_meta WHERE name = ?').get(name) as { value: string } | undefined)
      ?.value
  } finally {
    database.close()
  }
}
/** Makes the vault look written by a later Keyward: one schema on, and its version if given. */
const writtenByNewer = async (writer: string | null) => {
  const database = await rawDatabase()
  database.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
  if (writer === null) database.prepare(`DELETE FROM vault_meta WHERE name = 'schema_written_by'`).run()
  else {
    database
      .prepare(
        `INSERT INTO vault_meta (name, value) VALUES ('schema_written_by', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      )
      .run(writer)
  }
  database.close()
}
const keyward = (args: string[], stdin?: string) =>
  runBuiltCli([...args, '--password-file', join(temp.directory, 'password')], { cwd: temp.directory, env, stdin })
const vaultFiles = () => [vaultPath, headerPathFor(vaultPath), `${vaultPath}-wal`].map(fileFingerprint)

beforeAll(() => assertCliBuilt())
beforeEach(async () => {
  temp = makeTempDirectory('keyward-version-skew-')
  vaultPath = join(temp.directory, 'vault.keyward')
  env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: vaultPath })
  writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
  // A cheap KDF: an unlock that got as far as refreshing the header would rewrite it at full cost.
  const vault = await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
  vault.keys.add({ name: 'Clipia prod', value: fakeKeys.clipiaLive() })
  vault.close()
})
afterEach(() => temp.cleanup())

it('--version says which keyward it is and the newest vault schema it opens', async () => {
  const run = await runBuiltCli(['--version'], { cwd: temp.directory, env })
  expect(run).toMatchObject({ exitCode: 0, stdout: `keyward ${version} (vault schema ${LATEST_SCHEMA_VERSION})\n` })
})

it('a vault records the Keyward that moved its schema forward', async () => {
  expect(await metaValue('schema_written_by')).toBe(version)
})

it('refuses a vault a newer Keyward wrote, naming both versions, and writes nothing', { timeout: 60_000 }, async () => {
  await writtenByNewer('9.4.0')
  const before = vaultFiles()
  for (const args of [['list'], ['add', 'Another']]) {
    const run = await keyward(args, `${fakeKeys.clipiaTest()}\n`)
    expect(run.exitCode, args.join(' ')).toBe(1)
    expect(run.stderr).toBe(
      `keyward: This vault was written by Keyward 9.4.0 (vault schema ${LATEST_SCHEMA_VERSION + 1}); this is Keyward ${version}, which knows vault schemas up to ${LATEST_SCHEMA_VERSION}. Update Keyward (the app and the keyward command) to open it; nothing was changed.\n`,
    )
    expect(run.stdout).not.toContain('Clipia prod')
    expect(vaultFiles()).toEqual(before)
  }
})

it(
  'says "a newer Keyward" when the vault does not name one, or names it with anything but a version',
  { timeout: 60_000 },
  async () => {
    for (const writer of [null, '9.4.0\u001b[2J\nkeyward: all good', 'x'.repeat(41)]) {
      await writtenByNewer(writer)
      const run = await keyward(['list'])
      expect(run.exitCode).toBe(1)
      expect(run.stderr).toContain(
        `keyward: This vault was written by a newer Keyward (vault schema ${LATEST_SCHEMA_VERSION + 1}); this is Keyward ${version}`,
      )
      expect(run.stderr.split('\n')).toHaveLength(2)
    }
  },
)
