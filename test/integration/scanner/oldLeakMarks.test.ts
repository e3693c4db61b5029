// Leaked marks set before the vault recorded where a copy was (schema 7: a copy in a git-ignored .env
// marked its key leaked too). The upgrade to schema 8 flags the marks no exposed copy backs, and the
// next scan of the folder holding their copies settles each: kept when a copy is tracked, cleared when
// every copy is stored in git-ignored or untracked files. A real vault taken back to schema 7, real
// repositories, the app's scan service.
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ScanService } from '../../../main/scan-service/scanService'
import { createVault, openVault, type OpenVault } from '../../../main/vault/index'
import { byText } from '../../support/byText'
import { fakeKeys } from '../../support/fakeKeys'
import { GitRepository } from '../../support/gitRepository'
import { ManualClock } from '../../support/manualClock'
import { undoMigrationsTo, withClosedVaultDatabase } from '../../support/olderSchema'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'

const PASSWORD = 'correct horse battery'
const someone = { name: 'Ada Leaky', email: 'ada@example.invalid' }
const OLD_MARK = '2026-01-05T10:00:00.000Z'

let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let repository: GitRepository
let elsewhere: GitRepository
let vault: OpenVault | null = null
/** How many times the scan service told the app that keys' leaked marks may have moved. */
let leaksChanged = 0

beforeEach(() => {
  temp = makeTempDirectory('keyward-old-leaks-')
  vaultPath = join(temp.directory, 'vault.keyward')
  repository = GitRepository.create()
  elsewhere = GitRepository.create()
  leaksChanged = 0
})
afterEach(() => {
  vault?.close()
  vault = null
  repository.dispose()
  elsewhere.dispose()
  temp.cleanup()
})

const scanTree = async (folder: string) => {
  const scans = new ScanService({
    openVault: () => vault!,
    clock: new ManualClock(),
    keyTests: { testKey: () => Promise.reject(new Error('not in this test')) },
    testValue: () => Promise.reject(new Error('not in this test')),
    onLeaksChanged: () => leaksChanged++,
    threads: 1,
  })
  scans.rememberFolder(folder)
  scans.start(folder, { tree: true, index: false, history: false })
  await scans.settled()
  return scans.results()!
}

/** The vault's database as the Keyward before schema 8 would have left it, with these keys marked leaked on OLD_MARK. */
const asSchema7WithMarks = async (keyIds: string[]): Promise<void> => {
  vault!.close()
  vault = null
  await withClosedVaultDatabase(vaultPath, PASSWORD, (database) => {
    undoMigrationsTo(database, 7)
    const mark = database.prepare('UPDATE keys SET leaked_at = ? WHERE id = ?')
    for (const keyId of keyIds) mark.run(OLD_MARK, keyId)
    expect(database.pragma('user_version', { simple: true })).toBe(7)
  })
}

it('upgrading flags the old marks no exposed copy backs; the next scan of their folder clears the stored-only one and keeps the tracked one', async () => {
  vault = await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
  const storedOnly = vault.keys.add({ name: 'Clodura local', value: fakeKeys.clodura() })
  const alsoTracked = vault.keys.add({ name: 'Cloro deploy', value: fakeKeys.cloro() })
  const byHand = vault.keys.add({ name: 'Clodura by hand', value: fakeKeys.clodura() })
  const notRescanned = vault.keys.add({ name: 'Cloro elsewhere', value: fakeKeys.cloro() })
  const valueOf = (id: string) => vault!.keys.revealVersionValue(id, 1)

  repository.write('.gitignore', '.env\n').write('deploy.yml', `session: ${valueOf(alsoTracked.id)}\n`)
  repository.add('.gitignore', 'deploy.yml').commit('deploy', someone, '2024-06-01T00:00:00+00:00')
  repository.write('.env', `CLODURA_API_KEY=${valueOf(storedOnly.id)}\nCLORO_API_KEY=${valueOf(alsoTracked.id)}\n`)
  elsewhere.write('.gitignore', '.env\n').add('.gitignore').commit('ignore', someone, '2024-06-01T00:00:00+00:00')
  elsewhere.write('.env', `CLORO_API_KEY=${valueOf(notRescanned.id)}\n`)

  // The scans an older Keyward ran: their sightings stay as they were written, with no exposure.
  await scanTree(repository.root)
  await scanTree(elsewhere.root)
  await asSchema7WithMarks([storedOnly.id, alsoTracked.id, byHand.id, notRescanned.id])

  vault = await openVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
  expect(vault.scans.sightingsOf(storedOnly.id).map((sighting) => sighting.exposure)).toEqual(['unknown'])
  // The upgrade changes no mark by itself; a mark with no sighting at all (set by hand) is not flagged.
  expect(vault.scans.unverifiedLeaks().sort()).toEqual([storedOnly.id, alsoTracked.id, notRescanned.id].sort())
  for (const key of [storedOnly, alsoTracked, byHand, notRescanned])
    expect(vault.rotation.get(key.id).leakedAt).toBe(OLD_MARK)

  const report = await scanTree(repository.root)
  expect(report.findings.map((finding) => [finding.path, finding.exposure]).sort(byText)).toEqual([
    ['.env', 'stored'],
    ['.env', 'stored'],
    ['deploy.yml', 'exposed'],
  ])
  // Every copy of this one is in the git-ignored .env: stored here, not leaked.
  expect(vault.rotation.get(storedOnly.id).leakedAt).toBeNull()
  // The committed deploy.yml holds this one: leaked, since the first mark.
  expect(vault.rotation.get(alsoTracked.id).leakedAt).toBe(OLD_MARK)
  expect(vault.rotation.get(byHand.id).leakedAt).toBe(OLD_MARK)
  // Its only copy is in a folder not scanned again: it waits, still leaked.
  expect(vault.rotation.get(notRescanned.id).leakedAt).toBe(OLD_MARK)
  expect(vault.scans.unverifiedLeaks()).toEqual([notRescanned.id])
  expect(
    vault.scans
      .sightingsOf(alsoTracked.id)
      .map((sighting) => [sighting.path, sighting.exposure])
      .sort(byText),
  ).toEqual([
    ['.env', 'stored'],
    ['deploy.yml', 'exposed'],
  ])

  // This scan marks nothing leaked, it only clears an old mark: the app is told all the same.
  leaksChanged = 0
  await scanTree(elsewhere.root)
  expect(leaksChanged).toBe(1)
  expect(vault.rotation.get(notRescanned.id).leakedAt).toBeNull()
  expect(vault.scans.unverifiedLeaks()).toEqual([])
})

it('a flagged mark cleared and set again since is no longer the old one: a scan leaves it as it is', async () => {
  vault = await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
  const key = vault.keys.add({ name: 'Clodura local', value: fakeKeys.clodura() })
  repository.write('.gitignore', '.env\n').add('.gitignore').commit('ignore', someone, '2024-06-01T00:00:00+00:00')
  repository.write('.env', `CLODURA_API_KEY=${vault.keys.revealVersionValue(key.id, 1)}\n`)
  await scanTree(repository.root)
  await asSchema7WithMarks([key.id])

  vault = await openVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
  expect(vault.scans.unverifiedLeaks()).toEqual([key.id])
  // Cleared by the user, then marked again by hand: a new mark the scan has no say in.
  vault.rotation.clearLeaked(key.id)
  vault.rotation.markLeaked(key.id, new Date('2026-02-01T00:00:00.000Z'))

  leaksChanged = 0
  await scanTree(repository.root)
  expect(leaksChanged).toBe(0)
  expect(vault.rotation.get(key.id).leakedAt).toBe('2026-02-01T00:00:00.000Z')
  expect(vault.scans.unverifiedLeaks()).toEqual([])
})
