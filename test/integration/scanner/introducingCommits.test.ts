// The scanner ties each history finding to the commit that introduced it: a key added and removed on a
// branch merged then deleted, a blob at several paths (each with its own commit), a blob found after
// the commit walk started, a key first written by a merge's hand-made conflict fix.
import { describe, expect, it } from 'vitest'
import { startScan, type ScanReport } from '../../../main/scanner/index'
import { GitRepository } from '../../support/gitRepository'
import { alice, bob, carol } from '../../support/gitAuthors'
import { fakeKeys } from '../../support/fakeKeys'
import { byText } from '../../support/byText'

describe('introducing commits', () => {
  it('finds the commit of a key added and removed on a branch that was merged and then deleted', async () => {
    const merged = GitRepository.create()
    try {
      const key = fakeKeys.airclouLive()
      merged.write('README.md', '# Demo\n')
      merged.commit('Start', alice, '2024-01-01T10:00:00+00:00', { all: true })
      merged.git('checkout', '-q', '-b', 'side')
      merged.write('deploy.env', `AIRCLOU_API_KEY=${key}\n`)
      const added = merged.commit('Add deploy settings', bob, '2024-01-02T10:00:00+00:00', { all: true })
      merged.remove('deploy.env')
      merged.commit('Drop deploy settings', bob, '2024-01-03T10:00:00+00:00', { all: true })
      merged.git('checkout', '-q', 'main')
      merged.write('CHANGES.md', 'Nothing yet\n')
      merged.commit('Changes', alice, '2024-01-04T10:00:00+00:00', { all: true })
      merged.git('-c', 'user.name=Alice', '-c', 'user.email=alice@example.invalid', 'merge', '-q', '--no-edit', 'side')
      merged.git('branch', '-q', '-D', 'side')
      // Reached only through the merge's second parent, and the merge leaves deploy.env as main had it.
      const report = await startScan({ root: merged.root, scopes: { tree: false, index: false, history: true } })
      expect(
        report.findings.map((finding) => [finding.location.path, finding.location.commit, finding.location.author]),
      ).toEqual([['deploy.env', added, `${bob.name} <${bob.email}>`]])
      expect(report.stats.commits).toBe(5)
    } finally {
      merged.dispose()
    }
  })

  it('reports a blob at several paths at each path, each with the commit that put it there', async () => {
    const copies = GitRepository.create()
    try {
      // One blob (the same bytes) at three paths, brought in by three commits; the listing names it at one.
      const settings = `AIRCLOU_API_KEY=${fakeKeys.airclouLive()}\n`
      copies.write('README.md', '# Demo\n')
      copies.commit('Start', alice, '2024-01-01T10:00:00+00:00', { all: true })
      copies.write('deploy/a.env', settings)
      const first = copies.commit('Add a', alice, '2024-01-02T10:00:00+00:00', { all: true })
      copies.write('deploy/b.env', settings)
      const second = copies.commit('Add b', bob, '2024-01-03T10:00:00+00:00', { all: true })
      copies.write('kept "quoted"\tname.env', settings)
      const third = copies.commit('Add a third', carol, '2024-01-04T10:00:00+00:00', { all: true })
      copies.remove('deploy/a.env').remove('deploy/b.env')
      copies.commit('Drop the deploy settings', alice, '2024-01-05T10:00:00+00:00', { all: true })

      const history = await startScan({ root: copies.root, scopes: { tree: false, index: false, history: true } })
      const places = (report: ScanReport) =>
        report.findings
          .map((finding) => [
            finding.location.kind,
            finding.location.path,
            finding.location.commit,
            finding.location.inHead,
          ])
          .sort(byText)
      expect(places(history)).toEqual([
        ['history', 'deploy/a.env', first, false],
        ['history', 'deploy/b.env', second, false],
        ['history', 'kept "quoted"\tname.env', third, true],
      ])

      // With the tree: the copy still there is the tree's finding, told with its own introducing commit.
      const both = await startScan({ root: copies.root, scopes: { tree: true, index: false, history: true } })
      expect(places(both)).toEqual([
        ['history', 'deploy/a.env', first, false],
        ['history', 'deploy/b.env', second, false],
        ['tree', 'kept "quoted"\tname.env', third, true],
      ])
    } finally {
      copies.dispose()
    }
  })

  it('places a blob found after the commit walk started at each of its paths, with its commits', async () => {
    // The walk for introducing commits starts once two thirds of the history's bytes are scanned and
    // something was found: here after the first key and the notes (HEAD's tree, listed first), while
    // the second key (one blob at two paths, deleted since, so listed after) waits in a batch with a
    // long list of identifiers that takes the worker a while.
    const late = GitRepository.create()
    try {
      const notes = (seed: number) => `${'words of plain prose here, '.repeat(40)}${seed}\n`.repeat(1500)
      const identifiers = Array.from({ length: 60000 }, (_, index) => `item_${index}_abcdefghijk.`).join('\n')
      const settings = `AIRCLOU_API_KEY=${fakeKeys.airclouLive()}\n`
      late.write('config/a.env', settings).write('config/b.env', settings).write('config/z.txt', identifiers)
      const added = late.commit('Add the settings', alice, '2024-02-01T10:00:00+00:00', { all: true })
      late.remove('config/a.env').remove('config/b.env').remove('config/z.txt')
      for (let index = 0; index < 6; index++) late.write(`notes/part-${index}.txt`, notes(index))
      late.write('first.env', `CLIPIA_API_KEY=${fakeKeys.clipiaLive()}\n`)
      const first = late.commit('Notes and the first key', bob, '2024-02-02T10:00:00+00:00', { all: true })

      const report = await startScan({
        root: late.root,
        scopes: { tree: false, index: false, history: true },
        threads: 1,
      })
      expect(report.findings.map((finding) => [finding.location.path, finding.location.commit]).sort(byText)).toEqual([
        ['config/a.env', added],
        ['config/b.env', added],
        ['first.env', first],
      ])
    } finally {
      late.dispose()
    }
  })

  it('finds a key first written by a merge (its conflict resolved by hand), tied to the merge', async () => {
    const merged = GitRepository.create()
    try {
      const key = fakeKeys.airclouLive()
      merged
        .write('deploy.env', 'AIRCLOU_API_KEY=\n')
        .commit('Start', alice, '2024-01-01T10:00:00+00:00', { all: true })
      merged.git('checkout', '-q', '-b', 'side')
      merged
        .write('deploy.env', 'AIRCLOU_API_KEY=side\n')
        .commit('Side', bob, '2024-01-02T10:00:00+00:00', { all: true })
      merged.git('checkout', '-q', 'main')
      merged
        .write('deploy.env', 'AIRCLOU_API_KEY=main\n')
        .commit('Main', alice, '2024-01-03T10:00:00+00:00', { all: true })
      // The merge stops on the conflict; it is resolved with a value neither side had.
      expect(() => merged.git('merge', '-q', 'side')).toThrow()
      merged.write('deploy.env', `AIRCLOU_API_KEY=${key}\n`)
      const merge = merged.commit('Merge side', carol, '2024-01-04T10:00:00+00:00', { all: true })
      expect(merged.git('rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ')).toHaveLength(3)
      const report = await startScan({ root: merged.root, scopes: { tree: false, index: false, history: true } })
      expect(report.findings.map((finding) => [finding.location.path, finding.location.commit])).toEqual([
        ['deploy.env', merge],
      ])
      expect(report.stats.commits).toBe(4)
    } finally {
      merged.dispose()
    }
  })

  it('counts the commits of a history without findings', async () => {
    const clean = GitRepository.create()
    try {
      clean.write('a.txt', 'one\n').commit('One', alice, '2024-01-01T10:00:00+00:00', { all: true })
      clean.write('a.txt', 'two\n').commit('Two', alice, '2024-01-02T10:00:00+00:00', { all: true })
      clean.git('checkout', '-q', '-b', 'other')
      clean.write('b.txt', 'three\n').commit('Three', bob, '2024-01-03T10:00:00+00:00', { all: true })
      const report = await startScan({ root: clean.root, scopes: { tree: false, index: false, history: true } })
      expect(report.findings).toEqual([])
      expect(report.stats.commits).toBe(3)
    } finally {
      clean.dispose()
    }
  })
})
