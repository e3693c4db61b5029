// Every rule is data with examples that must match and must not (the way gitleaks keeps its rules):
// each example runs through the real kernel and detector.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ruleDefinitions } from '../../../main/scanner/index'
import { findProvider } from '../../../main/providers/index'
import { detectorFor } from './detectInProcess'

const pick = (alphabet: string, count: number) =>
  Array.from(randomBytes(count), (byte) => alphabet[byte % alphabet.length]).join('')
const ALPHABETS: Record<string, string> = {
  random: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  hex: '0123456789abcdef',
  digits: '0123456789',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
}

/** Examples name random parts ({random:32}) so that no key-shaped text is kept in the rule files. */
const expand = (example: string): string =>
  example.replace(/\{(random|upper|hex|digits|base64):(\d+)\}/g, (_whole, kind: string, count: string) => {
    // A random string may by chance hold a counting run; draw again until it does not.
    for (;;) {
      const value = pick(ALPHABETS[kind]!, Number(count))
      if (!/0123456|1234567|2345678|3456789|abcdefg|ABCDEFG|(.)\1{7,}/.test(value) && /[0-9]/.test(value)) return value
    }
  })

const { detect } = detectorFor()

describe('scanner rules', () => {
  it('have unique ids and name known providers', () => {
    const ids = ruleDefinitions.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of ruleDefinitions)
      for (const provider of rule.providers) expect(findProvider(provider), `${rule.id}: ${provider}`).toBeDefined()
  })

  it('cover the five seed providers and the common services', () => {
    const providers = new Set(ruleDefinitions.flatMap((rule) => rule.providers))
    for (const id of ['agentclara', 'airclou', 'clipia', 'clodura', 'cloro', 'aws', 'github', 'stripe', 'slack'])
      expect(providers).toContain(id)
    expect(ruleDefinitions.map((rule) => rule.id)).toEqual(
      expect.arrayContaining(['private-key', 'jwt', 'generic-api-key', 'generic-auth-header']),
    )
  })

  it("say that sk_live_ is both Stripe's and AgentClara's", () => {
    const rule = ruleDefinitions.find((entry) => entry.id === 'sk-secret-key')!
    expect(rule.providers.sort()).toEqual(['agentclara', 'stripe'])
    expect(rule.note).toMatch(/AgentClara/)
  })

  for (const rule of ruleDefinitions) {
    describe(rule.id, () => {
      for (const example of rule.examples.match) {
        it(`matches ${JSON.stringify(example)}`, () => {
          for (let round = 0; round < 5; round++) {
            const hits = detect(expand(example))
            expect(hits.map((hit) => hit.ruleId)).toContain(rule.id)
          }
        })
      }
      for (const example of rule.examples.noMatch) {
        it(`finds nothing in ${JSON.stringify(example)}`, () => {
          for (let round = 0; round < 5; round++) expect(detect(expand(example))).toEqual([])
        })
      }
    })
  }
})

describe('long lines', () => {
  it('finds every key on a megabyte-long minified line, each at its column, and the lines after it', () => {
    const filler = 'var a1b2c3d4e5f6g7h8i9j0=f(k1l2m3n4o5p6q7r8s9);'.repeat(20_000)
    const first = `ghp_${pick(ALPHABETS.random!, 36)}`
    const second = `ghp_${pick(ALPHABETS.random!, 36)}`
    const context = expand('{random:32}')
    const line = `${filler}t="${first}";${filler}api_key="${context}";${filler}u="${second}";`
    const text = `${line}\nnext = "${second}"\n`
    const hits = detect(text)
    expect(hits.map((hit) => [hit.ruleId, hit.line, hit.column])).toEqual([
      ['github-token', 1, filler.length + 4],
      ['generic-api-key', 1, line.indexOf(context) + 1],
      ['github-token', 1, line.indexOf(second) + 1],
      ['github-token', 2, 9],
    ])
  })

  it('tells each of many keys on one line its column (multi-byte text between), masks its neighbours, and reads keyward:allow on its own line only', () => {
    const tokens = Array.from({ length: 400 }, () => `ghp_${pick(ALPHABETS.random!, 36)}`)
    const line = tokens.map((token, index) => `é${index}="${token}"`).join(' ')
    const text = `${line}\nx = "${tokens[0]}" // keyward:allow\n${line}\n`
    const hits = detect(text)
    const columnOf = (lineText: string, token: string) =>
      Array.from(lineText.slice(0, lineText.indexOf(token))).length + 1
    expect(hits.map((hit) => [hit.line, hit.column, hit.allowedInline])).toEqual([
      ...tokens.map((token) => [1, columnOf(line, token), false]),
      [2, 6, true],
      ...tokens.map((token) => [3, columnOf(line, token), false]),
    ])
    for (const [index, hit] of hits.entries()) {
      for (const token of tokens) expect(hit.snippet).not.toContain(token.slice(4, 24))
      if (index > 0 && index < tokens.length - 1) expect(hit.snippet.match(/••••/g)!.length).toBeGreaterThanOrEqual(3)
    }
  })
})
