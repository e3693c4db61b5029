// What the app has asked of the stand-in, kept for the test to read (control.ts answers it on 'state').
import type { StandinState } from './controlMessages'

export const record: StandinState = {
  sandboxEnabled: false,
  singleInstanceLock: 'not-requested',
  secondInstances: [],
  privilegedSchemes: [],
  handledSchemes: [],
  served: [],
  windows: [],
  ipcChannels: [],
  ipcCalls: [],
  sessionHandlers: [],
  blockedRequests: [],
  downloads: [],
  preventedNavigations: [],
  openedExternally: [],
  applicationMenuSet: false,
  notifications: [],
  badgeCount: 0,
  dialogsShown: [],
  messageBoxesShown: [],
}
