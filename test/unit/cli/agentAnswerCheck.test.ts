// The command's hand-written check of the agent's answer (main/cli/agent/answerCheck.ts) accepts and
// reads exactly what protocol.ts's AgentAnswer schema does: on answers made to be near the edge of
// the shape (a field missing, one too many, a wrong type, an unknown error code), and on the cases
// that matter most named one by one.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '#contract/contractWords'
import { readAgentAnswer } from '../../../main/cli/agent/answerCheck'
import { AgentAnswer } from '../../../main/cli/agent/protocol'

const zodReading = (reply: unknown) => {
  const parsed = AgentAnswer.safeParse(reply)
  return parsed.success ? parsed.data : undefined
}

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.array(fc.string(), { maxLength: 2 }),
)
const integerLike = fc.oneof(fc.integer(), fc.constant(1.5), fc.constant(2 ** 60), fc.string(), fc.constant(null))
const code = fc.oneof(fc.constantFrom(...ERROR_CODES), fc.constant('no_such_code'), fc.integer())
const issue = fc.record(
  {
    path: fc.oneof(fc.array(fc.string(), { maxLength: 2 }), fc.array(fc.integer(), { maxLength: 1 })),
    message: anyValue,
    extra: anyValue,
  },
  { requiredKeys: [] },
)
const failure = fc.oneof(
  fc.record(
    {
      kind: fc.constant('error'),
      code,
      message: fc.oneof(fc.string(), anyValue),
      issues: fc.oneof(fc.array(issue, { maxLength: 2 }), anyValue),
      extra: anyValue,
    },
    { requiredKeys: [] },
  ),
  fc.record(
    { kind: fc.constant('stopped'), message: fc.oneof(fc.string(), anyValue), exitCode: integerLike, extra: anyValue },
    { requiredKeys: [] },
  ),
  anyValue,
)
const reply = fc.oneof(
  fc.record(
    { v: integerLike, ok: fc.oneof(fc.boolean(), anyValue), value: anyValue, failure, extra: anyValue },
    { requiredKeys: [] },
  ),
  anyValue,
)

describe("the command's check of an agent answer", () => {
  it('reads every generated reply as the zod schema does', () => {
    fc.assert(
      fc.property(reply, (candidate) => {
        // Through JSON, as a reply arrives: no undefined fields, no NaN.
        const sent = candidate === undefined ? null : (JSON.parse(JSON.stringify(candidate)) as unknown)
        expect(readAgentAnswer(sent)).toEqual(zodReading(sent))
      }),
      { numRuns: 5000 },
    )
  })

  it.each([
    ['a value', { v: 1, ok: true, value: { keys: [] } }, true],
    ['a value of null', { v: 1, ok: true, value: null }, true],
    ['no value at all', { v: 1, ok: true }, false],
    ['a field too many', { v: 1, ok: true, value: 1, more: 1 }, false],
    ['a fractional version', { v: 1.5, ok: true, value: 1 }, false],
    ['an error', { v: 1, ok: false, failure: { kind: 'error', code: 'vault_locked', message: 'locked' } }, true],
    ['an unknown error code', { v: 1, ok: false, failure: { kind: 'error', code: 'nope', message: 'x' } }, false],
    [
      'a stop with a field too many',
      { v: 1, ok: false, failure: { kind: 'stopped', message: 'x', exitCode: 1, x: 1 } },
      false,
    ],
    [
      'an error with issues',
      {
        v: 1,
        ok: false,
        failure: { kind: 'error', code: 'internal', message: 'x', issues: [{ path: ['a'], message: 'm', x: 1 }] },
      },
      true,
    ],
  ])('%s: accepted %s as zod does', (_name, candidate, accepted) => {
    expect(zodReading(candidate) !== undefined).toBe(accepted)
    expect(readAgentAnswer(candidate)).toEqual(zodReading(candidate))
  })
})
