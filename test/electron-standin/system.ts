// The small modules: clipboard (a file the test reads, so what it holds outlives the app as the
// system clipboard does), dialog (answers the test queued), Notification (recorded, clicked by the
// test), powerMonitor (events the test sends), nativeTheme, shell, Menu, session (handlers recorded;
// onBeforeRequest applied to every page request and will-download to every download in windows.ts).
import { EventEmitter } from 'node:events'
import { readFileSync, writeFileSync } from 'node:fs'
import { record } from './record'

const clipboardFile = process.env.KEYWARD_STANDIN_CLIPBOARD
let clipboardInMemory = ''

export const clipboard = {
  async readText(): Promise<string> {
    if (!clipboardFile) return clipboardInMemory
    try {
      return readFileSync(clipboardFile, 'utf8')
    } catch {
      return ''
    }
  },
  async writeText(text: string): Promise<void> {
    if (clipboardFile) writeFileSync(clipboardFile, text, { mode: 0o600 })
    else clipboardInMemory = text
  },
} satisfies Pick<Electron.Clipboard, 'readText' | 'writeText'>

const dialogAnswers: (string | null)[] = []

/** The path the next file dialog answers; null: the user cancels. */
export const queueDialogAnswer = (path: string | null): void => void dialogAnswers.push(path)

const nextDialogAnswer = (kind: 'open' | 'save', title: string | undefined, parent: DialogWindow | null): string | null => {
  const answered = dialogAnswers.length > 0 ? (dialogAnswers.shift() ?? null) : null
  if (answered === null && dialogAnswers.length === 0) {
    console.warn(`[electron stand-in] a ${kind} dialog ("${title ?? ''}") opened: answering Cancel`)
  }
  const parentWindowId = parent === null ? null : ((parent as { id?: number }).id ?? null)
  record.dialogsShown.push({ kind, title: title ?? null, answered, parentWindowId })
  return answered
}

type DialogWindow = unknown
const optionsOf = <Options>(windowOrOptions: DialogWindow | Options, options?: Options): Options =>
  (options ?? windowOrOptions) as Options
/** The (window, options) form attaches the dialog to that window; the (options) form to none. */
const parentOf = <Options>(windowOrOptions: DialogWindow | Options, options?: Options): DialogWindow | null =>
  options === undefined ? null : windowOrOptions

export const dialog = {
  async showOpenDialog(
    windowOrOptions: DialogWindow | Electron.OpenDialogOptions,
    maybeOptions?: Electron.OpenDialogOptions,
  ): Promise<Electron.OpenDialogReturnValue> {
    const options = optionsOf(windowOrOptions, maybeOptions)
    const chosen = nextDialogAnswer('open', options.title, parentOf(windowOrOptions, maybeOptions))
    return chosen === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [chosen] }
  },
  async showSaveDialog(
    windowOrOptions: DialogWindow | Electron.SaveDialogOptions,
    maybeOptions?: Electron.SaveDialogOptions,
  ): Promise<Electron.SaveDialogReturnValue> {
    const options = optionsOf(windowOrOptions, maybeOptions)
    const chosen = nextDialogAnswer('save', options.title, parentOf(windowOrOptions, maybeOptions))
    return chosen === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: chosen }
  },
} satisfies Pick<Electron.Dialog, 'showOpenDialog' | 'showSaveDialog'>

const shownNotifications: Notification[] = []

/** Clicks a notification the app showed (by order of showing), as the desktop would on a user's click. */
export const clickNotification = (index: number): void => {
  const shown = shownNotifications[index]
  if (shown === undefined) throw new Error(`No notification number ${index} was shown (${shownNotifications.length} were).`)
  shown.emit('click', { preventDefault: () => undefined, defaultPrevented: false })
}

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true
  }

  readonly title: string
  readonly body: string

  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super()
    this.title = options.title ?? ''
    this.body = options.body ?? ''
  }

  show(): void {
    shownNotifications.push(this)
    record.notifications.push({ title: this.title, body: this.body })
    this.emit('show', { preventDefault: () => undefined, defaultPrevented: false })
  }

  close(): void {
    this.emit('close', { preventDefault: () => undefined, defaultPrevented: false })
  }
}

/** Emits what the test sends (control.ts): 'suspend', 'lock-screen', … as the OS would. */
export const powerMonitor = new EventEmitter()

export const nativeTheme = {
  // The e2e specs run in light; a dark OS theme would only change the window's first paint.
  shouldUseDarkColors: false,
} satisfies Pick<Electron.NativeTheme, 'shouldUseDarkColors'>

export const shell = {
  async openExternal(url: string): Promise<void> {
    record.openedExternally.push(url)
  },
} satisfies Pick<Electron.Shell, 'openExternal'>

/** A menu the app built; the stand-in shows none (Chromium has no menu bar), it only records it. */
export class Menu {
  static buildFromTemplate(template: (Electron.MenuItemConstructorOptions | Electron.MenuItem)[]): Menu {
    return new Menu(template)
  }

  static setApplicationMenu(menu: Menu | null): void {
    record.applicationMenuSet = menu !== null
  }

  private constructor(readonly template: (Electron.MenuItemConstructorOptions | Electron.MenuItem)[]) {}
}

type BeforeRequestListener = (
  details: Electron.OnBeforeRequestListenerDetails,
  callback: (response: Electron.CallbackResponse) => void,
) => void

class StandinSession extends EventEmitter {
  beforeRequest: BeforeRequestListener | null = null

  readonly webRequest = {
    onBeforeRequest: (
      filterOrListener: Electron.WebRequestFilter | BeforeRequestListener | null,
      maybeListener?: BeforeRequestListener | null,
    ): void => {
      const listener = typeof filterOrListener === 'function' ? filterOrListener : (maybeListener ?? null)
      // Electron keeps one listener per event: a second call replaces the first.
      this.beforeRequest = listener
      record.sessionHandlers.push('webRequest.onBeforeRequest')
    },
  } satisfies Pick<Electron.WebRequest, 'onBeforeRequest'>

  setPermissionRequestHandler(handler: Parameters<Electron.Session['setPermissionRequestHandler']>[0]): void {
    record.sessionHandlers.push(`setPermissionRequestHandler:${handler === null ? 'cleared' : 'set'}`)
  }

  setPermissionCheckHandler(handler: Parameters<Electron.Session['setPermissionCheckHandler']>[0]): void {
    record.sessionHandlers.push(`setPermissionCheckHandler:${handler === null ? 'cleared' : 'set'}`)
  }

  setDevicePermissionHandler(handler: Parameters<Electron.Session['setDevicePermissionHandler']>[0]): void {
    record.sessionHandlers.push(`setDevicePermissionHandler:${handler === null ? 'cleared' : 'set'}`)
  }

  override on(eventName: string | symbol, listener: (...args: any[]) => void): this {
    if (eventName === 'will-download') record.sessionHandlers.push('will-download')
    return super.on(eventName, listener)
  }
}

export type { StandinSession }

let defaultSession: StandinSession | null = null

/** The default session, made at ready (app emits 'session-created' for it then). */
export const createDefaultSession = (): StandinSession => {
  defaultSession ??= new StandinSession()
  return defaultSession
}

export const session = {
  get defaultSession(): StandinSession {
    if (defaultSession === null) throw new Error('session.defaultSession is available only once the app is ready.')
    return defaultSession
  },
}
