// BrowserWindow and its webContents, each a page in one Chromium that starts before 'ready'
// (playwright-core, with the e2e flags and a loopback DevTools port the test connects to). Every page
// request goes through routing.ts: navigation events and the window-open handler, the session's
// onBeforeRequest, then the app's protocol handler for its own origin (schemes.ts).
import { EventEmitter } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { chromium, type BrowserContext, type Download, type Frame, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromiumFlags'
import { notifyTest } from './control'
import { invokeFromPage, type StandinInvokeEvent } from './ipc'
import { addCloseWindowsTask, addShutdownTask, addStartupTask, app } from './lifecycle'
import { buildPreloadScript, IPC_BINDING } from './preloadScript'
import { record } from './record'
import { frameFor, preventable, routeRequest, type OpenWindows, type WindowOpenHandler } from './routing'
import { rememberShownOrigin, toAppUrl, toPageUrl } from './schemes'
import { createDefaultSession } from './system'

let context: BrowserContext | null = null
let cdpUrl = ''
let userDataDirectory: string | null = null
const contentsByPage = new Map<Page, WebContents>()
const windows: BrowserWindow[] = []

const readDevToolsPort = async (directory: string): Promise<string> => {
  // Chromium writes the file once it listens; it is there by the time launch returns, or very soon after.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const port = readFileSync(join(directory, 'DevToolsActivePort'), 'utf8').split('\n')[0]
      if (port) return port
    } catch {
      // Not written yet.
    }
    await sleep(50)
  }
  throw new Error('Chromium did not open its DevTools port.')
}

addStartupTask(async () => {
  userDataDirectory = mkdtempSync(join(tmpdir(), 'electron-standin-chromium-'))
  try {
    context = await chromium.launchPersistentContext(userDataDirectory, {
      executablePath: CHROMIUM_EXECUTABLE,
      args: [...CHROMIUM_ARGS, '--remote-debugging-port=0'],
      headless: process.env.KEYWARD_STANDIN_HEADED !== '1',
      viewport: null,
      colorScheme: 'light',
    })
  } catch (error) {
    // main reports only the error's name (its messages could quote a value): say here what to do.
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    console.error(
      `[electron stand-in] Chromium did not start from ${CHROMIUM_EXECUTABLE} (${firstLine}). ` +
        "Install Debian's chromium package, or set CHROMIUM_PATH to a Chromium binary.",
    )
    throw error
  }
  cdpUrl = `http://127.0.0.1:${await readDevToolsPort(userDataDirectory)}`
  await context.route('**/*', (route) =>
    routeRequest(openWindows, route).catch((error: unknown) => {
      // A stand-in fault, not the app's: say so, and fail the request as Chromium would.
      console.error(`[electron stand-in] answering ${route.request().url()} failed: ${String(error)}`)
      return route.abort('failed').catch(() => undefined)
    }),
  )
  const defaultSession = createDefaultSession()
  app.emit('session-created', defaultSession)
})

addCloseWindowsTask(async () => {
  // A copy: each window leaves `windows` as it closes.
  for (const window of BrowserWindow.getAllWindows()) await window.closeForQuit()
})

addShutdownTask(async () => {
  await context?.close().catch(() => undefined)
  context = null
  if (userDataDirectory !== null) rmSync(userDataDirectory, { recursive: true, force: true })
})

let nextWebContentsId = 1

export class WebContents extends EventEmitter {
  readonly id = nextWebContentsId++
  page: Page | null = null
  windowOpenHandler: WindowOpenHandler | null = null
  /** The URL loadURL is navigating to: its request is the app's own, not the page's (no will-navigate). */
  expectedNavigation: string | null = null
  private destroyed = false

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }

  getURL(): string {
    return this.page === null ? '' : toAppUrl(this.page.url())
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  markDestroyed(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.emit('destroyed')
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return [...windows]
  }

  readonly webContents = new WebContents()
  readonly id = this.webContents.id
  private readonly ready: Promise<Page>
  private readonly entry: StandinWindowRecord
  private destroyed = false
  private shownReady = false

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super()
    if (context === null) throw new Error('Cannot create BrowserWindow before app is ready')
    this.entry = {
      id: this.id,
      options: JSON.parse(JSON.stringify(options)),
      loadedUrls: [],
      visible: options.show !== false,
      focusCount: 0,
      destroyed: false,
    }
    record.windows.push(this.entry)
    windows.push(this)
    app.emit('web-contents-created', preventable({}), this.webContents)
    this.ready = this.openPage(context, options)
    this.ready.catch(() => undefined)
  }

  private async openPage(
    browserContext: BrowserContext,
    options: Electron.BrowserWindowConstructorOptions,
  ): Promise<Page> {
    const page = await browserContext.newPage()
    this.webContents.page = page
    contentsByPage.set(page, this.webContents)
    // The persistent context's first blank tab is nobody's window.
    for (const other of browserContext.pages())
      if (other !== page && !contentsByPage.has(other) && other.url() === 'about:blank') await other.close()
    await page.setViewportSize({ width: options.width ?? 800, height: options.height ?? 600 })
    const preloadPath = options.webPreferences?.preload
    if (preloadPath) {
      await page.exposeBinding(IPC_BINDING, ({ frame }, channel: string, args: unknown[]) =>
        invokeFromPage(this.invokeEvent(frame, channel), channel, Array.isArray(args) ? args : []),
      )
      await page.addInitScript(buildPreloadScript(readFileSync(preloadPath, 'utf8')))
    }
    page.on('domcontentloaded', () => {
      if (this.shownReady) return
      this.shownReady = true
      this.emit('ready-to-show', preventable({}))
    })
    page.on('close', () => this.markClosed())
    page.on('download', (download) => void offerDownload(this.webContents, download))
    return page
  }

  private invokeEvent(frame: Frame, channel: string): StandinInvokeEvent {
    const senderFrame = frameFor(frame)
    record.ipcCalls.push({ channel, senderFrameUrl: senderFrame.url, mainFrame: frame.parentFrame() === null })
    return { sender: this.webContents, senderFrame, frameId: 0, processId: 0 }
  }

  async loadURL(url: string): Promise<void> {
    const page = await this.ready
    rememberShownOrigin(url)
    const pageUrl = toPageUrl(url) ?? url
    this.webContents.expectedNavigation = pageUrl
    const response = await page.goto(pageUrl, { waitUntil: 'load' })
    this.entry.loadedUrls.push(url)
    if (response !== null && !response.ok())
      throw new Error(`ERR_HTTP_RESPONSE_CODE_FAILURE (${response.status()}) loading '${url}'`)
    this.webContents.emit('did-finish-load')
    notifyTest({ kind: 'window-loaded', webContentsId: this.webContents.id, pageUrl: page.url(), cdpUrl })
  }

  show(): void {
    this.entry.visible = true
    this.focus()
  }

  focus(): void {
    this.entry.focusCount += 1
    void this.ready.then((page) => page.bringToFront()).catch(() => undefined)
  }

  isMinimized(): boolean {
    return false
  }

  restore(): void {}

  isVisible(): boolean {
    return this.entry.visible
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  close(): void {
    const closing = preventable({})
    this.emit('close', closing)
    if (closing.defaultPrevented) return
    this.destroy()
  }

  destroy(): void {
    void this.ready.then((page) => page.close()).catch(() => this.markClosed())
  }

  /** A quit closes every window without asking and without window-all-closed. */
  async closeForQuit(): Promise<void> {
    const page = await this.ready.catch(() => null)
    await page?.close().catch(() => undefined)
    this.markClosed()
  }

  private markClosed(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.entry.destroyed = true
    windows.splice(windows.indexOf(this), 1)
    this.webContents.markDestroyed()
    this.emit('closed')
    if (windows.length === 0 && !app.quitRequested) {
      // Electron quits by default; an app that listens decides for itself.
      if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed')
      else app.quit()
    }
  }
}

type StandinWindowRecord = (typeof record.windows)[number]

/**
 * A download a page started: the session's will-download listeners see it first, as in Electron;
 * prevented, it is canceled (Chromium has already begun it, into Playwright's own temp folder).
 */
const offerDownload = async (contents: WebContents, download: Download): Promise<void> => {
  const item = { getURL: () => toAppUrl(download.url()), getFilename: () => download.suggestedFilename() }
  const event = preventable({})
  createDefaultSession().emit('will-download', event, item, contents)
  record.downloads.push({ url: item.getURL(), prevented: event.defaultPrevented })
  if (event.defaultPrevented) await download.cancel().catch(() => undefined)
}

const contentsOf = (page: Page): WebContents | null => contentsByPage.get(page) ?? null

/** The open windows as routing sees them. */
const openWindows: OpenWindows = {
  contentsOf,
  onlyWindow: () => (windows.length === 1 ? windows[0]!.webContents : null),
  pages: () => context?.pages() ?? [],
}
