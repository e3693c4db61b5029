// The agent's wire format: one JSON object per line each way (a request, then its answer), with the
// protocol's version in both, a size limit on what the agent reads, and zod checking every request.
// The fixed parts live in wire.ts (no zod), so that a command asking the agent loads none of this.
import { z } from 'zod'
import { ErrorBody } from '#contract'
import { JOB_NAMES } from './wire'

export {
  JOB_NAMES,
  MAX_ANSWER_BYTES,
  MAX_REQUEST_BYTES,
  PROTOCOL_VERSION,
  REQUEST_READ_TIMEOUT_MS,
  encodeLine,
  type JobName,
} from './wire'

export const AgentRequest = z.discriminatedUnion('op', [
  z.strictObject({ v: z.number().int(), op: z.literal('status') }),
  z.strictObject({ v: z.number().int(), op: z.literal('lock') }),
  z.strictObject({ v: z.number().int(), op: z.literal('job'), job: z.enum(JOB_NAMES), input: z.unknown() }),
])
export type AgentRequest = z.infer<typeof AgentRequest>

export const AgentStatus = z.strictObject({
  vaultPath: z.string(),
  pid: z.number().int(),
  keyCount: z.number().int(),
  unlockedAt: z.string(),
  /** When the agent locks if nothing asks it anything before then. */
  locksAt: z.string(),
  idleSeconds: z.number().int(),
})
export type AgentStatus = z.infer<typeof AgentStatus>

/** A failure as the command shows it: a KeywardError's code, or a command stopped with its exit code. */
export const AgentFailure = z.union([
  ErrorBody.extend({ kind: z.literal('error') }),
  z.strictObject({ kind: z.literal('stopped'), message: z.string(), exitCode: z.number().int() }),
])
export type AgentFailure = z.infer<typeof AgentFailure>

export const AgentAnswer = z.union([
  z.strictObject({ v: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ v: z.number().int(), ok: z.literal(false), failure: AgentFailure }),
])
export type AgentAnswer = z.infer<typeof AgentAnswer>

/** A request line as the agent or the app reads it: the request, or null for anything that is not one. */
export const parseAgentRequest = (line: string): AgentRequest | null => {
  try {
    const parsed = AgentRequest.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The failure both servers answer to a line that is not a request. */
export const NOT_A_REQUEST: AgentFailure = {
  kind: 'error',
  code: 'invalid_argument',
  message: 'That is not a request the agent knows.',
}
