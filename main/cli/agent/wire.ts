// The agent protocol's fixed parts, without zod: its version, its limits, the job names and the line
// format. The command's side (client.ts) needs only these and answerCheck.ts, so asking the agent
// loads no schema library; protocol.ts builds the agent's request schemas on them and exports them
// again.

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

/** One line of JSON, as written on the socket. */
export const encodeLine = (message: unknown): string => `${JSON.stringify(message)}\n`
