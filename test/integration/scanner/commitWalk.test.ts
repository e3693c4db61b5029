// The commit walk that names a history's blobs waits on its pipe while too many named blobs wait to be
// scanned, goes on as they are, and names every blob in the end.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { walkCommitAdds } from '../../../main/scanner/gitCommits'
import { NamedBlobs } from '../../../main/scanner/historyScan'
import { GitRepository } from '../../support/gitRepository'

const someone = { name: 'Someone', email: 'someone@example.invalid' }
const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!()
})

describe('the commit walk', () => {
  it(
    'waits while named blobs wait to be scanned, and names every blob of the history in the end',
    { timeout: 30_000 },
    async () => {
      const repository = GitRepository.create()
      cleanups.push(() => repository.dispose())
      // 3,000 files: the walk's output comes in several chunks, so a pause holds some of it back.
      for (let index = 0; index < 3000; index++) writeFileSync(join(repository.root, `file-${index}.txt`), `${index}\n`)
      repository.commit('Many files', someone, '2024-01-01T00:00:00+00:00', { all: true })
      writeFileSync(join(repository.root, 'file-0.txt'), 'changed\n')
      repository.commit('One change', someone, '2024-01-02T00:00:00+00:00', { all: true })
      const expected = new Set(
        repository
          .git('rev-list', '--objects', '--all', '--filter=object:type=blob', '--filter-provided-objects')
          .trim()
          .split('\n')
          .map((line) => line.slice(0, 40)),
      )

      const named = new NamedBlobs(100)
      const newBlobs: string[] = []
      let pauses = 0
      let mostWaiting = 0
      let waiting = 0
      const walk = walkCommitAdds(join(repository.root, '.git'), (oid, readPath, commit) => {
        if (named.add(oid, readPath, commit) === null) return
        newBlobs.push(oid)
        mostWaiting = Math.max(mostWaiting, ++waiting)
        // Scanned a moment later, as a worker would.
        setTimeout(() => {
          waiting--
          named.drop(oid)
          named.settle(1)
        }, 1)
      })
      named.walk = {
        pause: () => {
          pauses++
          walk.pause()
        },
        resume: walk.resume,
      }
      const ended = await walk.done
      expect(ended).toEqual({ commitCount: 2, error: null })
      expect(new Set(newBlobs)).toEqual(expected)
      expect(newBlobs).toHaveLength(expected.size)
      expect(pauses).toBeGreaterThan(0)
      // A pause stops the next chunks, not the one being read: never did the whole history wait at once.
      expect(mostWaiting).toBeLessThan(expected.size)
    },
  )
})
