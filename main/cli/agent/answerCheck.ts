// The command's check of the agent's answer, written out by hand: exactly what protocol.ts's
// AgentAnswer schema accepts (test/unit/cli/agentAnswerCheck.test.ts holds the two together), without
// loading zod and the contract's schemas into every command the agent answers.
import { ERROR_CODES } from '#contract/contractWords'
import type { ErrorCode } from '#contract'
import type { AgentAnswer, AgentFailure } from './protocol'

type Fields = Record<string, unknown>

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const hasOnly = (fields: Fields, names: readonly string[]): boolean =>
  Object.keys(fields).every((name) => names.includes(name))
const isInteger = (value: unknown): value is number => Number.isSafeInteger(value)
const ERROR_CODE_SET: ReadonlySet<unknown> = new Set(ERROR_CODES)

/** One field issue as the contract's FieldIssue reads it (other fields dropped), or undefined. */
const fieldIssue = (issue: unknown): { path: string[]; message: string } | undefined => {
  if (!isRecord(issue) || typeof issue.message !== 'string' || !Array.isArray(issue.path)) return undefined
  if (!issue.path.every((part) => typeof part === 'string')) return undefined
  return { path: issue.path as string[], message: issue.message }
}

const failureOf = (failure: unknown): AgentFailure | undefined => {
  if (!isRecord(failure)) return undefined
  if (failure.kind === 'stopped') {
    return hasOnly(failure, ['kind', 'message', 'exitCode']) &&
      typeof failure.message === 'string' &&
      isInteger(failure.exitCode)
      ? { kind: 'stopped', message: failure.message, exitCode: failure.exitCode }
      : undefined
  }
  // The contract's ErrorBody is not strict: other fields are dropped, as zod drops them.
  if (failure.kind !== 'error' || !ERROR_CODE_SET.has(failure.code) || typeof failure.message !== 'string')
    return undefined
  const code = failure.code as ErrorCode
  if (failure.issues === undefined) return { kind: 'error', code, message: failure.message }
  if (!Array.isArray(failure.issues)) return undefined
  const issues = failure.issues.map(fieldIssue)
  if (issues.includes(undefined)) return undefined
  return { kind: 'error', code, message: failure.message, issues: issues as { path: string[]; message: string }[] }
}

/** The agent's reply as an AgentAnswer, or undefined when it is not one. */
export const readAgentAnswer = (reply: unknown): AgentAnswer | undefined => {
  if (!isRecord(reply) || !isInteger(reply.v)) return undefined
  if (reply.ok === true) {
    return 'value' in reply && hasOnly(reply, ['v', 'ok', 'value'])
      ? { v: reply.v, ok: true, value: reply.value }
      : undefined
  }
  if (reply.ok !== false || !hasOnly(reply, ['v', 'ok', 'failure'])) return undefined
  const failure = failureOf(reply.failure)
  return failure && { v: reply.v, ok: false, failure }
}
