// Keeps the list of boundaries true: each defence names a test that exists under that name, every
// boundary has defences, and docs/security.md's threat model speaks of every boundary.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BOUNDARIES, DEFENCES, type Boundary } from './boundaries'

const root = resolve(import.meta.dirname, '..', '..')

/** The titles of every `it(...)`/`test(...)` in a file, with JavaScript string escapes read. */
const testTitles = (file: string): Set<string> => {
  const source = readFileSync(join(root, file), 'utf8')
  const titles = new Set<string>()
  const call = /\b(?:it|test)(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g
  for (let match = call.exec(source); match; match = call.exec(source)) {
    titles.add(match[2]!.replace(/\\(.)/g, '$1'))
  }
  return titles
}

describe('the list of trust boundaries', () => {
  it('names, for every defence, a test that exists under that name', () => {
    const missing = DEFENCES.filter(
      ({ test }) => !existsSync(join(root, test.file)) || !testTitles(test.file).has(test.name),
    )
    expect(missing.map(({ test }) => `${test.file}: ${test.name}`)).toEqual([])
  })

  it('has defences for every boundary', () => {
    const covered = new Set(DEFENCES.map((defence) => defence.boundary))
    expect(Object.keys(BOUNDARIES).filter((boundary) => !covered.has(boundary as Boundary))).toEqual([])
  })

  it("is what docs/security.md's threat model points to, boundary by boundary", () => {
    const doc = readFileSync(join(root, 'docs/security.md'), 'utf8')
    const start = doc.indexOf('## Threat model')
    expect(start).toBeGreaterThanOrEqual(0)
    const threatModel = doc.slice(start)
    expect(threatModel).toContain('test/security/boundaries.ts')
    for (const title of Object.values(BOUNDARIES)) expect(threatModel).toContain(title)
  })
})
