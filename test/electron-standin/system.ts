// The small modules: clipboard (a file the test reads, so what it holds outlives the app as the
// system clipboard does), dialog (file dialogs and message boxes answer what the test queued), Notification (recorded, clicked by the
// test), powerMonitor (events the test sends), nativeTheme, shell, Menu, session (handlers recorded;
// onBeforeRequest applied to every page request in routing.ts, will-download to every download in
// windows.ts).
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
/** A queued answer that leaves the box open until main closes it with the options' signal. */
const HOLD = Symbol('nobody answers')
const messageBoxAnswers: (string | null | typeof HOLD)[] = []

/** The path the next file dialog answers; null: the user cancels. */
export const queueDialogAnswer = (path: string | null): void => void dialogAnswers.push(path)
/** The button (by its label) the next message box answers; null: the user cancels (Escape). */
export const queueMessageBoxAnswer = (button: string | null): void => void messageBoxAnswers.push(button)
/** The next message box is shown and left unanswered: Electron closes it as cancelled when main aborts its signal. */
export const holdNextMessageBox = (): void => void messageBoxAnswers.push(HOLD)

/** Where a dialog is attached: the app's BrowserWindow (Electron's BaseWindow has the same id). */
type DialogWindow = Pick<Electron.BaseWindow, 'id'>
const optionsOf = <Options extends object>(windowOrOptions: DialogWindow | Options, options?: Options): Options =>
  options ?? (windowOrOptions as Options)
/** The (window, options) form attaches the dialog to that window; the (options) form to none. */
const parentWindowIdOf = <Options extends object>(
  windowOrOptions: DialogWindow | Options,
  options?: Options,
): number | null => (options === undefined ? null : (windowOrOptions as DialogWindow).id)

/** Answers what the test queued, or Cancel (saying so) when nothing was queued. */
const nextAnswer = <Answer>(queue: (Answer | null)[], what: string): Answer | null => {
  if (queue.length === 0) {
    console.warn(`[electron stand-in] ${what} opened: answering Cancel`)
    return null
  }
  return queue.shift() ?? null
}

const nextDialogAnswer = (
  kind: 'open' | 'save',
  title: string | undefined,
  parentWindowId: number | null,
): string | null => {
  const answered = nextAnswer(dialogAnswers, `a ${kind} dialog ("${title ?? ''}")`)
  record.dialogsShown.push({ kind, title: title ?? null, answered, parentWindowId })
  return answered
}

/** Electron's Escape answer: cancelId, else the first button labelled Cancel or No, else the first. */
const cancelIdOf = ({ cancelId, buttons = [] }: Electron.MessageBoxOptions): number =>
  cancelId ??
  Math.max(
    0,
    buttons.findIndex((label) => /^(cancel|no)$/i.test(label)),
  )

// Overloaded as Electron's are, so a caller generic over the window (main/app's DialogLike) infers it.
function showOpenDialog(
  window: DialogWindow,
  options: Electron.OpenDialogOptions,
): Promise<Electron.OpenDialogReturnValue>
function showOpenDialog(options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue>
async function showOpenDialog(
  windowOrOptions: DialogWindow | Electron.OpenDialogOptions,
  maybeOptions?: Electron.OpenDialogOptions,
): Promise<Electron.OpenDialogReturnValue> {
  const options = optionsOf(windowOrOptions, maybeOptions)
  const chosen = nextDialogAnswer('open', options.title, parentWindowIdOf(windowOrOptions, maybeOptions))
  return chosen === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [chosen] }
}

function showSaveDialog(
  window: DialogWindow,
  options: Electron.SaveDialogOptions,
): Promise<Electron.SaveDialogReturnValue>
function showSaveDialog(options: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue>
async function showSaveDialog(
  windowOrOptions: DialogWindow | Electron.SaveDialogOptions,
  maybeOptions?: Electron.SaveDialogOptions,
): Promise<Electron.SaveDialogReturnValue> {
  const options = optionsOf(windowOrOptions, maybeOptions)
  const chosen = nextDialogAnswer('save', options.title, parentWindowIdOf(windowOrOptions, maybeOptions))
  return chosen === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: chosen }
}

function showMessageBox(
  window: DialogWindow,
  options: Electron.MessageBoxOptions,
): Promise<Electron.MessageBoxReturnValue>
function showMessageBox(options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue>
async function showMessageBox(
  windowOrOptions: DialogWindow | Electron.MessageBoxOptions,
  maybeOptions?: Electron.MessageBoxOptions,
): Promise<Electron.MessageBoxReturnValue> {
  const options = optionsOf(windowOrOptions, maybeOptions)
  const buttons = options.buttons ?? []
  const cancelId = cancelIdOf(options)
  const chosen = nextAnswer(messageBoxAnswers, `a message box ("${options.title ?? ''}")`)
  const parentWindowId = parentWindowIdOf(windowOrOptions, maybeOptions)
  const shown = {
    type: options.type ?? 'none',
    title: options.title ?? null,
    message: options.message,
    detail: options.detail ?? null,
    buttons,
    defaultId: options.defaultId ?? 0,
    cancelId,
    answered: null as string | null,
    parentWindowId,
  }
  if (chosen === HOLD) {
    // Recorded while open; with no signal it stays open, as a box nobody answers does.
    record.messageBoxesShown.push(shown)
    const signal = options.signal
    await new Promise<void>((resolve) => {
      if (signal?.aborted) resolve()
      else signal?.addEventListener('abort', () => resolve(), { once: true })
    })
    shown.answered = buttons[cancelId] ?? null
    return { response: cancelId, checkboxChecked: options.checkboxChecked ?? false }
  }
  const response = chosen === null ? cancelId : buttons.indexOf(chosen)
  // A test answering with a button the box does not have is the test's mistake: fail it loudly.
  if (response === -1)
    throw new Error(`The test answered "${chosen}", but the message box's buttons are ${JSON.stringify(buttons)}.`)
  shown.answered = buttons[response] ?? null
  record.messageBoxesShown.push(shown)
  return { response, checkboxChecked: options.checkboxChecked ?? false }
}

export const dialog = { showOpenDialog, showSaveDialog, showMessageBox } satisfies Pick<
  Electron.Dialog,
  'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'
>

const shownNotifications: Notification[] = []

/** Clicks a notification the app showed (by order of showing), as the desktop would on a user's click. */
export const clickNotification = (index: number): void => {
  const shown = shownNotifications[index]
  if (shown === undefined)
    throw new Error(`No notification number ${index} was shown (${shownNotifications.length} were).`)
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

  override on(eventName: string | symbol, listener: Parameters<EventEmitter['on']>[1]): this {
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
