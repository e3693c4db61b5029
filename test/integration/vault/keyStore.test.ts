// The keys inside an unlocked vault: fields, guesses, versions, search and filters, and bad input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createVault, openVault, type OpenVault } from '../../../main/vault/index'
import { fakeKeys } from '../../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'
import { guessed } from '../../support/guessedKey'

let temp: ReturnType<typeof makeTempDirectory>
let vault: OpenVault
let vaultPath: string

beforeEach(async () => {
  temp = makeTempDirectory()
  vaultPath = tempVaultPath(temp.directory)
  vault = await createVault(vaultPath, 'password one', { kdfCost: TEST_KDF_COST })
})
afterEach(() => {
  vault.close()
  temp.cleanup()
})

describe('adding keys', () => {
  it('guesses provider, environment and env var from the prefix when they are not given', () => {
    const cases = [
      { value: fakeKeys.clipiaLive(), provider: 'clipia', environment: 'live', envVar: 'CLIPIA_KEY' },
      { value: fakeKeys.clipiaTest(), provider: 'clipia', environment: 'test', envVar: 'CLIPIA_KEY' },
      { value: fakeKeys.airclouLive(), provider: 'airclou', environment: 'live', envVar: 'AIRCLOU_API_KEY' },
      { value: fakeKeys.airclouTest(), provider: 'airclou', environment: 'test', envVar: 'AIRCLOU_API_KEY' },
      { value: fakeKeys.clodura(), provider: null, environment: 'other', envVar: null },
    ]
    cases.forEach((expected, index) => {
      const key = vault.keys.add(guessed({ name: `key ${index}`, value: expected.value }))
      expect(key).toMatchObject({
        provider: expected.provider,
        environment: expected.environment,
        envVar: expected.envVar,
      })
    })
  })

  it('keeps what the user chose over the guess', () => {
    const key = vault.keys.add({
      name: 'staging',
      value: fakeKeys.clipiaLive(),
      environment: 'test',
      provider: 'clipia',
      envVar: null,
    })
    expect(key).toMatchObject({ environment: 'test', envVar: null })
  })

  it('masks values with their prefix and last four only when enough stays hidden', () => {
    expect(vault.keys.add({ name: 'a', value: 'clipia_live_abcdefghijklmnop7hQx' }).maskedValue).toBe(
      'clipia_live_••••7hQx',
    )
    expect(vault.keys.add({ name: 'b', value: 'shortsecret' }).maskedValue).toBe('••••')
    expect(vault.keys.add({ name: 'c', value: 'a'.repeat(30) + 'WXYZ' }).maskedValue).toBe('••••WXYZ')
  })

  it('refuses a second key with the same name, in any case, and adds nothing', () => {
    vault.keys.add({ name: 'Clipia prod', value: fakeKeys.clipiaLive() })
    expect(() => vault.keys.add({ name: 'clipia PROD', value: fakeKeys.clipiaLive() })).toThrow(/already in the vault/)
    expect(vault.keys.count()).toBe(1)
  })

  it('adds a batch all together or not at all', () => {
    vault.keys.add({ name: 'taken', value: fakeKeys.cloro() })
    expect(() =>
      vault.keys.addMany([
        { name: 'fresh one', value: fakeKeys.cloro() },
        { name: 'taken', value: fakeKeys.cloro() },
      ]),
    ).toThrow(/already in the vault/)
    expect(vault.keys.count()).toBe(1)
  })

  it('refuses an empty value and a value over 64 KB', () => {
    expect(() => vault.keys.add({ name: 'empty', value: '' })).toThrow()
    expect(() => vault.keys.add({ name: 'huge', value: 'x'.repeat(64 * 1024 + 1) })).toThrow(/64 KB/)
    expect(vault.keys.count()).toBe(0)
  })

  it('round-trips Unicode, quotes and newlines in names, notes and tags', async () => {
    const name = 'Ключ "prod" — 鍵 \'quoted\' 🔑'
    const notes = 'line one\nline "two"\r\n\ttabbed — ünïcødé 🗝️\n\'single\''
    const key = vault.keys.add({ name, value: fakeKeys.clodura(), notes, tags: ['équipe', 'tag "x"'] })
    vault.close()
    vault = await openVault(vaultPath, 'password one', { kdfCost: TEST_KDF_COST })
    expect(vault.keys.get(key.id)).toMatchObject({ name, notes, tags: ['équipe', 'tag "x"'] })
  })
})

describe('versions', () => {
  it('keeps every value change as a version and moves last-rotated', () => {
    let now = new Date('2026-01-01T00:00:00Z')
    vault.close()
    return openVault(vaultPath, 'password one', { now: () => now, kdfCost: TEST_KDF_COST }).then((timed) => {
      vault = timed
      const first = fakeKeys.clipiaLive()
      const second = fakeKeys.clipiaLive()
      const key = vault.keys.add({ name: 'rotating', value: first })
      now = new Date('2026-03-01T00:00:00Z')
      vault.keys.update(key.id, { notes: 'only a note' })
      expect(vault.keys.get(key.id)).toMatchObject({ versionCount: 1, lastRotatedAt: '2026-01-01T00:00:00.000Z' })
      vault.keys.update(key.id, { value: second })
      vault.keys.update(key.id, { value: second })
      const updated = vault.keys.get(key.id)
      expect(updated).toMatchObject({ versionCount: 2, lastRotatedAt: '2026-03-01T00:00:00.000Z' })
      expect(vault.keys.versions(key.id).map((version) => [version.version, version.reason])).toEqual([
        [2, 'changed'],
        [1, 'created'],
      ])
      expect(vault.keys.revealValue(key.id)).toBe(second)
      expect(vault.keys.findByValue(first)?.id).toBe(key.id)
    })
  })
})

describe('search and filters', () => {
  beforeEach(() => {
    vault.keys.add(guessed({ name: 'Clipia prod', value: fakeKeys.clipiaLive(), tags: ['billing'] }))
    vault.keys.add(guessed({ name: 'Clipia sandbox', value: fakeKeys.clipiaTest(), tags: ['billing', 'ci'] }))
    vault.keys.add(
      guessed({
        name: 'Airclou reports',
        value: fakeKeys.airclouLive(),
        scopes: ['read'],
        notes: 'used by the 100% dashboard',
      }),
    )
    vault.keys.add(guessed({ name: 'Clodura leads', value: fakeKeys.clodura(), provider: 'clodura' }))
  })
  const names = (query: Parameters<OpenVault['keys']['list']>[0]) => vault.keys.list(query).keys.map((key) => key.name)

  it('finds by text in name, provider, notes, tags and scopes, case-insensitively', () => {
    expect(names({ text: 'clipia' })).toEqual(['Clipia prod', 'Clipia sandbox'])
    expect(names({ text: 'DASHBOARD' })).toEqual(['Airclou reports'])
    expect(names({ text: 'ci' })).toContain('Clipia sandbox')
    expect(names({ text: 'read' })).toEqual(['Airclou reports'])
  })

  it('treats % and _ as plain characters', () => {
    expect(names({ text: '100%' })).toEqual(['Airclou reports'])
    expect(names({ text: '%' })).toEqual(['Airclou reports'])
  })

  it('filters by provider, environment and tag, and combines them', () => {
    expect(names({ provider: 'clodura' })).toEqual(['Clodura leads'])
    expect(names({ environment: 'live' })).toEqual(['Airclou reports', 'Clipia prod'])
    expect(names({ tag: 'billing' })).toEqual(['Clipia prod', 'Clipia sandbox'])
    expect(names({ tag: 'billing', environment: 'test' })).toEqual(['Clipia sandbox'])
  })

  it('pages, with the total over every match, and counts facets over the whole vault', () => {
    const page = vault.keys.list({ limit: 2, offset: 1 })
    expect(page.keys.map((key) => key.name)).toEqual(['Clipia prod', 'Clipia sandbox'])
    expect(page.total).toBe(4)
    expect(page.facets.environments).toEqual([
      { value: 'live', count: 2 },
      { value: 'other', count: 1 },
      { value: 'test', count: 1 },
    ])
    expect(page.facets.tags).toEqual([
      { value: 'billing', count: 2 },
      { value: 'ci', count: 1 },
    ])
  })

  it("counts each filter group within the other groups' filters, not its own", () => {
    const facets = vault.keys.list({ environment: 'live' }).facets
    // Only live keys are counted for providers and tags…
    expect(facets.providers).toEqual([
      { value: 'airclou', count: 1 },
      { value: 'clipia', count: 1 },
    ])
    expect(facets.tags).toEqual([{ value: 'billing', count: 1 }])
    // …while every environment stays on offer with its own count.
    expect(facets.environments.map((facet) => facet.value)).toEqual(['live', 'other', 'test'])
    const billing = vault.keys.list({ tag: 'billing' }).facets
    expect(billing.environments).toEqual([
      { value: 'live', count: 1 },
      { value: 'test', count: 1 },
    ])
    expect(billing.tags).toEqual([
      { value: 'billing', count: 2 },
      { value: 'ci', count: 1 },
    ])
    // Counts asked with other filters first are not handed back for these ones.
    expect(vault.keys.list({}).facets.providers.reduce((sum, facet) => sum + facet.count, 0)).toBe(4)
  })

  it('deletes a key with its versions and tags', () => {
    const key = vault.keys.findByName('Clipia sandbox')!
    vault.keys.delete(key.id)
    expect(names({ tag: 'ci' })).toEqual([])
    expect(() => vault.keys.get(key.id)).toThrow(/no longer in the vault/)
  })
})

describe('values for the scanner', () => {
  it('lists every version of every key, marking the current one', () => {
    const first = fakeKeys.clipiaLive()
    const second = fakeKeys.clipiaLive()
    const key = vault.keys.add({ name: 'Clipia prod', value: first })
    vault.keys.update(key.id, { value: second })
    expect(vault.keys.valuesForScan().map(({ version, current, value }) => ({ version, current, value }))).toEqual([
      { version: 1, current: false, value: first },
      { version: 2, current: true, value: second },
    ])
  })
})
