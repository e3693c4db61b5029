// The reference syntax: keyward://KEY NAME and keyward://provider/environment/name, with escapes.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  findTemplateReferences,
  formatNameReference,
  formatPathReference,
  isReference,
  parseReference,
} from '../../../main/reference-service/index'

describe('parseReference', () => {
  it('reads a name with spaces, and URL-style escapes', () => {
    expect(parseReference('keyward://Clipia live')).toEqual({
      text: 'keyward://Clipia live',
      name: 'Clipia live',
      path: null,
    })
    expect(parseReference('  keyward://Clipia%20live \n').name).toBe('Clipia live')
    expect(parseReference('keyward://caf%C3%A9').name).toBe('café')
  })

  it('keeps a % that is not an escape as written', () => {
    expect(parseReference('keyward://50% off').name).toBe('50% off')
    expect(parseReference('keyward://100%25').name).toBe('100%')
    expect(parseReference('keyward://bad%FFbyte').name).toBe('bad%FFbyte')
  })

  it('reads provider/environment/name when the second part is an environment, the name keeping its slashes', () => {
    expect(parseReference('keyward://clipia/live/Clipia prod').path).toEqual({
      provider: 'clipia',
      environment: 'live',
      name: 'Clipia prod',
    })
    expect(parseReference('keyward://clipia/LIVE/team/prod').path).toEqual({
      provider: 'clipia',
      environment: 'live',
      name: 'team/prod',
    })
    expect(parseReference('keyward://clipia/staging/prod').path).toBeNull()
    expect(parseReference('keyward://team/prod').path).toBeNull()
    expect(parseReference('keyward://clipia/live/team%2Fprod').path?.name).toBe('team/prod')
  })

  it('refuses text that is not a reference, or names nothing', () => {
    expect(() => parseReference('Clipia live')).toThrow(/not a Keyward reference/)
    expect(() => parseReference('keyward://')).toThrow(/names no key/)
    expect(() => parseReference('keyward://%20 ')).toThrow(/names no key/)
  })

  it('tells a reference from a value', () => {
    expect(isReference(' keyward://x')).toBe(true)
    expect(isReference('clipia_live_x')).toBe(false)
    expect(isReference('https://keyward://x')).toBe(false)
  })
})

const keyName = fc
  .string({
    unit: fc.constantFrom(
      'a',
      'B',
      ' ',
      '/',
      '%',
      '2',
      '0',
      'F',
      '"',
      "'",
      '`',
      '#',
      '}',
      '{',
      '\n',
      '\t',
      'é',
      '🔑',
      'live',
    ),
    minLength: 1,
    maxLength: 24,
  })
  .map((name) => name.trim())
  .filter((name) => name.length > 0)

describe('written references read back as the same name', () => {
  it('by name, escaped or not, as a whole value and inside a template (bare, quoted, braced)', () => {
    fc.assert(
      fc.property(keyName, (name) => {
        for (const written of [formatNameReference(name), formatNameReference(name, { escapeSlashes: true })]) {
          expect(parseReference(written).name).toBe(name)
          for (const template of [
            `KEY=${written}\n`,
            `"token": "${written}",\n`,
            `token: '${written}'  # note\n`,
            `a {{ ${written} }} b\n`,
          ]) {
            const { references, problems } = findTemplateReferences(template)
            expect(problems).toEqual([])
            expect(references.map((found) => found.reference.name)).toEqual([name])
          }
        }
        expect(parseReference(formatNameReference(name, { escapeSlashes: true })).path).toBeNull()
      }),
    )
  })

  it('by provider/environment/name', () => {
    fc.assert(
      fc.property(
        keyName,
        fc.constantFrom('live', 'test', 'other') as fc.Arbitrary<'live' | 'test' | 'other'>,
        (name, environment) => {
          expect(parseReference(formatPathReference('clipia', environment, name)).path).toEqual({
            provider: 'clipia',
            environment,
            name,
          })
        },
      ),
    )
  })
})
