// The WebAssembly kernel: the bytes shipped are the ones scanKernel.wat compiles to, and the runs and
// '://' it reports are exactly those a plain JavaScript loop or search finds.
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { compileScanKernel } from '../../../main/scanner/kernel/compileKernel'
import { scanKernelBase64 } from '../../../main/scanner/kernel/kernelBinary'
import { EVENT_RUN, MINIMUM_RUN, ScanKernel, TOKEN_CHARACTERS } from '../../../main/scanner/kernel/scanKernel'
import { detectorFor } from './detectInProcess'

const referenceRuns = (text: Buffer): Array<[number, number]> => {
  const runs: Array<[number, number]> = []
  let start = -1
  for (let index = 0; index <= text.length; index++) {
    const inRun = index < text.length && TOKEN_CHARACTERS.includes(String.fromCharCode(text[index]!))
    if (inRun && start < 0) start = index
    if (!inRun && start >= 0) {
      const run = text.subarray(start, index).toString('latin1')
      if (index - start >= MINIMUM_RUN && (/[0-9]/.test(run) || run.startsWith('AKIA')))
        runs.push([start, index - start])
      start = -1
    }
  }
  return runs
}

describe('scan kernel', () => {
  it('ships the bytes scanKernel.wat compiles to (run compileKernel.ts --write after editing it)', async () => {
    const compiled = await compileScanKernel()
    expect(Buffer.from(compiled).toString('base64')).toBe(scanKernelBase64)
    expect(readFileSync(new URL('../../../main/scanner/kernel/scanKernel.wat', import.meta.url), 'utf8')).toContain(
      'i8x16.swizzle',
    )
  })

  it('reports the same long runs as a byte-by-byte loop, on random texts of every length', () => {
    const kernel = new ScanKernel({ anchors: ['AKIA'], vaultCharacters: null, vaultKeyHex: '1', vaultBlockHashes: [] })
    const pieces = [
      'AKIAABCDEFGHIJKLMNOP',
      'abc',
      'x1',
      ' ',
      '\n',
      '-',
      '_',
      '"',
      'Token9',
      'é',
      '0123456789',
      'zzzzzzzzzzzzzzzz',
    ]
    for (let round = 0; round < 300; round++) {
      const parts: string[] = []
      const count = randomBytes(1)[0]! % 60
      for (let index = 0; index < count; index++) parts.push(pieces[randomBytes(1)[0]! % pieces.length]!)
      const text = Buffer.from(parts.join(''), 'utf8')
      kernel.reserve(text.length).set(text)
      const events = kernel.scan(text.length)
      const runs: Array<[number, number]> = []
      for (let index = 0; index < events.length; index += 2)
        if ((events[index + 1]! & 3) === EVENT_RUN) runs.push([events[index]!, events[index + 1]! >>> 2])
      expect(runs, JSON.stringify(parts)).toEqual(referenceRuns(text))
    }
  })

  it("lists every '://' exactly as a search for it finds them, at block edges and the text's end too", () => {
    const kernel = new ScanKernel({ anchors: [], vaultCharacters: null, vaultKeyHex: '1', vaultBlockHashes: [] })
    const pieces = ['://', ':', '/', '//', ':/', 'https', 'a', ' ', '\n', 'é', 'x'.repeat(13), 'y'.repeat(61)]
    const searched = (text: Buffer): number[] => {
      const found: number[] = []
      for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) found.push(at)
      return found
    }
    for (let round = 0; round < 400; round++) {
      const parts: string[] = []
      const count = randomBytes(1)[0]! % 80
      for (let index = 0; index < count; index++) parts.push(pieces[randomBytes(1)[0]! % pieces.length]!)
      const text = Buffer.from(parts.join(''), 'utf8')
      // Stale bytes where the text ends: a text that ends in ':' or ':/' must not read them as '//'.
      kernel.reserve(text.length + 8).fill(0x2f)
      kernel.reserve(text.length).set(text)
      kernel.scan(text.length)
      expect([...kernel.schemeSeparators()!], JSON.stringify(parts)).toEqual(searched(text))
    }
  })

  it("says when a text holds more '://' than it lists (16,384), so they are searched for instead", () => {
    const kernel = new ScanKernel({ anchors: [], vaultCharacters: null, vaultKeyHex: '1', vaultBlockHashes: [] })
    for (const [count, listed] of [
      [16384, true],
      [16385, false],
    ] as const) {
      const text = Buffer.from('a://'.repeat(count), 'latin1')
      kernel.reserve(text.length).set(text)
      kernel.scan(text.length)
      const separators = kernel.schemeSeparators()
      expect(separators === null).toBe(!listed)
      if (separators) expect(separators.length).toBe(count)
    }
  })

  it("finds a connection string's password past more '://' than the kernel lists", () => {
    const { detect } = detectorFor()
    const url = `postgres://deploy:${randomBytes(9).toString('base64url')}@db.internal:5432/app`
    for (const before of [0, 20000]) {
      const hits = detect(`${'see a://b\n'.repeat(before)}DATABASE_URL=${url}\n`)
      expect(hits.map((hit) => [hit.ruleId, hit.line])).toEqual([['connection-string-password', before + 1]])
    }
  })
})
