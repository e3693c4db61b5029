// What the test and the stand-in say to each other over the child's IPC channel (no port, no token:
// only the parent that spawned the app can write to it).
export type PowerEventName = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen'

export type ControlRequest =
  | { kind: 'answer-dialog'; path: string | null }
  /** The button label the next message box answers; null: Escape, its cancel button. */
  | { kind: 'answer-message-box'; button: string | null }
  /** The next message box stays open, as if nobody answered, until main closes it (its signal): its cancel button. */
  | { kind: 'hold-message-box' }
  | { kind: 'power'; event: PowerEventName }
  /** A click on the index-th notification shown, as the user clicking it in the desktop's tray. */
  | { kind: 'click-notification'; index: number }
  | { kind: 'state' }
  | { kind: 'quit' }

export type ControlEnvelope = { id: number } & ControlRequest

export type ControlAnswer = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string }

/** Sent unasked when a window has loaded: where the test's Playwright connects to reach its page. */
export interface WindowLoadedNotice {
  kind: 'window-loaded'
  webContentsId: number
  /** The page's address in Chromium (the app:// URL is served there; see schemes.ts). */
  pageUrl: string
  cdpUrl: string
}

export interface ServedRequest {
  url: string
  status: number
}

/** What the app asked of Electron so far, for tests to assert on. */
export interface StandinState {
  sandboxEnabled: boolean
  singleInstanceLock: 'not-requested' | 'held' | 'refused'
  secondInstances: { argv: string[]; workingDirectory: string }[]
  privilegedSchemes: { scheme: string; registeredBeforeReady: boolean; privileges: Record<string, unknown> }[]
  handledSchemes: string[]
  served: ServedRequest[]
  windows: {
    id: number
    options: Record<string, unknown>
    loadedUrls: string[]
    visible: boolean
    focusCount: number
    destroyed: boolean
  }[]
  ipcChannels: string[]
  ipcCalls: { channel: string; senderFrameUrl: string | null; mainFrame: boolean }[]
  sessionHandlers: string[]
  blockedRequests: string[]
  /** Downloads a page started: the session's will-download listeners either prevented them or not. */
  downloads: { url: string; prevented: boolean }[]
  preventedNavigations: string[]
  openedExternally: string[]
  applicationMenuSet: boolean
  notifications: { title: string; body: string }[]
  badgeCount: number
  /** parentWindowId: the BrowserWindow the dialog was attached to (modal to it), or null. */
  dialogsShown: {
    kind: 'open' | 'save'
    title: string | null
    answered: string | null
    parentWindowId: number | null
  }[]
  /** dialog.showMessageBox: what it said, its buttons, and the label of the one answered. */
  messageBoxesShown: {
    type: string
    title: string | null
    message: string
    detail: string | null
    buttons: string[]
    defaultId: number
    cancelId: number
    answered: string | null
    parentWindowId: number | null
  }[]
}
