// The one way the renderer talks to main: a typed call to window.keyward that always answers a Result,
// even when the bridge itself fails, so no component ever sees a thrown error or a stack trace.
import type { MethodInput, MethodName, MethodOutput, Result } from '#contract'

const bridgeFailure = (name: MethodName): Result<never> => ({
  ok: false,
  error: {
    code: 'internal',
    message: `Keyward could not reach its vault service (${name}). Restart Keyward and try again.`,
  },
})

export const callKeyward = async <Name extends MethodName>(
  name: Name,
  ...argument: undefined extends MethodInput<Name> ? [argument?: MethodInput<Name>] : [argument: MethodInput<Name>]
): Promise<Result<MethodOutput<Name>>> => {
  const method = window.keyward?.[name] as
    | ((argument?: MethodInput<Name>) => Promise<Result<MethodOutput<Name>>>)
    | undefined
  if (typeof method !== 'function') return bridgeFailure(name)
  try {
    const result = await method(argument[0])
    if (result && typeof result === 'object' && 'ok' in result) return result
    return bridgeFailure(name)
  } catch {
    return bridgeFailure(name)
  }
}
