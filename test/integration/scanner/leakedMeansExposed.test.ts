// The app's scan on a real vault and a real repository: a vault key is marked leaked for a copy others
// can read, not for one in a git-ignored local file, and setting findings aside clears the mark only
// once no exposed finding of the key is left (a stored copy does not hold it).
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ScanService } from '../../../main/scan-service/scanService'
import { createVault, type OpenVault } from '../../../main/vault/index'
import { fakeKeys } from '../../support/fakeKeys'
import { GitRepository } from '../../support/gitRepository'
import { ManualClock } from '../../support/manualClock'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { byText } from '../../support/byText'

const someone = { name: 'Ada Leaky', email: 'ada@example.invalid' }

let temp: ReturnType<typeof makeTempDirectory>
let repository: GitRepository
let vault: OpenVault

beforeEach(async () => {
  temp = makeTempDirectory('keyward-leaked-')
  repository = GitRepository.create()
  vault = await createVault(join(temp.directory, 'vault.keyward'), 'correct horse battery', { kdfCost: TEST_KDF_COST })
})
afterEach(() => {
  vault.close()
  repository.dispose()
  temp.cleanup()
})

const serviceOn = () =>
  new ScanService({
    openVault: () => vault,
    clock: new ManualClock(),
    keyTests: { testKey: () => Promise.reject(new Error('not in this test')) },
    testValue: () => Promise.reject(new Error('not in this test')),
    threads: 1,
  })

it('clears a leaked mark when the last exposed finding is set aside, though the key stays stored in a git-ignored .env; setting it back marks it again', async () => {
  const value = fakeKeys.clodura()
  const key = vault.keys.add({ name: 'Clodura prod', value })
  repository.write('.gitignore', '.env\n').write('deploy.yml', `session: ${value}\n`).add('.gitignore', 'deploy.yml')
  repository.commit('deploy', someone, '2024-06-01T00:00:00+00:00')
  repository.write('.env', `CLODURA_API_KEY=${value}\n`)

  const scans = serviceOn()
  scans.rememberFolder(repository.root)
  scans.start(repository.root, { tree: true, index: false, history: false })
  await scans.settled()
  const findings = scans.results()!.findings
  expect(findings.map((finding) => [finding.path, finding.exposure]).sort(byText)).toEqual([
    ['.env', 'stored'],
    ['deploy.yml', 'exposed'],
  ])
  expect(vault.rotation.get(key.id).leakedAt).not.toBeNull()

  const exposed = findings.find((finding) => finding.path === 'deploy.yml')!
  scans.ignore(exposed.fingerprint, 'false_positive')
  expect(vault.rotation.get(key.id).leakedAt).toBeNull()

  scans.unignore(exposed.fingerprint)
  expect(vault.rotation.get(key.id).leakedAt).not.toBeNull()

  // Setting the stored one aside instead leaves the mark: the committed copy still holds it.
  scans.ignore(findings.find((finding) => finding.path === '.env')!.fingerprint, 'accepted')
  expect(vault.rotation.get(key.id).leakedAt).not.toBeNull()
})
