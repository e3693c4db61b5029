// Calls contract methods the way the renderer does (through invokeMethod), for integration tests:
// call() answers the value or fails the test, callError() answers the error or fails the test.
import type { MethodName, MethodOutput } from '#contract'
import { invokeMethod, type Handlers } from '../../main/ipc/handlers'

export const bridgeCalls = (handlers: () => Handlers) => ({
  call: async <Name extends MethodName>(name: Name, argument?: unknown): Promise<MethodOutput<Name>> => {
    const result = await invokeMethod(handlers(), name, argument)
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`)
    return result.value as MethodOutput<Name>
  },
  callError: async (name: string, argument?: unknown) => {
    const result = await invokeMethod(handlers(), name, argument)
    if (result.ok) throw new Error(`${name} unexpectedly succeeded`)
    return result.error
  },
})
