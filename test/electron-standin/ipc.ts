// ipcMain: one handler per channel, as Electron's ipcMain.handle; windows.ts calls invokeFromPage for
// each ipcRenderer.invoke the page's preload makes, with the sender and frame Electron would give.
import { record } from './record'

/** Electron's own listener type (it answers any value, or a promise of one). */
type InvokeListener = Parameters<Electron.IpcMain['handle']>[1]

const handlers = new Map<string, InvokeListener>()

export const ipcMain = {
  handle(channel: string, listener: InvokeListener): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    handlers.set(channel, listener)
    record.ipcChannels.push(channel)
  },
  removeHandler(channel: string): void {
    handlers.delete(channel)
    record.ipcChannels = record.ipcChannels.filter((registered) => registered !== channel)
  },
} satisfies Pick<Electron.IpcMain, 'handle' | 'removeHandler'>

/** The part of IpcMainInvokeEvent the stand-in fills: who sent the call, from which frame. */
export interface StandinInvokeEvent {
  sender: { id: number }
  senderFrame: { url: string; parent: unknown; top: unknown } | null
  frameId: number
  processId: number
}

/** What ipcRenderer.invoke answers: the handler's value, or Electron's error for a missing or failing one. */
export const invokeFromPage = async (event: StandinInvokeEvent, channel: string, args: unknown[]): Promise<unknown> => {
  const listener = handlers.get(channel)
  if (listener === undefined)
    throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`)
  try {
    // Electron's IpcMainInvokeEvent has more fields; the stand-in gives the ones an app reads to decide trust.
    return await listener(event as unknown as Electron.IpcMainInvokeEvent, ...args)
  } catch (error) {
    throw new Error(`Error invoking remote method '${channel}': ${String(error)}`)
  }
}
