// listKeySightings as the window gets it: each place a key's value was seen says whether it was exposed
// there, stored in a local file git does not keep, or seen before the vault recorded which; the vault's
// own fields (the key's id) stay in main, and the contract refuses an exposure it does not name.
import { describe, expect, it } from 'vitest'
import { sightingsForWindow } from '../../../main/scan-service/index'
import type { StoredKeySighting } from '../../../main/vault/index'
import { KeySighting } from '#contract'

const place = (overrides: Partial<StoredKeySighting>): StoredKeySighting => ({
  keyId: 'key-7f3a',
  version: 1,
  folder: '/home/dana/projects/storefront',
  kind: 'tree',
  path: '.env',
  line: 3,
  commit: null,
  inHead: true,
  exposure: 'stored',
  foundAt: '2026-10-02T11:45:00.000Z',
  ...overrides,
})

describe('sightingsForWindow', () => {
  const stored = [
    place({ exposure: 'exposed', kind: 'history', path: 'deploy/settings.yml', commit: 'a1b2c3d4e5', inHead: false }),
    place({ exposure: 'stored' }),
    place({ exposure: 'unknown', path: 'config/local.env', line: 1, version: 2 }),
  ]

  it('keeps each place and its exposure, in the vault’s order, and leaves the key id in main', () => {
    const shaped = sightingsForWindow(stored)
    expect(shaped.map((sighting) => [sighting.path, sighting.exposure])).toEqual([
      ['deploy/settings.yml', 'exposed'],
      ['.env', 'stored'],
      ['config/local.env', 'unknown'],
    ])
    expect(shaped[0]).toEqual({
      version: 1,
      folder: '/home/dana/projects/storefront',
      kind: 'history',
      path: 'deploy/settings.yml',
      line: 3,
      commit: 'a1b2c3d4e5',
      inHead: false,
      exposure: 'exposed',
      foundAt: '2026-10-02T11:45:00.000Z',
    })
    for (const sighting of shaped) expect(sighting).not.toHaveProperty('keyId')
  })

  it('answers exactly the contract’s shape, which main checks before the window gets it', () => {
    for (const sighting of sightingsForWindow(stored)) {
      expect(KeySighting.strict().parse(sighting)).toEqual(sighting)
    }
  })

  it('a field the vault adds later does not reach the window by itself', () => {
    const widened = { ...place({}), rowId: 42 } as StoredKeySighting
    expect(Object.keys(sightingsForWindow([widened])[0]!)).not.toContain('rowId')
  })
})

describe('the contract’s KeySighting', () => {
  const wire = sightingsForWindow([place({})])[0]!

  it('needs an exposure, and only one it names', () => {
    const { exposure: _exposure, ...without } = wire
    expect(KeySighting.safeParse(without).success).toBe(false)
    expect(KeySighting.safeParse({ ...wire, exposure: 'leaked' }).success).toBe(false)
    expect(KeySighting.safeParse({ ...wire, exposure: 'unknown' }).success).toBe(true)
  })
})
