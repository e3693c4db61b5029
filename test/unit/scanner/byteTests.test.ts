// The byte-level checks detection makes on each run give exactly what the regular expressions they
// stand for give on the latin1 string of the same bytes.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isBase64LineBytes } from '../../../main/scanner/byteTests'

const BASE64_LINE = /^\s*[A-Za-z0-9+/]+={0,2}\s*$/

describe('byte-level checks', () => {
  it('reads a base64 line as /^\\s*[A-Za-z0-9+/]+={0,2}\\s*$/ does, on random lines', () => {
    // Every kind of byte the expression tells apart, latin1's no-break space and \v \f \r among the blanks.
    const alphabet = [0x41, 0x7a, 0x30, 0x2b, 0x2f, 0x3d, 0x20, 0x09, 0x0b, 0x0c, 0x0d, 0xa0, 0x2d, 0x5f, 0x2e, 0x85, 0]
    for (let round = 0; round < 20000; round++) {
      const length = randomBytes(1)[0]! % 12
      const line = Buffer.from(Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]!))
      const padded = Buffer.concat([Buffer.from('xx'), line, Buffer.from('yy')])
      expect(isBase64LineBytes(padded, 2, 2 + line.length), JSON.stringify(line.toString('latin1'))).toBe(
        BASE64_LINE.test(line.toString('latin1')),
      )
    }
  })

  it('takes a key body line, padded or not, and nothing else', () => {
    const line = (text: string) => {
      const bytes = Buffer.from(text, 'latin1')
      return isBase64LineBytes(bytes, 0, bytes.length)
    }
    expect(line('  MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\r')).toBe(true)
    expect(line('AAAA+/==')).toBe(true)
    expect(line('AAAA===')).toBe(false)
    expect(line('AAAA=B')).toBe(false)
    expect(line('   ')).toBe(false)
    expect(line('const key = value')).toBe(false)
  })
})
