// Keys as environment variables: the variable each lands on, dotenv lines, and an environment's view.
import { parse } from 'dotenv'
import { describe, expect, it } from 'vitest'
import type { Environment } from '#contract'
import { defaultEnvVarName, envLineFor, resolveEnvironmentView } from '../../../main/reference-service/index'

describe('defaultEnvVarName', () => {
  it("is the key's env var, else its provider's, else one made from the provider id, else from its name", () => {
    expect(defaultEnvVarName({ name: 'Clipia live', provider: 'clipia', envVar: 'BILLING_KEY' })).toBe('BILLING_KEY')
    expect(defaultEnvVarName({ name: 'Clipia live', provider: 'clipia', envVar: null })).toBe('CLIPIA_KEY')
    expect(defaultEnvVarName({ name: 'Clara live', provider: 'agentclara', envVar: null })).toBe('AGENTCLARA_API_KEY')
    expect(defaultEnvVarName({ name: 'Mine', provider: 'my-llm', envVar: null })).toBe('MY_LLM_KEY')
    expect(
      defaultEnvVarName({ name: 'Mine', provider: 'my-llm', envVar: null }, [{ id: 'my-llm', envVar: 'MYLLM_TOKEN' }]),
    ).toBe('MYLLM_TOKEN')
    expect(defaultEnvVarName({ name: 'notes token', provider: null, envVar: null })).toBe('NOTES_TOKEN')
  })
})

describe('envLineFor', () => {
  it('writes lines dotenv reads back exactly', () => {
    const values = [
      'plain_value-1.2',
      'with space',
      "it's",
      'a "quoted" \\ back',
      'two\nlines',
      '#hash',
      'keyward://Clipia live',
    ]
    for (const value of values) {
      expect(parse(envLineFor('VALUE', value)).VALUE).toBe(value)
    }
    expect(envLineFor('CLIPIA_KEY', 'keyward://Clipia live')).toBe("CLIPIA_KEY='keyward://Clipia live'")
  })

  it('refuses a name that is not a variable name', () => {
    expect(() => envLineFor('1BAD', 'x')).toThrow(/not a variable name/)
    expect(() => envLineFor('A-B', 'x')).toThrow(/not a variable name/)
  })
})

const record = (
  id: string,
  name: string,
  provider: string | null,
  environment: Environment,
  envVar: string | null,
) => ({
  id,
  name,
  provider,
  environment,
  envVar,
  maskedValue: `${provider ?? ''}••••${id}`,
})

describe('resolveEnvironmentView', () => {
  const keys = [
    record('1', 'Clipia live', 'clipia', 'live', 'CLIPIA_KEY'),
    record('2', 'Clipia backup', 'clipia', 'live', null),
    record('3', 'Clipia test', 'clipia', 'test', 'CLIPIA_KEY'),
    record('4', 'Clara live', 'agentclara', 'live', null),
    record('5', 'agentclara/live/Clara live', null, 'live', 'ODD_ONE'),
  ]

  it('lists each key of the environment as its variable, reference and masked value', () => {
    const view = resolveEnvironmentView(keys, 'live')
    expect(view.variables.map((entry) => [entry.variable, entry.keyName, entry.reference, entry.status])).toEqual([
      ['AGENTCLARA_API_KEY', 'Clara live', 'keyward://Clara live', 'ok'],
      ['CLIPIA_KEY', 'Clipia backup', 'keyward://Clipia backup', 'clash'],
      ['CLIPIA_KEY', 'Clipia live', 'keyward://Clipia live', 'clash'],
      ['ODD_ONE', 'agentclara/live/Clara live', 'keyward://agentclara%2Flive%2FClara live', 'ok'],
    ])
    expect(view.variables[1]!.problem).toBe(
      'CLIPIA_KEY is also set by "Clipia live"; give one of them another env var.',
    )
    expect(view.variables[0]).toMatchObject({
      maskedValue: 'agentclara••••4',
      line: "AGENTCLARA_API_KEY='keyward://Clara live'",
      problem: null,
    })
    expect(view.template.split('\n')[0]).toBe("AGENTCLARA_API_KEY='keyward://Clara live'")
  })

  it('holds no values, only masks', () => {
    const view = resolveEnvironmentView(keys, 'test')
    expect(view.variables).toHaveLength(1)
    expect(Object.keys(view.variables[0]!).sort()).toEqual(
      ['keyId', 'keyName', 'line', 'maskedValue', 'problem', 'provider', 'reference', 'status', 'variable'].sort(),
    )
  })
})
