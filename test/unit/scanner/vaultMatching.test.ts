// Exact vault matching: a value is found wherever it sits in a text (any alignment, inside a longer
// token, at either end), never when one character differs, and only by fingerprint.
import { describe, expect, it } from 'vitest'
import { detectorFor } from './detectInProcess'
import { randomToken } from '../../support/fakeKeys'
import type { VaultValue } from '../../../main/scanner/types'

const vaultValue = (value: string, version = 1, current = true): VaultValue => ({
  keyId: 'k1',
  keyName: 'Key one',
  version,
  current,
  value,
})

describe('vault matching', () => {
  it('finds a prefixless value at every offset of a text, in a token or alone', () => {
    const value = randomToken(40)
    const { detect } = detectorFor([vaultValue(value)])
    for (let offset = 0; offset < 24; offset++) {
      const padding = 'x'.repeat(offset)
      for (const text of [
        `${padding} ${value}`,
        `${padding}${value}`,
        `${padding}"${value}"\n`,
        `${padding}a=${value}&b=1`,
      ]) {
        const hits = detect(text).filter((hit) => hit.vaultEntry === 0)
        expect(hits, text).toHaveLength(1)
      }
    }
  })

  it('finds values of the shortest length it promises, with any characters they hold', () => {
    const values = ['Ab3/+Cd.e=Fg~1hI', 'short-but-ok-15', `sk_live_${randomToken(24)}`]
    const { detect } = detectorFor(values.map((value, index) => ({ ...vaultValue(value), keyId: `k${index}` })))
    for (const [index, value] of values.entries()) {
      expect(detect(`before ${value} after`).map((hit) => hit.vaultEntry)).toContain(index)
    }
  })

  it('does not find a value that differs by one character, nor a part of it', () => {
    const value = randomToken(32)
    const changed = `${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`
    const { detect } = detectorFor([vaultValue(value)])
    expect(detect(`key: ${changed}`).filter((hit) => hit.vaultEntry !== null)).toEqual([])
    expect(detect(`key: ${value.slice(0, 31)}`).filter((hit) => hit.vaultEntry !== null)).toEqual([])
  })

  it('reports a value too short to match exactly, without its value', () => {
    const { setup } = detectorFor([vaultValue('tooShort123')])
    expect(setup.vault.problems).toEqual([
      expect.objectContaining({ code: 'vault_value_too_short', subject: 'Key one (version 1)' }),
    ])
    expect(JSON.stringify(setup)).not.toContain('tooShort123')
  })

  it('hands workers fingerprints, never the values', () => {
    const value = randomToken(40)
    const { setup } = detectorFor([vaultValue(value)])
    const shipped = JSON.stringify(setup.init, (_key, entry: unknown) =>
      typeof entry === 'bigint' ? entry.toString() : entry,
    )
    expect(shipped).not.toContain(value)
    expect(shipped).not.toContain(value.slice(8, 24))
  })

  it('ships the characters vault values use without their order', () => {
    // Every character once: in the order first seen, the character set would be the value itself.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('')
    const value = alphabet
      .sort(() => Math.random() - 0.5)
      .slice(0, 40)
      .join('')
    const { setup } = detectorFor([vaultValue(value)])
    const shipped = JSON.stringify(setup.init)
    for (let start = 0; start + 8 <= value.length; start += 4)
      expect(shipped).not.toContain(value.slice(start, start + 8))
  })

  it('masks the secret in the snippet and keeps the rest of the line', () => {
    const value = randomToken(40)
    const { detect } = detectorFor([vaultValue(value)])
    const [hit] = detect(`const cloroKey = "${value}" // prod`)
    expect(hit!.snippet).toBe(`const cloroKey = "••••${value.slice(-4)}" // prod`)
    expect(hit!.redactedSecret).toBe(`••••${value.slice(-4)}`)
  })
})
