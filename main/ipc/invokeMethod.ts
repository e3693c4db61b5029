// Runs one contract method from untrusted input: checks the name and the argument against the
// contract, runs the handler, checks the result, and answers a Result. It never throws.
import { z } from 'zod'
import { contract, type ErrorBody, type FieldIssue, type MethodName, type Result } from '#contract'
import { isKeywardError } from '../common/errors'
import type { Handlers } from './handlerTypes'

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')

/** The refused fields by path, with the schema's words (which never quote the value). */
const fieldIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.slice(0, 3).map((issue) => ({ path: issue.path.map(String), message: issue.message }))

export const toErrorBody = (method: string, error: unknown): ErrorBody => {
  if (isKeywardError(error)) return { code: error.code, message: error.message }
  if (error instanceof z.ZodError)
    return { code: 'invalid_argument', message: describeIssues(error), issues: fieldIssues(error) }
  // Unexpected: log where it happened without the message, which could quote a value.
  const name = error instanceof Error ? error.name : typeof error
  const code = (error as { code?: unknown })?.code
  console.error(
    `[keyward] unexpected ${name}${typeof code === 'string' || typeof code === 'number' ? ` (${code})` : ''} in ${method}`,
  )
  return {
    code: 'internal',
    message:
      'Keyward hit an unexpected error and stopped that step; nothing it was writing was saved. Try again, and restart Keyward if it repeats.',
  }
}

export const invokeMethod = async (
  handlers: Handlers,
  name: string,
  rawArgument: unknown,
): Promise<Result<unknown>> => {
  if (typeof name !== 'string' || !Object.hasOwn(contract, name)) {
    // The name is echoed only when it reads as a method's name: anything else could be a pasted value.
    const shown = typeof name === 'string' && /^[A-Za-z]{1,40}$/.test(name) ? ` called "${name}"` : ' by that name'
    return { ok: false, error: { code: 'invalid_argument', message: `Keyward has no method${shown}.` } }
  }
  const method = contract[name as MethodName]
  const argument = method.input.safeParse(rawArgument)
  if (!argument.success) {
    return {
      ok: false,
      error: {
        code: 'invalid_argument',
        message: `Invalid request to ${name}: ${describeIssues(argument.error)}`,
        issues: fieldIssues(argument.error),
      },
    }
  }
  try {
    const handler = handlers[name as MethodName] as (input: unknown) => unknown
    const value = method.output.parse(await handler(argument.data))
    return { ok: true, value }
  } catch (error) {
    return { ok: false, error: toErrorBody(name, error) }
  }
}
