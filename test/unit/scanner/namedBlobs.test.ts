// The walk's record of which commit added each named blob at each path: kept compactly while a blob has
// one path, it still answers as addTo does (the oldest commit a path, the paths in the order first seen).
import { describe, expect, it } from 'vitest'
import { addTo, type CommitInfo, type CommitsFound } from '../../../main/scanner/gitCommits'
import { NamedBlobs } from '../../../main/scanner/historyScan'

const commit = (id: string): CommitInfo => ({
  commit: id.repeat(40).slice(0, 40),
  author: 'A <a@example.com>',
  date: '2024-01-01T00:00:00Z',
})
const BLOB = 'a'.repeat(40)
const OTHER = 'b'.repeat(40)

describe('NamedBlobs', () => {
  it('keeps the same adds as addTo, newest commit first as git log lists them', () => {
    // Newest first: c4 adds BLOB at src/x.js, c3 at docs/x.js, c2 again at src/x.js, c1 at src/x.js.
    const lines: Array<[string, string, CommitInfo]> = [
      [BLOB, 'src/x.js', commit('4')],
      [OTHER, 'only.txt', commit('4')],
      [BLOB, 'docs/x.js', commit('3')],
      [BLOB, 'src/x.js', commit('2')],
      [OTHER, 'only.txt', commit('2')],
      [BLOB, 'src/x.js', commit('1')],
    ]
    const named = new NamedBlobs()
    const expected: CommitsFound['adds'] = new Map()
    const newPaths: Array<string | null> = []
    for (const [oid, path, by] of lines) {
      newPaths.push(named.add(oid, () => path, by))
      addTo(expected, oid, path, by)
    }
    expect(newPaths).toEqual(['src/x.js', 'only.txt', null, null, null, null])
    const adds = named.adds
    expect(adds).toEqual(expected)
    expect([...adds.get(BLOB)!.keys()]).toEqual(['src/x.js', 'docs/x.js'])
    expect(adds.get(BLOB)!.get('src/x.js')).toBe(lines[5]![2])
    expect(adds.get(OTHER)).toEqual(new Map([['only.txt', lines[4]![2]]]))
  })

  it('forgets a dropped blob and keeps nothing more of it', () => {
    const named = new NamedBlobs()
    named.add(BLOB, () => 'a.txt', commit('2'))
    named.drop(BLOB)
    let asked = false
    expect(named.add(BLOB, () => ((asked = true), 'b.txt'), commit('1'))).toBeNull()
    expect(asked).toBe(false)
    expect(named.adds.size).toBe(0)
  })
})
