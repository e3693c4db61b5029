// Which key a reference names: by name whatever its case, or by provider/environment/name; a clear
// problem for none or several; and the shortest reference that names a key alone.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Environment } from '#contract'
import {
  ReferenceResolver,
  emptyValueProblem,
  isEmptyValue,
  referenceFor,
  resolveReference,
  type ReferenceableKey,
} from '../../../main/reference-service/index'

const key = (
  id: string,
  name: string,
  provider: string | null = 'clipia',
  environment: Environment = 'live',
): ReferenceableKey => ({ id, name, provider, environment })

const keys = [
  key('1', 'Clipia live'),
  key('2', 'Clipia test', 'clipia', 'test'),
  key('3', 'Airclou CI', 'airclou', 'test'),
  key('4', 'Notes token', null, 'other'),
]

const resolvedId = (reference: string, among: readonly ReferenceableKey[] = keys) => {
  const resolution = resolveReference(reference, among)
  return resolution.ok ? resolution.key.id : resolution.problem.kind
}

describe('resolveReference', () => {
  it('finds a key by its name, whatever the case, spaces and escapes', () => {
    expect(resolvedId('keyward://Clipia live')).toBe('1')
    expect(resolvedId('keyward://clipia LIVE')).toBe('1')
    expect(resolvedId('keyward://Clipia%20test')).toBe('2')
    expect(resolvedId('keyward://notes token')).toBe('4')
  })

  it('finds a key by provider/environment/name', () => {
    expect(resolvedId('keyward://clipia/test/Clipia test')).toBe('2')
    expect(resolvedId('keyward://Airclou/test/airclou ci')).toBe('3')
    expect(resolvedId('keyward://clipia/live/Clipia test')).toBe('not_found')
  })

  it('says which names come close when nothing matches', () => {
    const resolution = resolveReference('keyward://Clipia lve', keys)
    expect(resolution.ok).toBe(false)
    if (resolution.ok) return
    expect(resolution.problem).toMatchObject({ kind: 'not_found', reference: 'keyward://Clipia lve' })
    expect(resolution.problem.alternatives).toContain('keyward://Clipia live')
    expect(resolution.problem.message).toBe('No key matches keyward://Clipia lve. Did you mean keyward://Clipia live?')
    const far = resolveReference('keyward://payments', keys)
    expect(!far.ok && far.problem.message).toBe('No key matches keyward://payments.')
  })

  it('calls a reference two keys answer to ambiguous, with a reference for each that names it alone', () => {
    const clash = [...keys, key('5', 'clipia/live/Clipia live', 'other-provider', 'other')]
    const resolution = resolveReference('keyward://clipia/live/Clipia live', clash)
    expect(resolution.ok).toBe(false)
    if (resolution.ok) return
    expect(resolution.problem.kind).toBe('ambiguous')
    expect(resolution.problem.message).toContain('could mean 2 keys')
    expect(resolution.problem.alternatives).toEqual([
      'keyward://other-provider/other/clipia/live/Clipia live',
      'keyward://Clipia live',
    ])
    for (const alternative of resolution.problem.alternatives)
      expect(resolveReference(alternative, clash).ok).toBe(true)
  })

  it('prefers the key spelled exactly as written when names differ only in case', () => {
    // SQLite's NOCASE folds ASCII only, so a vault can hold both of these.
    const twins = [key('a', 'Ünit'), key('b', 'ünit', 'clipia', 'test')]
    expect(resolvedId('keyward://Ünit', twins)).toBe('a')
    expect(resolvedId('keyward://ünit', twins)).toBe('b')
    const unsure = resolveReference('keyward://ÜNIT', twins)
    expect(unsure.ok).toBe(false)
    if (unsure.ok) return
    expect(unsure.problem.kind).toBe('ambiguous')
    expect(unsure.problem.alternatives).toEqual(['keyward://Ünit', 'keyward://ünit'])
  })

  it('reports a reference that names nothing as invalid', () => {
    const resolution = resolveReference('keyward://  ', keys)
    expect(!resolution.ok && resolution.problem.kind).toBe('invalid')
  })

  it('words an empty value as a problem naming the key', () => {
    expect(isEmptyValue('')).toBe(true)
    expect(isEmptyValue(' \n')).toBe(true)
    expect(isEmptyValue('x')).toBe(false)
    expect(emptyValueProblem('keyward://Clipia live', keys[0]!)).toMatchObject({
      kind: 'empty_value',
      message: 'keyward://Clipia live names "Clipia live", whose value is empty. Give the key its value first.',
    })
  })

  it('shows control characters in names as escapes, never raw', () => {
    const resolution = resolveReference('keyward://evil\u001b[2J', keys)
    expect(!resolution.ok && resolution.problem.message).toContain('evil\\x1b[2J')
  })
})

describe('referenceFor', () => {
  it('is the name when no other key answers to it, else provider/environment/name', () => {
    expect(referenceFor(keys[0]!, keys)).toBe('keyward://Clipia live')
    const clash = [...keys, key('5', 'clipia/live/Clipia live', 'other-provider', 'other')]
    expect(referenceFor(clash[0]!, clash)).toBe('keyward://Clipia live')
    expect(referenceFor(clash[4]!, clash)).toBe('keyward://other-provider/other/clipia/live/Clipia live')
  })

  it('escapes slashes when a name reads as a path and the key has no provider', () => {
    const clash = [key('1', 'prod', 'clipia', 'live'), key('2', 'clipia/live/prod', null, 'other')]
    expect(referenceFor(clash[1]!, clash)).toBe('keyward://clipia%2Flive%2Fprod')
    expect(referenceFor(clash[0]!, clash)).toBe('keyward://prod')
  })

  it('always names its key alone, among vault-like keys (names unique ignoring ASCII case)', () => {
    const name = fc.string({
      unit: fc.constantFrom('a', 'A', 'ä', 'Ä', '/', 'live', 'test', ' ', '%', '20', '"', '#', 'x'),
      minLength: 1,
      maxLength: 12,
    })
    const vaultKey = fc.record({
      name: name.map((text) => text.trim()).filter(Boolean),
      provider: fc.constantFrom(null, 'clipia', 'a', 'live'),
      environment: fc.constantFrom('live', 'test', 'other') as fc.Arbitrary<Environment>,
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(vaultKey, {
          selector: (entry) => entry.name.replace(/[A-Z]/g, (letter) => letter.toLowerCase()),
          maxLength: 12,
        }),
        (entries) => {
          const all = entries.map((entry, index) => ({ id: String(index), ...entry }))
          const resolver = new ReferenceResolver(all)
          for (const each of all) {
            const resolution = resolver.resolve(resolver.referenceFor(each))
            expect(resolution.ok && resolution.key.id).toBe(each.id)
          }
        },
      ),
    )
  })
})
