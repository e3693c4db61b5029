// Turning whatever stopped a command into one line for stderr and an exit code. Only messages made
// for people are shown: no stack traces, and never a secret value.
import { CommanderError } from 'commander'
import { isKeywardError } from '../common/errors'
import { PromptCanceled } from './prompt'

/** A command that ends early on purpose (the user answered no), with a message and exit code. */
export class CommandStopped extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message)
    this.name = 'CommandStopped'
  }
}

/**
 * zod's error, known by its name and issues: importing zod to test for it would load zod for every
 * command, the ones the agent answers included.
 */
const isZodError = (error: unknown): error is Error & { issues: { message: string }[] } =>
  error instanceof Error && error.name === 'ZodError' && Array.isArray((error as { issues?: unknown }).issues)

export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2
export const EXIT_CANCELED = 130

export interface Failure {
  /** Already printed (commander prints its own usage errors). */
  message: string | null
  exitCode: number
}

/** debug (KEYWARD_DEBUG=1) adds an unexpected error's own message, which could quote anything. */
export const describeFailure = (error: unknown, { debug = false } = {}): Failure => {
  if (error instanceof CommanderError) {
    // Help and --version end with code 0; every other commander error is a usage error.
    return { message: null, exitCode: error.exitCode === 0 ? 0 : EXIT_USAGE }
  }
  if (isKeywardError(error)) return { message: error.message, exitCode: EXIT_FAILURE }
  if (error instanceof CommandStopped) return { message: error.message, exitCode: error.exitCode }
  if (error instanceof PromptCanceled) return { message: error.message, exitCode: EXIT_CANCELED }
  if (isZodError(error)) {
    return { message: `Invalid input: ${error.issues[0]?.message ?? 'not valid'}.`, exitCode: EXIT_FAILURE }
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const name = error instanceof Error ? error.name : 'Error'
  const detail = debug && error instanceof Error ? `: ${error.message}` : ''
  return {
    message: `Something unexpected went wrong (${code ?? name}${detail}). Please report this if it happens again${debug ? '' : '; KEYWARD_DEBUG=1 shows more'}.`,
    exitCode: EXIT_FAILURE,
  }
}
