// Bad input never stops a scan: a missing folder is a clear error; a plain folder, a damaged object,
// invalid UTF-8, a 1 GB file and a symlink loop each give a clear problem while the rest is scanned.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startScan } from '../../../main/scanner/index'
import { isKeywardError } from '../../../main/common/errors'
import { GitRepository } from '../../support/gitRepository'
import { fakeKeys } from '../../support/fakeKeys'

const someone = { name: 'Someone', email: 'someone@example.invalid' }
const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!()
})

const tempFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'keyward-scan-bad-'))
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }))
  return folder
}
const repositoryForTest = () => {
  const repository = GitRepository.create()
  cleanups.push(() => repository.dispose())
  return repository
}

describe('bad input', () => {
  it('refuses a path that does not exist, saying so', async () => {
    const missing = join(tmpdir(), 'keyward-no-such-folder-', String(Date.now()))
    const error = await startScan({ root: missing }).catch((caught: unknown) => caught)
    expect(isKeywardError(error) && error.code).toBe('not_found')
    expect((error as Error).message).toContain('There is no folder at')
  })

  it('scans a plain folder as files, and says there is no history', async () => {
    const folder = tempFolder()
    const key = fakeKeys.airclouLive()
    writeFileSync(join(folder, 'settings.env'), `AIRCLOU_API_KEY=${key}\n`)
    mkdirSync(join(folder, 'node_modules'))
    writeFileSync(join(folder, 'node_modules', 'dep.js'), `module.exports = '${fakeKeys.airclouLive()}'\n`)
    const report = await startScan({ root: folder })
    expect(report.repository).toBeNull()
    expect(report.findings.map((finding) => [finding.location.kind, finding.location.path, finding.ruleId])).toEqual([
      ['tree', 'settings.env', 'airclou-api-key'],
    ])
    expect(report.skipped.directories).toBe(1)
    expect(report.problems.map((problem) => problem.code)).toEqual(['not_a_repository'])
  })

  it('goes on past a missing object, naming it', async () => {
    const repository = repositoryForTest()
    const kept = fakeKeys.clipiaLive()
    repository.write('lost.txt', 'nothing to see\n').write('kept.env', `CLIPIA_KEY=${kept}\n`)
    repository.commit('two files', someone, '2024-05-01T00:00:00+00:00', { all: true })
    const lost = repository.blobId('HEAD', 'lost.txt')
    rmSync(repository.objectPath(lost))
    const report = await startScan({ root: repository.root, scopes: { tree: false, index: false, history: true } })
    expect(report.findings.map((finding) => finding.location.path)).toEqual(['kept.env'])
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'missing_object', subject: lost }))
  })

  it('goes on past an object git cannot read', async () => {
    const repository = repositoryForTest()
    const kept = fakeKeys.clipiaLive()
    repository.write('damaged.txt', 'this blob will be damaged\n').write('kept.env', `CLIPIA_KEY=${kept}\n`)
    repository.commit('two files', someone, '2024-05-01T00:00:00+00:00', { all: true })
    const damaged = repository.blobId('HEAD', 'damaged.txt')
    const path = repository.objectPath(damaged)
    rmSync(path, { force: true })
    writeFileSync(path, Buffer.from('x\u0001not zlib at all'))
    const report = await startScan({ root: repository.root, scopes: { tree: false, index: false, history: true } })
    expect(report.findings.map((finding) => finding.location.path)).toEqual(['kept.env'])
    expect(report.problems, JSON.stringify(report.problems)).toContainEqual(
      expect.objectContaining({ subject: expect.stringContaining(damaged) }),
    )
  })

  it('goes on past a missing tree, and still finds what the rest of the history holds', async () => {
    const repository = repositoryForTest()
    const kept = fakeKeys.clipiaLive()
    repository.write('kept.env', `CLIPIA_KEY=${kept}\n`).write('gone/notes.txt', 'nothing here\n')
    repository.commit('two files', someone, '2024-05-01T00:00:00+00:00', { all: true })
    repository.write('more.txt', 'more\n').commit('one more', someone, '2024-05-02T00:00:00+00:00', { all: true })
    // The folder's tree is gone: the walk over the commits stops at the first commit that holds it, and
    // the blobs it had not named yet (kept.env) are listed another way.
    const lost = repository.git('rev-parse', 'HEAD:gone').trim()
    rmSync(repository.objectPath(lost))
    const report = await startScan({ root: repository.root, scopes: { tree: false, index: false, history: true } })
    expect(report.findings.map((finding) => finding.location.path)).toEqual(['kept.env'])
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'git_failed', message: expect.stringContaining(`unable to read tree ${lost}`) }),
    ])
    expect(report.stats.commits).toBe(2)
  })

  it('scans a file that is not valid UTF-8 and says so', async () => {
    const folder = tempFolder()
    const key = fakeKeys.clipiaTest()
    writeFileSync(
      join(folder, 'latin1.txt'),
      Buffer.concat([Buffer.from('caf\xe9 ', 'latin1'), Buffer.from(`CLIPIA_KEY=${key}\n`)]),
    )
    const report = await startScan({ root: folder })
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]).toMatchObject({
      ruleId: 'clipia-api-key',
      environment: 'test',
      location: { line: 1, column: 17 },
    })
    expect(report.findings[0]!.snippet).toBe(`caf\ufffd CLIPIA_KEY=clipia_test_••••${key.slice(-4)}`)
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'invalid_utf8', subject: 'latin1.txt' }))
  })

  it('skips a 1 GB file, counted and named, and scans the rest', async () => {
    const folder = tempFolder()
    const descriptor = openSync(join(folder, 'huge.log'), 'w')
    ftruncateSync(descriptor, 1024 * 1024 * 1024)
    closeSync(descriptor)
    writeFileSync(join(folder, 'small.env'), `AIRCLOU_API_KEY=${fakeKeys.airclouTest()}\n`)
    const report = await startScan({ root: folder })
    expect(report.findings.map((finding) => finding.location.path)).toEqual(['small.env'])
    expect(report.skipped.large).toBe(1)
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'too_large', subject: 'huge.log' }))
  })

  it('does not follow a symlink loop, and names it', async () => {
    const folder = tempFolder()
    symlinkSync(join(folder, 'loop-a'), join(folder, 'loop-b'))
    symlinkSync(join(folder, 'loop-b'), join(folder, 'loop-a'))
    symlinkSync(folder, join(folder, 'self'))
    writeFileSync(join(folder, 'real.env'), `AIRCLOU_API_KEY=${fakeKeys.airclouLive()}\n`)
    const report = await startScan({ root: folder })
    expect(report.findings.map((finding) => finding.location.path)).toEqual(['real.env'])
    expect(
      report.problems
        .filter((problem) => problem.code === 'symlink_loop')
        .map((problem) => problem.subject)
        .sort(),
    ).toEqual(['loop-a', 'loop-b'])
    expect(report.skipped.symlinks).toBe(3)
  })

  it('stops when canceled and says it was', async () => {
    const repository = repositoryForTest()
    for (let index = 0; index < 40; index++)
      repository.write(`file-${index}.txt`, `${'line of text\n'.repeat(2000)}${index}\n`)
    repository.commit('many files', someone, '2024-05-01T00:00:00+00:00', { all: true })
    const controller = new AbortController()
    const progress: number[] = []
    const report = await startScan({
      root: repository.root,
      signal: controller.signal,
      onProgress: (update) => {
        progress.push(update.files)
        controller.abort()
      },
    })
    expect(report.canceled).toBe(true)
    expect(progress.length).toBeGreaterThan(0)
  })
})
