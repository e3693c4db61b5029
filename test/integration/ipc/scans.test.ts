// Scanning from the app through the bridge: the real handlers on a real vault, a real git repository
// in a temp folder, the scanner's real worker threads, and the provider simulator for "still live?".
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ScanRunStatus } from '#contract'
import { startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { GitRepository } from '../../support/gitRepository'
import { MASTER_PASSWORD, useIpcWorld } from '../../support/ipcWorld'
import { pointAtSimulator } from '../../support/pointAtSimulator'

const author = { name: 'Dana Dev', email: 'dana@example.invalid' }
const ALL = { tree: true, index: true, history: true }

let simulator: ProviderSimulator
let repository: GitRepository

beforeAll(async () => {
  simulator = await startProviderSimulator()
})
afterAll(async () => {
  await simulator.close()
})
const world = useIpcWorld({
  startsAt: '2026-11-01T09:00:00Z',
  createVault: true,
  services: () => ({ scanThreads: 2 }),
})
const { call, callError } = world

beforeEach(async () => {
  await pointAtSimulator(world, simulator, 'airclou')
  repository = GitRepository.create()
})
afterEach(() => repository.dispose())

const finishScan = async (): Promise<ScanRunStatus> => {
  for (let attempt = 0; attempt < 600; attempt++) {
    const status = await call('getScanRun')
    if (status && status.state !== 'running') return status
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the scan did not finish in 30 s')
}

const chooseRepository = async (): Promise<string> => {
  world.dialogs.answerNext(repository.root)
  const chosen = await call('chooseScanFolder')
  if (chosen.canceled) throw new Error('the scripted dialog was canceled')
  return chosen.folder
}

describe('scanning a folder from the app', () => {
  it('finds a vault key committed and deleted, marks it leaked, keeps where it was seen, and never answers its value', async () => {
    const value = fakeKeys.clodura()
    const key = await call('addKey', { name: 'Clodura prod', value, provider: 'clodura', environment: 'live' })
    repository.write('.env', `CLODURA_KEY=${value}\n`).add()
    const introduced = repository.commit('add env', author, '2026-10-01T10:00:00Z')
    repository.remove('.env').add()
    repository.commit('remove env', author, '2026-10-02T10:00:00Z')

    const folder = await chooseRepository()
    expect(await call('listScanFolders')).toEqual([{ folder, shown: folder }])
    const started = await call('startScan', { folder, scopes: ALL })
    expect(started).toMatchObject({ state: 'running', folder })
    const status = await finishScan()
    expect(status).toMatchObject({ state: 'finished', phase: 'done', error: null })
    expect(status.blobs).toBeGreaterThan(0)

    const results = await call('getScanResults')
    expect(results).not.toBeNull()
    expect(results!.leakedKeys).toBe(1)
    const [finding, ...rest] = results!.findings
    expect(rest).toEqual([])
    expect(finding).toMatchObject({
      kind: 'history',
      path: '.env',
      line: 1,
      commit: introduced,
      author: 'Dana Dev <dana@example.invalid>',
      inHead: false,
      vaultKey: { keyId: key.id, keyName: 'Clodura prod', current: true },
      suppressed: null,
    })
    expect(JSON.stringify(results)).not.toContain(value)

    const overview = await call('getRotationOverview')
    expect(overview.keys.find((entry) => entry.keyId === key.id)?.state).toBe('leaked')
    expect(world.rotationChanges).toBeGreaterThan(0)
    expect(await call('listKeySightings', { id: key.id })).toEqual([
      expect.objectContaining({
        version: 1,
        folder,
        kind: 'history',
        path: '.env',
        line: 1,
        commit: introduced,
        inHead: false,
        exposure: 'exposed',
      }),
    ])
  })

  it('says which places exposed a key and which only store it in a local file git does not keep', async () => {
    const value = fakeKeys.clodura()
    const key = await call('addKey', { name: 'Clodura prod', value, provider: 'clodura', environment: 'live' })
    repository.write('.gitignore', '.env\n').write('deploy/settings.yml', `token: ${value}\n`).add()
    repository.commit('deploy settings', author, '2026-10-01T10:00:00Z')
    repository.write('.env', `CLODURA_KEY=${value}\n`)

    const folder = await chooseRepository()
    await call('startScan', { folder, scopes: { tree: true, index: false, history: false } })
    expect(await finishScan()).toMatchObject({ state: 'finished', error: null })
    const sightings = await call('listKeySightings', { id: key.id })
    expect(sightings.map(({ path, kind, exposure }) => ({ path, kind, exposure }))).toEqual([
      { path: 'deploy/settings.yml', kind: 'tree', exposure: 'exposed' },
      { path: '.env', kind: 'tree', exposure: 'stored' },
    ])
    expect(JSON.stringify(sightings)).not.toContain(value)
    // The tracked copy marks the key leaked; the stored one alone would not have.
    const overview = await call('getRotationOverview')
    expect(overview.keys.find((entry) => entry.keyId === key.id)?.state).toBe('leaked')
  })

  it('scans only folders the user chose in the dialog, and says so', async () => {
    expect(await callError('startScan', { folder: repository.root, scopes: ALL })).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('Choose the folder'),
    })
    expect(
      await callError('startScan', { folder: repository.root, scopes: { tree: false, index: false, history: false } }),
    ).toMatchObject({
      code: 'invalid_argument',
    })
    world.dialogs.answerNext(null)
    expect(await call('chooseScanFolder')).toEqual({ canceled: true })
    expect(await call('getScanRun')).toBeNull()
    expect(await call('getScanResults')).toBeNull()
  })

  it('copies the full path of the file a finding is in, from its own record of the scan', async () => {
    const awsKey = 'AKIA' + 'Q3EGRTZ5KXW7PLMN'
    repository.write('deploy/run.sh', `export AWS_ACCESS_KEY_ID=${awsKey}\n`).add()
    repository.commit('deploy script', author, '2026-10-03T10:00:00Z')
    const folder = await chooseRepository()
    expect(await callError('copyScanFindingPath', { fingerprint: 'f'.repeat(32) })).toMatchObject({ code: 'not_found' })
    await call('startScan', { folder, scopes: { tree: true, index: false, history: false } })
    await finishScan()
    const [finding] = (await call('getScanResults'))!.findings
    expect(finding).toMatchObject({ path: 'deploy/run.sh' })
    expect(await call('copyScanFindingPath', { fingerprint: finding!.fingerprint })).toEqual({
      shown: join(folder, 'deploy', 'run.sh'),
    })
    expect(world.clipboard.text).toBe(join(folder, 'deploy', 'run.sh'))
    expect(await callError('copyScanFindingPath', { fingerprint: 'f'.repeat(32) })).toMatchObject({ code: 'not_found' })
  })

  it('keeps a finding ignored across scans (stable fingerprints), and takes it back on request', async () => {
    const awsKey = 'AKIA' + 'Q3EGRTZ5KXW7PLMN'
    repository.write('deploy.sh', `export AWS_ACCESS_KEY_ID=${awsKey}\n`).add()
    repository.commit('deploy script', author, '2026-10-03T10:00:00Z')
    const folder = await chooseRepository()
    await call('startScan', { folder, scopes: { tree: true, index: false, history: false } })
    await finishScan()
    const first = (await call('getScanResults'))!.findings
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ ruleId: expect.stringContaining('aws'), path: 'deploy.sh', vaultKey: null })
    expect(await callError('testScanFinding', { fingerprint: first[0]!.fingerprint })).toMatchObject({
      code: 'not_testable',
    })

    const ignored = await call('ignoreScanFinding', { fingerprint: first[0]!.fingerprint, reason: 'accepted' })
    expect(ignored.findings).toEqual([
      expect.objectContaining({ fingerprint: first[0]!.fingerprint, suppressed: 'accepted' }),
    ])

    await call('startScan', { folder, scopes: { tree: true, index: false, history: false } })
    await finishScan()
    expect((await call('getScanResults'))!.findings).toEqual([
      expect.objectContaining({ fingerprint: first[0]!.fingerprint, suppressed: 'accepted' }),
    ])

    const back = await call('unignoreScanFinding', { fingerprint: first[0]!.fingerprint })
    expect(back.findings).toEqual([expect.objectContaining({ suppressed: null })])
    expect(
      await callError('ignoreScanFinding', { fingerprint: 'f'.repeat(32), reason: 'false_positive' }),
    ).toMatchObject({ code: 'not_found' })
    expect(await callError('ignoreScanFinding', { fingerprint: 'not hex', reason: 'false_positive' })).toMatchObject({
      code: 'invalid_argument',
    })
  })

  it('tests the exact value that leaked: an older version said revoked, the current one live', async () => {
    const oldValue = fakeKeys.airclouLive()
    const newValue = fakeKeys.airclouLive()
    simulator.registerKey('airclou', { value: newValue })
    const key = await call('addKey', { name: 'Airclou prod', value: oldValue, provider: 'airclou' })
    await call('updateKey', { id: key.id, changes: { value: newValue } })
    repository
      .write('config/old.yml', `airclou_key: "${oldValue}"\n`)
      .write('config/new.yml', `airclou_key: "${newValue}"\n`)
      .add()
    repository.commit('config', author, '2026-10-03T10:00:00Z')

    const folder = await chooseRepository()
    await call('startScan', { folder, scopes: { tree: true, index: false, history: false } })
    await finishScan()
    const findings = (await call('getScanResults'))!.findings
    const old = findings.find((finding) => finding.path === 'config/old.yml')!
    const current = findings.find((finding) => finding.path === 'config/new.yml')!
    expect(old.vaultKey).toMatchObject({ keyId: key.id, version: 1, current: false })
    expect(current.vaultKey).toMatchObject({ keyId: key.id, version: 2, current: true })

    expect(await call('testScanFinding', { fingerprint: old.fingerprint })).toMatchObject({
      keyVersion: 1,
      current: false,
      outcome: 'invalid',
    })
    expect(await call('testScanFinding', { fingerprint: current.fingerprint })).toMatchObject({
      keyVersion: 2,
      current: true,
      outcome: 'valid',
    })
    // Only the current value's test is the key's last test.
    expect((await call('getKey', { id: key.id })).lastTest?.outcome).toBe('valid')
  })

  it('cancels a running scan, refuses a second one while it runs, and forgets everything on lock', async () => {
    for (let index = 0; index < 40; index++) {
      repository.write(`src/file${index}.js`, `const value${index} = ${index}\n`.repeat(2000))
      repository.commit(`commit ${index}`, author, `2026-10-03T10:${String(index).padStart(2, '0')}:00Z`, { all: true })
    }
    const folder = await chooseRepository()
    await call('startScan', { folder, scopes: ALL })
    expect(await callError('startScan', { folder, scopes: ALL })).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('still running'),
    })
    expect((await call('cancelScan'))?.state).toBe('canceled')
    expect((await finishScan()).state).toBe('canceled')
    await world.services.scans.settled()
    // The scanner itself stopped (its report says so), not only the status shown.
    expect((await call('getScanResults'))?.canceled).toBe(true)

    await call('startScan', { folder, scopes: { tree: true, index: false, history: false } })
    await finishScan()
    expect(await call('getScanResults')).not.toBeNull()
    await call('lockVault')
    expect(await callError('getScanResults')).toMatchObject({ code: 'vault_locked' })
    await call('unlockVault', { password: MASTER_PASSWORD })
    expect(await call('getScanResults')).toBeNull()
    expect(await call('listScanFolders')).toEqual([{ folder, shown: folder }])
  })

  it('says clearly when a chosen folder has gone', async () => {
    const folder = await chooseRepository()
    repository.dispose()
    expect(await callError('startScan', { folder, scopes: ALL })).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no folder'),
    })
  })
})
