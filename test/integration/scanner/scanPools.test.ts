// A small scan without history runs in this thread, a large one or one with history on worker threads,
// and both find the same.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { InThreadPool } from '../../../main/scanner/inThreadPool'
import { IN_THREAD_MAX_ITEMS, ScanPools } from '../../../main/scanner/scanPools'
import { prepareScanSetup } from '../../../main/scanner/scanSetup'
import { ScanWorkerPool, type PoolJob } from '../../../main/scanner/workerPool'
import { fakeKeys } from '../../support/fakeKeys'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

const poolsForTest = () => {
  const { init } = prepareScanSetup([], new Uint8Array(32).fill(1), 1024 * 1024, null)
  const pools = new ScanPools(2, init)
  cleanups.push(() => pools.close())
  return pools
}

describe('scan pools', () => {
  it('scans a few thousand files in this thread, more on workers, and everything on the workers once started', async () => {
    const small = poolsForTest()
    expect(await small.forItems(IN_THREAD_MAX_ITEMS)).toBeInstanceOf(InThreadPool)
    expect(await small.forItems(IN_THREAD_MAX_ITEMS + 1)).toBeInstanceOf(ScanWorkerPool)
    const history = poolsForTest()
    history.workers()
    expect(await history.forItems(1)).toBeInstanceOf(ScanWorkerPool)
  })

  it('finds the same in this thread as on a worker', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'keyward-scan-pools-'))
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }))
    writeFileSync(join(folder, 'deploy.env'), `AIRCLOU_API_KEY=${fakeKeys.airclouLive()}\n`)
    writeFileSync(join(folder, 'notes.txt'), 'nothing here\n')
    const job: PoolJob = {
      type: 'files',
      realBase: folder,
      realRoot: folder,
      files: ['deploy.env', 'notes.txt'].map((path) => ({ path, absolutePath: join(folder, path) })),
    }
    const inThread = await poolsForTest().forItems(2)
    const onWorker = poolsForTest().workers()
    const [here, there] = await Promise.all([inThread.run(job, 2), onWorker.run(job, 2)])
    expect(here.summary).toEqual({ items: 2, bytes: expect.any(Number), binary: 0, large: 0, symlinks: 0, other: 0 })
    expect(here.results.map((result) => [result.path, result.hits.map((hit) => hit.ruleId)])).toEqual([
      ['deploy.env', ['airclou-api-key']],
    ])
    expect(here).toEqual(there)
  })
})
