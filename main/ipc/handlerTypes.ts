// What a set of handlers is: one function per contract method, taking its checked argument, and the
// tools the areas' handlers share. Its own module, so the audit trail and invokeMethod, which wrap and
// call handlers, need not import the handlers themselves (which use the audit trail): no import
// circle in main/ipc.
import type { z } from 'zod'
import type { Contract, MethodName, MethodOutput } from '#contract'
import type { AskBeforeWiderReach } from '../key-test-service/index'
import type { OpenVault } from '../vault/index'

export type Handlers = {
  [Name in MethodName]: (
    argument: z.output<Contract[Name]['input']>,
  ) => Promise<MethodOutput<Name>> | MethodOutput<Name>
}

/** What several areas' handlers share, made once per set of handlers (handlers.ts). */
export interface HandlerTools {
  /** A change that widens where keys go waits for main's own message box, one question at a time. */
  askInMain: AskBeforeWiderReach
  /** The open vault, asked for again after a question (it may have been locked meanwhile). */
  vaultNow: () => OpenVault
  /** A value about to be shown or copied: counted against the allowance first (main paces them, not the window). */
  paced: (value: string) => string
}
