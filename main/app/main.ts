// The Electron entry (built to out/main/index.js): thin glue that hands Electron's modules to the
// pure pieces beside it. Every decision (window options, what may navigate, which sender is trusted,
// which file the protocol serves) lives in a module that does not import electron and is tested.
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  type IpcMainInvokeEvent,
  Menu,
  nativeTheme,
  Notification,
  net,
  powerMonitor,
  protocol,
  session as electronSession,
  shell,
} from 'electron'
import {
  createHandlers,
  createSenderCheck,
  createServices,
  disposeServices,
  registerContractHandlers,
  type MainServices,
} from '../ipc/index'
import { systemClock } from '../common/clock'
import type { ReminderScheduler } from '../rotation-service/index'
import { resolveVaultPath } from '../vault/index'
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol'
import { parseDevServerUrl } from './devServer'
import { serveCommandsWhileUnlocked } from '../cli/index'
import { createCommandPrompt } from './commandPrompt'
import { createElectronConfirmations } from './electronConfirmations'
import { createElectronDialogs } from './electronDialogs'
import { commandPlace, installCommandFromMenu } from './commandPlace'
import { buildMenuTemplate } from './menu'
import { wireRotationReminders } from './rotationReminders'
import { wireAutoLock } from './powerLock'
import { hardenSession } from './sessionGuards'
import { vaultArgumentFrom } from './vaultLocation'
import { hardenWebContents } from './webContentsGuards'
import { claimSingleInstance, focusWindow } from './singleInstance'
import { createWindowOptions } from './windowOptions'

// Kept in this entry module: out/main/index.js sits beside out/preload and out/renderer.
const mainDirectory = dirname(fileURLToPath(import.meta.url))
const preloadPath = join(mainDirectory, '../preload/index.cjs')
const rendererRoot = join(mainDirectory, '../renderer')

const devServerUrl = parseDevServerUrl(process.env['ELECTRON_RENDERER_URL'], app.isPackaged)
const isDevelopment = !app.isPackaged
const originOptions = { devServerUrl }

const vaultPath = (): string =>
  resolveVaultPath(vaultArgumentFrom(process.argv), {
    platform: process.platform,
    env: process.env,
    homeDirectory: homedir(),
  })

const logError = (what: string) => (error: unknown) => {
  // Name only: an error's message could quote a value.
  console.error(`[keyward] ${what}: ${error instanceof Error ? error.name : typeof error}`)
}

// Both must happen before the app is ready.
app.enableSandbox()
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])

let mainWindow: BrowserWindow | null = null

// A second launch hands over to the first (which brings its window forward) and quits.
if (claimSingleInstance(app, () => mainWindow)) {
  let services: MainServices | null = null
  let unregisterHandlers: (() => void) | null = null
  let unwireAutoLock: (() => void) | null = null
  let stopServingCommands: (() => void) | null = null
  let reminders: ReminderScheduler | null = null
  let readyToExit = false
  let disposed: Promise<void> = Promise.resolve()

  const senderCheck = createSenderCheck(originOptions)
  const isTrustedSender = (event: IpcMainInvokeEvent): boolean =>
    mainWindow !== null &&
    !mainWindow.isDestroyed() &&
    event.sender.id === mainWindow.webContents.id &&
    senderCheck(event)

  const createMainWindow = (): BrowserWindow => {
    const window = new BrowserWindow(
      createWindowOptions({ preloadPath, dark: nativeTheme.shouldUseDarkColors, devTools: isDevelopment }),
    )
    window.once('ready-to-show', () => window.show())
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null
    })
    window.loadURL(devServerUrl ?? APP_ENTRY_URL).catch(logError('loading the window failed'))
    return window
  }

  const focusMainWindow = () => focusWindow(mainWindow)

  const disposeAll = () => {
    reminders?.stop()
    reminders = null
    unwireAutoLock?.()
    unwireAutoLock = null
    stopServingCommands?.()
    stopServingCommands = null
    unregisterHandlers?.()
    unregisterHandlers = null
    if (services !== null) {
      disposed = disposeServices(services).catch(logError('locking the vault on quit failed'))
      services = null
    }
  }

  // Every page and session the app ever creates gets the same refusals.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      ...originOptions,
      openExternal: (url) => {
        shell.openExternal(url).catch(logError('opening a link failed'))
      },
    })
  })
  app.on('session-created', (createdSession) => hardenSession(createdSession, originOptions))

  app
    .whenReady()
    .then(() => {
      hardenSession(electronSession.defaultSession, originOptions)
      protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererRoot, fetchFile: (url) => net.fetch(url) }))
      const onInstallCommand = () => {
        if (services) installCommandFromMenu(services.command, dialog).catch(logError('installing the command failed'))
      }
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, isDevelopment, onInstallCommand })),
      )

      const path = vaultPath()
      services = createServices({
        vaultPath: path,
        clipboard,
        dialogs: createElectronDialogs(dialog, () => mainWindow),
        confirmations: createElectronConfirmations<BrowserWindow>(dialog, () => mainWindow),
        onRotationChanged: () => reminders?.checkNow(),
        command: commandPlace({
          isPackaged: app.isPackaged,
          // Electron adds resourcesPath to process (the stand-in, under plain Node, has none).
          resourcesPath: (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath,
          mainDirectory,
          platform: process.platform,
          homeDirectory: homedir(),
          env: process.env,
        }),
      })
      const session = services.session
      reminders = wireRotationReminders({
        clock: systemClock,
        vaultPath: path,
        currentVault: () => session.peekVault(),
        createNotification: (options) => new Notification(options),
        notificationsSupported: () => Notification.isSupported(),
        setBadgeCount: (count) => app.setBadgeCount(count),
        onClick: () => focusMainWindow(),
        onError: logError('a rotation reminder check failed'),
      })
      // Unlocking reveals names and dates the locked schedule could not see: check again then.
      session.onUnlock(() => reminders?.checkNow())
      reminders.start()
      unregisterHandlers = registerContractHandlers(ipcMain, createHandlers(services), isTrustedSender)
      unwireAutoLock = wireAutoLock(powerMonitor, services.session, logError('auto-lock failed'))
      // While unlocked, keyward commands may ask the app; values only once the user allows them here.
      stopServingCommands = serveCommandsWhileUnlocked({
        session,
        env: process.env,
        homeDirectory: homedir(),
        ask: createCommandPrompt<BrowserWindow>(dialog, () => mainWindow),
        // Only what the user may need to know (no socket, a folder others can use); never a value.
        log: (line, problem) => {
          if (problem) console.error(`[keyward] ${line}`)
        },
      })
      mainWindow = createMainWindow()
    })
    .catch((error: unknown) => {
      logError('Keyward could not start')(error)
      app.exit(1)
    })

  // Closing the window ends the app on every platform: a vault should not stay unlocked behind a
  // window the user believes they closed.
  app.on('window-all-closed', () => app.quit())
  // Lock and clear before exiting; the clipboard clear is asynchronous, so quitting waits (briefly) for it.
  app.on('will-quit', (event) => {
    if (readyToExit) return
    disposeAll()
    event.preventDefault()
    readyToExit = true
    const giveUp = new Promise<void>((resolve) => setTimeout(resolve, 1500).unref())
    void Promise.race([disposed, giveUp]).finally(() => app.quit())
  })
}
