// The WebAssembly kernel: the bytes shipped are the ones scanKernel.wat compiles to, and the runs it
// reports are exactly those a plain JavaScript loop finds.
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { compileScanKernel } from '../../../main/scanner/kernel/compileKernel'
import { scanKernelBase64 } from '../../../main/scanner/kernel/kernelBinary'
import { EVENT_RUN, MINIMUM_RUN, ScanKernel, TOKEN_CHARACTERS } from '../../../main/scanner/kernel/scanKernel'

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
})
