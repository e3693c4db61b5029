// Binds every method of the contract to its IPC channel: one ipcMain.handle per channel, refusing a
// sender that is not the app's own frame before anything runs, then validating and running the call
// through invokeMethod. ipcMain comes in through a minimal interface so tests pass a fake.
import { contract, type ErrorBody, type MethodName, type Result } from '#contract'
import { invokeMethod, type Handlers } from './handlers'

/** The two methods of Electron's ipcMain this module uses. */
export interface IpcMainLike<Event = unknown> {
  handle(channel: string, listener: (event: Event, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

/** Runs a validated call; invokeMethod from handlers.ts, replaceable in tests. */
export type InvokeMethod = (handlers: Handlers, name: string, rawArgument: unknown) => Promise<Result<unknown>>

const refused = (code: ErrorBody['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
})

const FORBIDDEN_SENDER_MESSAGE =
  'This request did not come from the Keyward window, so it was refused. Restart Keyward if this keeps happening.'

/**
 * Registers one handler per contract method and answers a function that removes them all.
 * The preload sends exactly one argument per call; anything else is refused as invalid.
 */
export const registerContractHandlers = <Event>(
  ipcMain: IpcMainLike<Event>,
  handlers: Handlers,
  isTrustedSender: (event: Event) => boolean,
  invoke: InvokeMethod = invokeMethod,
): (() => void) => {
  const registered: string[] = []
  const entries = Object.entries(contract) as [MethodName, (typeof contract)[MethodName]][]

  const removeAll = () => {
    for (const channel of registered.splice(0)) ipcMain.removeHandler(channel)
  }

  try {
    for (const [name, { channel }] of entries) {
      ipcMain.handle(channel, async (event: Event, ...args: unknown[]): Promise<Result<unknown>> => {
        let trusted = false
        try {
          trusted = isTrustedSender(event)
        } catch {
          trusted = false
        }
        if (!trusted) return refused('forbidden_sender', FORBIDDEN_SENDER_MESSAGE)
        if (args.length > 1) {
          return refused('invalid_argument', `${name} takes one argument; it was called with ${args.length}.`)
        }
        try {
          return await invoke(handlers, name, args[0])
        } catch {
          // invokeMethod never throws; this keeps the promise of "errors are values" if it ever does.
          return refused('internal', `Keyward could not complete ${name}. Try again, or restart Keyward.`)
        }
      })
      registered.push(channel)
    }
  } catch (error) {
    // A channel already taken (Electron throws on a second handle): leave nothing half-registered.
    removeAll()
    throw error
  }

  return removeAll
}
