// The agent's wire format: one JSON object per line each way (a request, then its answer), with the
// protocol's version in both, a size limit on what the agent reads, and zod checking every request.
import { z } from 'zod'
import { ErrorBody } from '../../../preload/contract'

/** Raised whenever a request or answer changes shape; an agent of another version is refused. */
export const PROTOCOL_VERSION = 1

/** The largest request the agent reads (a run's references, a template's): past it, the client is dropped. */
export const MAX_REQUEST_BYTES = 256 * 1024
/** The largest answer a command reads (10,000 keys listed are about 6 MB). */
export const MAX_ANSWER_BYTES = 128 * 1024 * 1024
/** A client that has not sent its whole request by then is dropped, so it holds nothing open. */
export const REQUEST_READ_TIMEOUT_MS = 5_000

/** The names of the jobs the agent does for commands (each defined once, in jobs.ts). */
export const JOB_NAMES = ['list', 'resolve', 'run', 'scan', 'test', 'due', 'export'] as const
export type JobName = (typeof JOB_NAMES)[number]

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

/** One line of JSON, as written on the socket. */
export const encodeLine = (message: unknown): string => `${JSON.stringify(message)}\n`
