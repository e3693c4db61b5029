// The provider definitions are data with a schema: the catalog's all validate, every auth-test rule
// of every provider is exercised by an example answer, and a definition that would send a key in the
// clear or to another host is refused.
import { describe, expect, it } from 'vitest'
import { classifyAnswer } from '../../../main/authtest/index'
import { ProviderDefinition, providerCatalog } from '../../../main/providers/index'
import airclouJson from '../../../main/providers/definitions/airclou.json'
import { answerExamples } from '../authtest/answerExamples'

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0)
const testable = providerCatalog.filter((provider) => provider.authTest !== null)

const airclouWith = (change: (definition: typeof airclouJson) => void): unknown => {
  const copy = structuredClone(airclouJson)
  change(copy)
  return copy
}
const issuesOf = (candidate: unknown): string[] => {
  const result = ProviderDefinition.safeParse(candidate)
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('the catalog', () => {
  it('validates every built-in definition', () => {
    for (const provider of providerCatalog) expect(issuesOf(provider), provider.id).toEqual([])
  })

  it('has auth tests for the five providers whose docs Keyward follows', () => {
    expect(testable.map((provider) => provider.id).sort()).toEqual([
      'agentclara',
      'airclou',
      'clipia',
      'clodura',
      'cloro',
    ])
  })

  it('sends keys only over https:// to hosts the provider owns', () => {
    for (const provider of testable) {
      const verify = provider.authTest!.verify
      if (verify === null) continue
      expect(new URL(verify.url).protocol).toBe('https:')
      expect(provider.hosts).toContain(new URL(verify.url).hostname)
      expect(verify.method).toBe('GET')
    }
  })

  it('leaves Cloro without a host or verify endpoint: its docs name neither', () => {
    const cloro = testable.find((provider) => provider.id === 'cloro')!
    expect(cloro.hosts).toEqual([])
    expect(cloro.authTest!.verify).toBeNull()
  })

  it("holds Clodura's plan table from its docs, row for row", () => {
    const plans = testable.find((provider) => provider.id === 'clodura')!.authTest!.plans
    const table = Object.fromEntries(plans.map((plan) => [plan.name, plan.limits]))
    const high = { perSecond: 10, perMinute: 100, perDay: 2000 }
    expect(table).toEqual({
      MAX: high,
      PayG: high,
      Professional: high,
      Enterprise: high,
      'Prospect Pro': high,
      Prospect: high,
      Starter: { perSecond: 1, perMinute: 10, perDay: 600 },
      Lifetime: { perSecond: 1, perMinute: 10, perDay: 300 },
      Basic: { perSecond: 1, perMinute: 10, perDay: 600 },
      'Default / Free Forever': { perSecond: 1, perMinute: 10, perDay: 300 },
    })
  })

  it("holds AgentClara's tiers from its docs", () => {
    const plans = testable.find((provider) => provider.id === 'agentclara')!.authTest!.plans
    expect(plans.map((plan) => [plan.id, plan.limits])).toEqual([
      ['standard', { perMinute: 1000 }],
      ['enterprise', { perMinute: 10000 }],
    ])
  })
})

describe.each(testable.map((provider) => [provider.id, provider] as const))('%s rules', (id, provider) => {
  const examples = answerExamples[id] ?? []

  it('each has at least one example answer that it decides', () => {
    const hit = new Set(examples.map((example) => classifyAnswer(provider.authTest!, example.answer, NOW).ruleIndex))
    const missed = provider
      .authTest!.rules.map((rule, index) => ({ index, rule }))
      .filter(({ index }) => !hit.has(index))
    expect(missed.map(({ index, rule }) => `rule ${index}: ${JSON.stringify(rule.when)} → ${rule.outcome}`)).toEqual([])
  })

  it('each gives a reason a person can act on', () => {
    for (const rule of provider.authTest!.rules) expect(rule.reason).toMatch(/\.$/)
  })

  it('has an example answer of every status class: 2xx, 3xx, 4xx and 5xx', () => {
    const classes = new Set(examples.map((example) => `${Math.floor(example.answer.status / 100)}xx`))
    expect([...classes].sort()).toEqual(['2xx', '3xx', '4xx', '5xx'])
  })

  it('has an example of an answer no rule knows', () => {
    expect(examples.some((example) => example.outcome === 'unknown')).toBe(true)
  })
})

describe('a definition the schema refuses', () => {
  it('a verify URL over http://', () => {
    const issues = issuesOf(
      airclouWith(
        (definition) => (definition.authTest.verify.url = 'http://app.airclou.com/playbook/api/v1/auth/verify'),
      ),
    )
    expect(issues).toContainEqual(expect.stringMatching(/^authTest\.verify\.url: must be an https:\/\/ URL/))
  })

  it("a verify URL outside the provider's hosts", () => {
    const issues = issuesOf(
      airclouWith((definition) => (definition.authTest.verify.url = 'https://collector.example.net/verify')),
    )
    expect(issues).toContainEqual(
      expect.stringMatching(
        /^authTest\.verify\.url: the verify URL's host collector\.example\.net is not one of the provider's hosts/,
      ),
    )
  })

  it('a verify URL on a look-alike host (a provider host as a subdomain of another)', () => {
    const issues = issuesOf(
      airclouWith((definition) => (definition.authTest.verify.url = 'https://app.airclou.com.evil.example/verify')),
    )
    expect(issues.length).toBeGreaterThan(0)
  })

  it('a verify URL when the provider names no hosts', () => {
    const issues = issuesOf(airclouWith((definition) => (definition.hosts = [])))
    expect(issues).toContainEqual(expect.stringMatching(/not one of the provider's hosts \(none\)/))
  })

  it('a verify request that is not a GET', () => {
    expect(
      issuesOf(airclouWith((definition) => ((definition.authTest.verify as { method: string }).method = 'POST')))
        .length,
    ).toBeGreaterThan(0)
  })

  it('a scheme template without {key}, and a default scheme that does not exist', () => {
    expect(issuesOf(airclouWith((definition) => (definition.authTest.schemes[0]!.template = 'Bearer')))).not.toEqual([])
    expect(issuesOf(airclouWith((definition) => (definition.authTest.defaultScheme = 'basic')))).toContainEqual(
      expect.stringMatching(/defaultScheme/),
    )
  })

  it('a rule with an outcome Keyward does not know', () => {
    expect(
      issuesOf(airclouWith((definition) => ((definition.authTest.rules[0] as { outcome: string }).outcome = 'dead'))),
    ).not.toEqual([])
  })

  it('accepts the unchanged copy (so the refusals above are about the change)', () => {
    expect(issuesOf(airclouWith(() => {}))).toEqual([])
  })
})
