// What a set of handlers is: one function per contract method, taking its checked argument. Its own
// module, so the audit trail and invokeMethod, which wrap and call handlers, need not import the
// handlers themselves (which use the audit trail): no import circle in main/ipc.
import type { z } from 'zod'
import type { Contract, MethodName, MethodOutput } from '#contract'

export type Handlers = {
  [Name in MethodName]: (
    argument: z.output<Contract[Name]['input']>,
  ) => Promise<MethodOutput<Name>> | MethodOutput<Name>
}
