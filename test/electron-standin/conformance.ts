// Compile-time only: each stand-in member main/app uses, held against Electron's own declaration of
// it, so `npm run typecheck` (tsconfig.standin.json) fails when Electron changes a signature the
// stand-in copies. Event names and payloads are not covered: the stand-in's emitters are Node's.
import type { app, BrowserWindow, Menu, Notification, powerMonitor, session, WebContents } from './electron'

/** Compiles only when Actual can stand where Expected is wanted. */
type Conforms<Actual extends Expected, Expected> = Actual

type AppMembers =
  | 'enableSandbox'
  | 'whenReady'
  | 'isReady'
  | 'isPackaged'
  | 'getName'
  | 'requestSingleInstanceLock'
  | 'setBadgeCount'
  | 'quit'
  | 'exit'
export type AppConforms = Conforms<Pick<typeof app, AppMembers>, Pick<Electron.App, AppMembers>>

export type BrowserWindowConstructorConforms = Conforms<
  typeof BrowserWindow,
  { new (options?: Electron.BrowserWindowConstructorOptions): unknown; getAllWindows(): unknown[] }
>

type WindowMembers =
  | 'loadURL'
  | 'show'
  | 'focus'
  | 'isMinimized'
  | 'restore'
  | 'isVisible'
  | 'isDestroyed'
  | 'close'
  | 'destroy'
  | 'id'
export type BrowserWindowConforms = Conforms<
  Pick<BrowserWindow, WindowMembers>,
  Pick<Electron.BrowserWindow, WindowMembers>
>

type WebContentsMembers = 'id' | 'getURL' | 'isDestroyed'
export type WebContentsConforms = Conforms<
  Pick<WebContents, WebContentsMembers>,
  Pick<Electron.WebContents, WebContentsMembers>
>
/** The window-open handler main sets is one Electron would accept, and what it answers is Electron's answer. */
export type WindowOpenHandlerConforms = Conforms<
  Parameters<Electron.WebContents['setWindowOpenHandler']>[0],
  Parameters<WebContents['setWindowOpenHandler']>[0]
>

type SessionMembers = 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
type StandinSession = (typeof session)['defaultSession']
export type SessionConforms = Conforms<Pick<StandinSession, SessionMembers>, Pick<Electron.Session, SessionMembers>>

export type NotificationConforms = Conforms<
  typeof Notification,
  {
    new (
      options?: Electron.NotificationConstructorOptions,
    ): Pick<Electron.Notification, 'show' | 'close' | 'title' | 'body'>
    isSupported(): boolean
  }
>

export type MenuConforms = Conforms<
  Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>,
  {
    buildFromTemplate(template: Parameters<typeof Electron.Menu.buildFromTemplate>[0]): unknown
    setApplicationMenu(menu: Menu | null): void
  }
>
export type MenuTemplateConforms = Conforms<
  Parameters<typeof Electron.Menu.buildFromTemplate>[0],
  Parameters<typeof Menu.buildFromTemplate>[0]
>

/** powerMonitor takes the listeners main gives it for the events main names. */
export type PowerMonitorConforms = Conforms<
  Pick<typeof powerMonitor, 'on' | 'removeListener'>,
  {
    on(event: 'suspend' | 'lock-screen' | 'resume' | 'unlock-screen', listener: () => void): unknown
    removeListener(event: 'suspend' | 'lock-screen' | 'resume' | 'unlock-screen', listener: () => void): unknown
  }
>
