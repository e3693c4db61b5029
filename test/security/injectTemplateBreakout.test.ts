// keyward inject fills hostile-shaped values into templates: a value that would end its line, end the
// quoted string its reference stands in, or start a comment is refused with the template's line and
// column and the reference (never the value), and nothing is written. By format: .env, JSON, YAML,
// other text (told by the file's name, else by its text).
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseDotenv } from 'dotenv'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { runCli } from '../../main/cli/program'
import {
  TemplatePlaces,
  findTemplateReferences,
  injectionProblem,
  templateFormatOf,
  type TemplateFormat,
} from '../../main/reference-service/index'
import { createVault } from '../../main/vault/index'
import { fakeKeys } from '../support/fakeKeys'
import { TEST_KDF_COST, makeTempDirectory } from '../support/tempVault'
import { fakeIo } from '../unit/cli/fakeCliIo'

/** The problem for the template's one reference filled with this value (null: accepted). */
const problemFor = (format: TemplateFormat, template: string, value: string): string | null => {
  const { references } = findTemplateReferences(template)
  expect(references).toHaveLength(1)
  return injectionProblem(format, new TemplatePlaces(format, template).at(references[0]!.start), value)
}

describe('which values a template can hold, by format and place', () => {
  const refused: [TemplateFormat, string, string, RegExp][] = [
    ['env', 'A=keyward://K\n', 'abc\nINJECTED=1', /line break/],
    ['env', 'A=keyward://K\n', 'abc\rINJECTED=1', /line break/],
    ['env', 'A="keyward://K"\n', 'ab"c', /holds a ", which would end the "-quoted string/],
    ['env', 'A="keyward://K"\n', 'ab\\nc', /backslash/],
    ['env', "A='keyward://K'\n", "it's", /holds a ', which would end/],
    ['env', 'A=`keyward://K`\n', 'a`b', /holds a `/],
    ['env', 'A=keyward://K\n', 'abc#def', /starts a comment/],
    ['env', 'A=keyward://K\n', "'abc", /starts with a quote/],
    ['env', 'A=keyward://K\n', 'abc ', /starts or ends with a space/],
    ['env', 'A={{ keyward://K }}\n', 'x\u0000y', /control character/],
    ['json', '{"k": "keyward://K"}\n', 'a"b', /holds a "/],
    ['json', '{"k": "keyward://K"}\n', 'a\\b', /backslash/],
    ['json', '{"k": "keyward://K"}\n', 'a\tb', /control character/],
    ['json', '{"k": "keyward://K"}\n', 'a\u2028b', /line break/],
    ['json', '{"n": {{ keyward://K }}}\n', 'abc', /outside a JSON string/],
    ['json', '{"n": {{ keyward://K }}}\n', '1, "admin": true', /outside a JSON string/],
    ['yaml', 'k: keyward://K\n', 'a: b', /new key or a comment/],
    ['yaml', 'k: keyward://K\n', 'a #b', /new key or a comment/],
    ['yaml', 'k: keyward://K\n', 'ends:', /new key or a comment/],
    ['yaml', 'k: keyward://K\n', '&anchor', /syntax/],
    ['yaml', 'k: keyward://K\n', 'abc\n  admin: true', /line break/],
    ['yaml', "k: 'keyward://K'\n", "it's", /holds a '/],
    ['yaml', 'k: [keyward://K, b]\n', 'a, admin', /YAML \[ \] or \{ \}/],
    ['yaml', 'k: {a: keyward://K}\n', 'x}', /YAML \[ \] or \{ \}/],
    ['yaml', 'k: "keyward://K"\n', 'a"b', /holds a "/],
    ['yaml', 'k: "keyward://K"\n', 'a\\b', /backslash/],
    ['text', 'token keyward://K\n', 'a\nb', /line break/],
    ['text', 'call("keyward://K")\n', 'a"); evil("', /holds a "/],
  ]
  for (const [format, template, value, reason] of refused) {
    it(`refuses in ${format}: ${JSON.stringify(template.trim())} with ${JSON.stringify(value)}`, () => {
      expect(problemFor(format, template, value)).toMatch(reason)
    })
  }

  const accepted: [TemplateFormat, string, string][] = [
    ['env', 'A=keyward://K\n', 'clipia_live_abc/+=:@'],
    ['env', 'A=keyward://K\n', 'a\'b"c'],
    ['env', 'A="keyward://K"\n', "it's # fine"],
    ['env', "A='keyward://K'\n", 'a"b\\c#d'],
    ['env', 'URL=https://u:{{ keyward://K }}@h\n', "'abc"],
    ['env', '# see keyward://K\n', 'a"b#c'],
    ['json', '{"k": "keyward://K"}\n', "é 🔑 it's {}[]:,#"],
    ['json', '{"n": {{ keyward://K }}}\n', '-12.5e3'],
    ['yaml', 'k: keyward://K\n', 'abc-def:ghi'],
    ['yaml', "k: 'keyward://K'\n", 'a: b # "c" \\d'],
    ['yaml', 'k: "keyward://K"\n', "a: b # it's"],
    ['yaml', "k: it's keyward://K\n", 'plain'],
    ['yaml', 'k: keyward://K\n', 'a,b[c]{d}'],
    ['yaml', 'k: [a, b] keyward://K\n', 'a,b'],
    ['text', 'token keyward://K\n', 'a"b\'c#d'],
  ]
  for (const [format, template, value] of accepted) {
    it(`accepts in ${format}: ${JSON.stringify(template.trim())} with ${JSON.stringify(value)}`, () => {
      expect(problemFor(format, template, value)).toBeNull()
    })
  }

  it('reads each reference of a line in its own place, the line read once', () => {
    const template = '{"a": "keyward://K", "b": {{ keyward://K }}, "c": "\\"keyward://K"}\nA=keyward://K # "\n'
    const { references } = findTemplateReferences(template)
    expect(references).toHaveLength(4)
    const json = new TemplatePlaces('json', template)
    expect(references.slice(0, 3).map((reference) => json.at(reference.start))).toEqual([
      { kind: 'quoted', quote: '"' },
      { kind: 'bare', startsValue: true, inFlow: false },
      { kind: 'quoted', quote: '"' },
    ])
    // The next line starts afresh, and a place after a comment began is in the comment.
    expect(json.at(references[3]!.start)).toEqual({ kind: 'bare', startsValue: false, inFlow: false })
    expect(json.at(template.length - 1)).toEqual({ kind: 'quoted', quote: '"' })
    const env = new TemplatePlaces('env', template)
    expect(env.at(references[3]!.start)).toEqual({ kind: 'bare', startsValue: true, inFlow: false })
    expect(env.at(template.length - 1)).toEqual({ kind: 'comment' })
    expect(() => env.at(0)).toThrow(/in order/)
  })

  it('tells the format by the file name, then by the text', () => {
    expect(templateFormatOf('config.template.json', '')).toBe('json')
    expect(templateFormatOf('deploy/app.yml.tmpl', '')).toBe('yaml')
    expect(templateFormatOf('.env.template', '')).toBe('env')
    expect(templateFormatOf('.env.production', '')).toBe('env')
    expect(templateFormatOf('staging.env', '')).toBe('env')
    expect(templateFormatOf(null, '{"k": "keyward://K"}')).toBe('json')
    expect(templateFormatOf('settings.template', '# c\nexport A=keyward://K\n\nB=2\n')).toBe('env')
    expect(templateFormatOf(null, 'Dear keyward://K,\n')).toBe('text')
  })
})

describe('every value accepted reads back as itself (random values, real parsers)', () => {
  const characters = fc.constantFrom(...'aZ09 "\'`\\#:,-[]{}&*!|>%@?=~$.\t\n'.split(''))
  const values = fc.string({ unit: characters, minLength: 1, maxLength: 10 })
  /** Each template with its one reference, and how its format reads the value back (undefined: read as another type). */
  const readers: [TemplateFormat, string, (filled: string) => unknown][] = [
    ['env', 'A=keyward://K\nB=after\n', (filled) => parseDotenv(filled)],
    ['env', 'A="keyward://K"\nB=after\n', (filled) => parseDotenv(filled)],
    ['env', "A='keyward://K'\nB=after\n", (filled) => parseDotenv(filled)],
    ['json', '{"A": "keyward://K", "B": "after"}', (filled) => JSON.parse(filled)],
    ['yaml', 'A: keyward://K\nB: after\n', (filled) => parseYaml(filled)],
    ['yaml', "A: 'keyward://K'\nB: after\n", (filled) => parseYaml(filled)],
    ['yaml', 'A: "keyward://K"\nB: after\n', (filled) => parseYaml(filled)],
  ]
  for (const [format, template, read] of readers) {
    it(`${format}: ${JSON.stringify(template)}`, () => {
      const reference = findTemplateReferences(template).references[0]!
      fc.assert(
        fc.property(values, (value) => {
          if (injectionProblem(format, new TemplatePlaces(format, template).at(reference.start), value) !== null) return
          const filled = `${template.slice(0, reference.start)}${value}${template.slice(reference.end)}`
          const parsed = read(filled) as Record<string, unknown>
          expect(Object.keys(parsed)).toEqual(['A', 'B'])
          expect(parsed.B).toBe('after')
          // A bare YAML value may read as a number, a boolean or null: another type, not another structure.
          if (typeof parsed.A === 'string' || format !== 'yaml') expect(parsed.A).toBe(value)
        }),
        { numRuns: 400 },
      )
    })
  }
})

describe('keyward inject refusing a value that breaks out', () => {
  const PASSWORD = 'correct horse battery staple'
  const multiLine = `${fakeKeys.clipiaLive()}\nINJECTED=1`
  const quoteInside = `${fakeKeys.clodura()}","admin":true,"x":"`
  let temp: ReturnType<typeof makeTempDirectory>
  let vaultPath: string

  beforeAll(async () => {
    temp = makeTempDirectory('keyward-inject-breakout-')
    vaultPath = join(temp.directory, 'vault.keyward')
    writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
    const vault = await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
    vault.keys.add({ name: 'Multi line', value: multiLine })
    vault.keys.add({ name: 'Quote inside', value: quoteInside })
    vault.keys.add({ name: 'Plain', value: fakeKeys.airclouTest() })
    vault.close()
  })
  afterAll(() => temp?.cleanup())

  const inject = async (templateName: string, template: string, extra: string[] = []) => {
    writeFileSync(join(temp.directory, templateName), template)
    const io = fakeIo({ cwd: temp.directory, env: { KEYWARD_VAULT: vaultPath } })
    const exitCode = await runCli(['inject', '-i', templateName, '--password-file', 'password', ...extra], io, {
      kdfCost: TEST_KDF_COST,
    })
    const result = { exitCode, out: io.out(), err: io.err() }
    for (const secret of [multiLine, quoteInside, PASSWORD, 'INJECTED', 'admin'])
      expect(result.err).not.toContain(secret)
    return result
  }

  it('refuses a line break in a .env value, naming the reference, line and column, and writes nothing', async () => {
    const result = await inject('.env.template', 'PLAIN=keyward://Plain\nCLIPIA_KEY=keyward://Multi line\n', [
      '-o',
      '.env',
    ])
    expect(result.exitCode).toBe(1)
    expect(result.out).toBe('')
    expect(result.err).toBe(
      [
        "keyward: .env.template:2:12: keyward://Multi line: the key's value holds a line break, which would end this line of a .env file and start another.",
        'keyward: 1 of 2 references in .env.template could not be filled safely; nothing was written. Keyward does not quote or escape values for you: give such a value to a command with "keyward run", or write a .env with "keyward export".',
        '',
      ].join('\n'),
    )
    expect(existsSync(join(temp.directory, '.env'))).toBe(false)
  })

  it('refuses a quote in a JSON string and leaves an existing output as it was, even with --force', async () => {
    writeFileSync(join(temp.directory, 'config.json'), '{"kept": true}\n')
    const result = await inject('config.template.json', '{\n  "token": "keyward://Quote inside"\n}\n', [
      '-o',
      'config.json',
      '--force',
    ])
    expect(result.exitCode).toBe(1)
    expect(result.err).toMatch(
      /^keyward: config\.template\.json:2:13: keyward:\/\/Quote inside: the key's value holds a ", which would end the "-quoted string the reference stands in\.\n/,
    )
    expect(readFileSync(join(temp.directory, 'config.json'), 'utf8')).toBe('{"kept": true}\n')
  })

  it('lists unresolved and unsafe references together', async () => {
    const result = await inject('app.template.yaml', 'a: keyward://Nope\nb: keyward://Multi line\n', ['-o', 'app.yaml'])
    expect(result.exitCode).toBe(1)
    expect(result.err).toContain('app.template.yaml:1:4: No key matches keyward://Nope.')
    expect(result.err).toContain("app.template.yaml:2:4: keyward://Multi line: the key's value holds a line break")
    expect(result.err).toContain(
      '2 of 2 references in app.template.yaml could not be resolved or filled safely; nothing was written.',
    )
    expect(existsSync(join(temp.directory, 'app.yaml'))).toBe(false)
  })
})
