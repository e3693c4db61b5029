// `keyward backup`, `keyward backup list` and `keyward restore` run in-process on real vault files:
// a backup in the folder beside the vault, the last N kept, a dry run that lists what would change
// and changes nothing, a restore that brings keys back and says how to undo it, refusals with
// their reasons, and never a value in any output.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import { backupsFolderFor } from '../../../main/vault/backups/backups'
import { createVault, headerPathFor, openVault } from '../../../main/vault/index'
import { LATEST_SCHEMA_VERSION } from '../../../main/vault/file/migrations'
import { fakeKeys } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { fakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'
import { fileFingerprint as fingerprint } from '../../support/fileFingerprint'

const PASSWORD = 'correct horse battery'
const DAY = 24 * 60 * 60 * 1000

let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let passwordFile: string
let clock: ManualClock
let secrets: string[]
let outputs: string[]

beforeEach(() => {
  temp = makeTempDirectory('keyward-cli-backup-')
  vaultPath = join(temp.directory, 'vault.keyward')
  passwordFile = join(temp.directory, 'password')
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 })
  clock = new ManualClock(Date.UTC(2026, 4, 1, 10, 0, 0))
  secrets = [PASSWORD]
  outputs = []
})
afterEach(() => {
  for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret)
  temp.cleanup()
})

const planted = (value: string): string => {
  secrets.push(value)
  return value
}

const run = async (argv: string[], options: FakeIoOptions = {}) => {
  const io = fakeIo({ cwd: temp.directory, ...options })
  const exitCode = await runCli(argv, io, { kdfCost: TEST_KDF_COST, clock })
  const result = { exitCode, stdout: io.out(), stderr: io.err() }
  outputs.push(result.stdout, result.stderr)
  return result
}
const withVault = (path = vaultPath) => ['--vault', path, '--password-file', passwordFile]

const makeVault = async (names: string[], path = vaultPath) => {
  const vault = await createVault(path, PASSWORD, { kdfCost: TEST_KDF_COST })
  for (const name of names) vault.keys.add({ name, value: planted(fakeKeys.clipiaLive()) })
  vault.close()
}

const keyNames = async (path = vaultPath): Promise<string[]> => {
  const vault = await openVault(path, PASSWORD, { kdfCost: TEST_KDF_COST })
  try {
    return vault.keys.list().keys.map((key) => key.name)
  } finally {
    vault.close()
  }
}

describe('keyward backup', () => {
  it('copies the vault into the backups folder beside it and lists it', async () => {
    await makeVault(['alpha'])
    const made = await run(['backup', ...withVault()])
    expect(made.exitCode, made.stderr).toBe(0)
    const name = `vault.keyward.2026-05-01T10-00-00-000Z.manual.keyward-backup`
    expect(made.stdout).toContain(`Backed up the vault to ${join(backupsFolderFor(vaultPath), name)} (`)
    expect(made.stdout).toContain('opens with the master password the vault has now')
    expect(readdirSync(backupsFolderFor(vaultPath))).toEqual([name])

    // Listing needs no password.
    const listed = await run(['backup', 'list', '--vault', vaultPath])
    expect(listed.exitCode, listed.stderr).toBe(0)
    expect(listed.stdout).toContain(`Backups of ${vaultPath} in ${backupsFolderFor(vaultPath)}, newest first:`)
    expect(listed.stdout).toMatch(/MADE\s+REASON\s+SCHEMA\s+SIZE\s+FILE/)
    expect(listed.stdout).toMatch(
      new RegExp(
        `2026-05-01 10:00:00 UTC\\s+manual\\s+${LATEST_SCHEMA_VERSION}\\s+[\\d.]+ KB\\s+${name.replace(/\./g, '\\.')}`,
      ),
    )

    const json = await run(['backup', 'list', '--json', '--vault', vaultPath])
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        name,
        reason: 'manual',
        schemaVersion: LATEST_SCHEMA_VERSION,
        createdAt: '2026-05-01T10:00:00.000Z',
        problem: null,
      }),
    ])
  })

  it('keeps the last N with --keep, saying how many older ones went', async () => {
    await makeVault(['alpha'])
    for (let day = 0; day < 3; day += 1) {
      expect((await run(['backup', ...withVault()])).exitCode).toBe(0)
      clock.advance(DAY)
    }
    const made = await run(['backup', '--keep', '2', ...withVault()])
    expect(made.exitCode, made.stderr).toBe(0)
    expect(made.stdout).toContain('Removed 2 older backups (keeping the last 2).')
    expect(readdirSync(backupsFolderFor(vaultPath)).sort()).toEqual([
      'vault.keyward.2026-05-03T10-00-00-000Z.manual.keyward-backup',
      'vault.keyward.2026-05-04T10-00-00-000Z.manual.keyward-backup',
    ])
  })

  it('refuses --keep that is not a whole number from 1, as a usage error', async () => {
    await makeVault(['alpha'])
    for (const keep of ['0', '-1', 'ten', '2.5']) {
      const result = await run(['backup', '--keep', keep, ...withVault()])
      expect(result.exitCode).toBe(2)
      expect(result.stderr).toContain('give a whole number from 1 to 1000')
    }
    expect(existsSync(backupsFolderFor(vaultPath))).toBe(false)
  })

  it('says when there is no vault, or no backup yet', async () => {
    const backup = await run(['backup', ...withVault()])
    expect(backup.exitCode).toBe(1)
    expect(backup.stderr).toMatch(/^keyward: No vault at .*keyward init/)
    const listed = await run(['backup', 'list', '--vault', vaultPath])
    expect(listed.stdout).toBe(`No backups of ${vaultPath} yet. Make one with: keyward backup\n`)
  })

  it('refuses a wrong master password', async () => {
    await makeVault(['alpha'])
    writeFileSync(passwordFile, 'not the password\n')
    const result = await run(['backup', ...withVault()])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(/^keyward: Wrong master password/)
    expect(existsSync(backupsFolderFor(vaultPath))).toBe(false)
  })
})

describe('keyward restore', () => {
  /** A vault backed up, then changed: beta deleted, alpha given a new value, delta added. */
  const setUp = async () => {
    await makeVault(['alpha', 'beta', 'gamma'])
    await run(['backup', ...withVault()])
    clock.advance(DAY)
    const vault = await openVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
    vault.keys.delete(vault.keys.findByName('beta')!.id)
    vault.keys.update(vault.keys.findByName('alpha')!.id, { value: planted(fakeKeys.clipiaLive()) })
    vault.keys.add({ name: 'delta', value: planted(fakeKeys.cloro()) })
    vault.close()
    return readdirSync(backupsFolderFor(vaultPath))[0]!
  }

  it('with --dry-run lists what would change by name and version count, and changes nothing', async () => {
    const name = await setUp()
    const before = [vaultPath, headerPathFor(vaultPath)].map(fingerprint)
    const result = await run(['restore', name, '--dry-run', ...withVault()])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toBe(
      `Backup:  ${name} (manual, made 2026-05-01 10:00:00 UTC, schema ${LATEST_SCHEMA_VERSION})\n` +
        `Vault:   ${vaultPath} (schema ${LATEST_SCHEMA_VERSION}, 3 keys)\n` +
        'Restoring it would:\n' +
        '  bring back  "beta" (1 version)\n' +
        '  remove      "delta" (1 version)\n' +
        '  change      "alpha" (2 versions now, 1 in the backup)\n' +
        '  keep        1 other key as it is\n' +
        'Afterwards the vault opens with its current master password.\n' +
        'Dry run: nothing was changed.\n',
    )
    expect([vaultPath, headerPathFor(vaultPath)].map(fingerprint)).toEqual(before)
    expect(readdirSync(backupsFolderFor(vaultPath))).toEqual([name])
  })

  it('brings the backup back, keeps the vault as it was in a before-restore backup, and can be undone', async () => {
    const name = await setUp()
    const result = await run(['restore', join(backupsFolderFor(vaultPath), name), '--yes', ...withVault()])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toContain(`Restored ${vaultPath} from ${name}.\n`)
    expect(result.stdout).toContain('  brought back "beta" (1 version)\n')
    expect(result.stdout).toContain('The vault opens with its current master password.\n')
    const safety = 'vault.keyward.2026-05-02T10-00-00-000Z.before-restore.keyward-backup'
    expect(result.stdout).toContain(
      `The vault as it was is in ${join(backupsFolderFor(vaultPath), safety)}; restore that to undo.\n`,
    )
    expect(await keyNames()).toEqual(['alpha', 'beta', 'gamma'])

    clock.advance(DAY)
    const undo = await run(['restore', safety, '--yes', ...withVault()])
    expect(undo.exitCode, undo.stderr).toBe(0)
    expect(await keyNames()).toEqual(['alpha', 'delta', 'gamma'])
  })

  it('needs --force for a backup of another vault, and says so', async () => {
    await makeVault(['ours'])
    const otherPath = join(temp.directory, 'other', 'vault.keyward')
    await makeVault(['theirs'], otherPath)
    await run(['backup', ...withVault(otherPath)])
    const theirs = join(backupsFolderFor(otherPath), readdirSync(backupsFolderFor(otherPath))[0]!)

    const dryRun = await run(['restore', theirs, '--dry-run', ...withVault()])
    expect(dryRun.exitCode).toBe(0)
    expect(dryRun.stdout).toContain('This restore needs --force: This backup is of another vault')

    const refused = await run(['restore', theirs, '--yes', ...withVault()])
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toMatch(
      /^keyward: This backup is of another vault \(vault id [0-9a-f-]+\) than the one at .*add --force if that is what you want\. Nothing was changed\.\n$/,
    )
    expect(await keyNames()).toEqual(['ours'])

    const forced = await run(['restore', theirs, '--force', '--yes', ...withVault()])
    expect(forced.exitCode, forced.stderr).toBe(0)
    expect(await keyNames()).toEqual(['theirs'])
  })

  it('refuses a wrong password for the backup, a damaged backup and a missing one, each in words', async () => {
    const name = await setUp()
    const path = join(backupsFolderFor(vaultPath), name)
    writeFileSync(passwordFile, 'not the password\n')
    const wrong = await run(['restore', name, '--yes', ...withVault()])
    expect(wrong.exitCode).toBe(1)
    expect(wrong.stderr).toMatch(
      /^keyward: Wrong master password for this backup\. A backup opens with the master password the vault had when the backup was made\./,
    )
    writeFileSync(passwordFile, `${PASSWORD}\n`)

    const bytes = readFileSync(path)
    writeFileSync(path, bytes.subarray(0, bytes.length - 100))
    const truncated = await run(['restore', name, '--yes', ...withVault()])
    expect(truncated.exitCode).toBe(1)
    expect(truncated.stderr).toMatch(
      /^keyward: The backup .* is truncated: it holds \d+ of the \d+ bytes it was written with\. Nothing was changed; choose another backup\.\n$/,
    )

    // A missing backup is named before any password is asked for (there is no terminal here to ask on).
    const missing = await run(['restore', 'no-such.keyward-backup', '--vault', vaultPath])
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toBe(
      `keyward: There is no backup at ${join(temp.directory, 'no-such.keyward-backup')}. List the backups with "keyward backup list".\n`,
    )
    expect(await keyNames()).toEqual(['alpha', 'delta', 'gamma'])
  })

  it('names a damaged backup in the list', async () => {
    const name = await setUp()
    writeFileSync(join(backupsFolderFor(vaultPath), name), 'garbage')
    const listed = await run(['backup', 'list', '--vault', vaultPath])
    expect(listed.stdout).toMatch(/manual\s+damaged/)
    expect(listed.stdout).toContain(
      `${name}: ${join(backupsFolderFor(vaultPath), name)} is not a Keyward backup that can be read`,
    )
  })
})
