// Masking injected values in a command's output: every occurrence, also split across chunks, on
// bytes (multi-byte UTF-8 and binary pass through), holding back nothing that cannot be a value.
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OutputMasker, createMaskingStream } from '../../../main/reference-service/index'
import { maskValue } from '../../../main/vault/index'

const mask = (value: string) => `[${value.length}]`
const DOTS = '••••'

/** Masks text given in chunks; answers the whole output. */
const streamed = (values: readonly string[], chunks: readonly (string | Buffer)[]): string => {
  const masker = new OutputMasker(values, mask)
  const output = chunks.map((chunk) => masker.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk))
  return Buffer.concat([...output, masker.end()]).toString('utf8')
}

/** The same masking done the slow, obvious way on the whole text at once: the model to compare with. */
const maskedAtOnce = (values: readonly string[], text: string): string => {
  const data = Buffer.from(text)
  const patterns = [...new Set(values.filter(Boolean))].map((value) => Buffer.from(value))
  const occurrences: [number, number][] = []
  for (const pattern of patterns) {
    for (let at = data.indexOf(pattern); at !== -1; at = data.indexOf(pattern, at + 1))
      occurrences.push([at, at + pattern.length])
  }
  occurrences.sort((left, right) => left[0] - right[0] || right[1] - left[1])
  const runs: [number, number][] = []
  for (const [start, end] of occurrences) {
    const last = runs.at(-1)
    if (last && start < last[1]) last[1] = Math.max(last[1], end)
    else runs.push([start, end])
  }
  const pieces: Buffer[] = []
  let position = 0
  for (const [start, end] of runs) {
    const exactly = patterns.find((pattern) =>
      occurrences.some(
        ([s, e]) => s === start && e === end && e - s === pattern.length && data.subarray(s, e).equals(pattern),
      ),
    )
    pieces.push(data.subarray(position, start), Buffer.from(exactly ? mask(exactly.toString('utf8')) : DOTS))
    position = end
  }
  pieces.push(data.subarray(position))
  return Buffer.concat(pieces).toString('utf8')
}

/** Splits text into chunks at the given byte offsets. */
const splitAt = (text: string, cuts: readonly number[]): Buffer[] => {
  const data = Buffer.from(text)
  const points = [...new Set(cuts.map((cut) => cut % (data.length + 1)))].sort((left, right) => left - right)
  const chunks: Buffer[] = []
  let previous = 0
  for (const point of [...points, data.length]) {
    chunks.push(data.subarray(previous, point))
    previous = point
  }
  return chunks
}

describe('OutputMasker', () => {
  const secret = 'clipia_live_AAAABBBBCCCCDDDD1234'

  it('replaces a value with its mask wherever it appears', () => {
    expect(streamed([secret], [`key=${secret}\nagain ${secret}${secret}.\n`])).toBe('key=[32]\nagain [32][32].\n')
  })

  it('masks with the vault mask', () => {
    const masker = new OutputMasker([secret], maskValue)
    expect(Buffer.concat([masker.push(Buffer.from(`${secret}\n`)), masker.end()]).toString()).toBe(
      'clipia_live_••••1234\n',
    )
  })

  it('masks a value split at every possible point, in two halves or one byte at a time', () => {
    const text = `before ${secret} after`
    for (let cut = 0; cut <= text.length; cut += 1) {
      expect(streamed([secret], [text.slice(0, cut), text.slice(cut)])).toBe('before [32] after')
    }
    expect(streamed([secret], Array.from(text))).toBe('before [32] after')
  })

  it('masks a value of multi-byte characters split inside a character, and leaves other bytes as they were', () => {
    const value = 'ключ-🔑-秘密-value'
    const text = `é ${value} 🔑 end`
    const bytes = Buffer.from(text)
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      expect(streamed([value], [bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(`é [${value.length}] 🔑 end`)
    }
    const binary = Buffer.from([0xff, 0x00, 0xfe, 0x80])
    const masker = new OutputMasker([value], mask)
    expect(Buffer.concat([masker.push(binary), masker.end()]).equals(binary)).toBe(true)
  })

  it('hides every byte where values overlap, as one mask', () => {
    expect(streamed(['abcdef', 'defghi'], ['xx abcdefghi yy'])).toBe(`xx ${DOTS} yy`)
    expect(streamed(['secretvalue', 'value'], ['a secretvalue and a value'])).toBe('a [11] and a [5]')
  })

  it('passes on at once what cannot be the start of a value, so prompts show', () => {
    const masker = new OutputMasker([secret], mask)
    expect(masker.push(Buffer.from('Continue? [y/N] ')).toString()).toBe('Continue? [y/N] ')
    expect(masker.push(Buffer.from('token: clipia_li')).toString()).toBe('token: ')
    expect(masker.push(Buffer.from('ve_AAAABBBBCCCCDDDD1234 ok')).toString()).toBe('[32] ok')
    expect(masker.push(Buffer.from(' clip')).toString()).toBe(' ')
    expect(masker.end().toString()).toBe('clip')
  })

  it('passes everything through unchanged when there is nothing to mask', () => {
    expect(streamed([], ['anything'])).toBe('anything')
    expect(streamed([''], ['anything'])).toBe('anything')
  })

  it('gives the same output as masking the whole text at once, however the output is chunked', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'é', '\n')
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: alphabet, minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.string({ unit: alphabet, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (values, text, cuts) => {
          const output = streamed(values, splitAt(text, cuts))
          expect(output).toBe(maskedAtOnce(values, text))
          for (const value of values) if (!mask(value).includes(value)) expect(output).not.toContain(value)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('masks tens of megabytes in random chunks, every other byte intact', async () => {
    const values = [secret, 'sk_test_ZZZZYYYYXXXXWWWW9876', 'key-🔑-value']
    // Printable ASCII without c, k or s, the first letters of the values.
    const plain = randomBytes(48 * 1024 * 1024)
    for (let index = 0; index < plain.length; index += 1) {
      const byte = 0x20 + (plain[index]! % 0x5e)
      plain[index] = byte === 0x63 || byte === 0x6b || byte === 0x73 ? 0x2e : byte
    }
    // A value every ~100 KB, at random places.
    const parts: Buffer[] = []
    const expected: Buffer[] = []
    let position = 0
    let index = 0
    while (position < plain.length) {
      const next = Math.min(plain.length, position + 50_000 + (plain[position]! % 100) * 1000)
      parts.push(plain.subarray(position, next))
      expected.push(plain.subarray(position, next))
      const value = values[index++ % values.length]!
      parts.push(Buffer.from(value))
      expected.push(Buffer.from(mask(value)))
      position = next
    }
    const input = Buffer.concat(parts)
    const chunks: Buffer[] = []
    for (let at = 0; at < input.length;) {
      const size = 1 + ((input[at]! * 977) % 65_536)
      chunks.push(input.subarray(at, at + size))
      at += size
    }
    const started = Date.now()
    const output = await buffer(Readable.from(chunks).pipe(createMaskingStream(values, mask)))
    expect(output.equals(Buffer.concat(expected))).toBe(true)
    expect(input.length).toBeGreaterThan(48 * 1024 * 1024)
    expect(Date.now() - started).toBeLessThan(20_000)
  })
})
