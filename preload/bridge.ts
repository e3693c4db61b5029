// Builds window.keyward from the contract: one function per method, each sending its own channel and
// exactly one argument. Pure (the transport is passed in) so a test checks the exact surface.
import { contract, type KeywardApi, type MethodName } from './contract'

/** Sends one call to main and answers its reply; ipcRenderer.invoke in the real preload. */
export type BridgeInvoke = (channel: string, argument: unknown) => Promise<unknown>

export const buildBridgeApi = (invoke: BridgeInvoke): KeywardApi => {
  const api: Record<string, (argument?: unknown) => Promise<unknown>> = {}
  for (const [name, { channel }] of Object.entries(contract) as [MethodName, { channel: string }][]) {
    // Only the first argument crosses: nothing else the page passes reaches main.
    api[name] = (argument?: unknown) => invoke(channel, argument)
  }
  return Object.freeze(api) as unknown as KeywardApi
}
