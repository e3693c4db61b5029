// Every page request of the stand-in's Chromium, decided as Electron decides it before a request leaves:
// the opener's window-open handler for a popup, will-navigate and its kin for a navigation, the
// session's onBeforeRequest, then the app's protocol handler for its own origin (schemes.ts). The
// windows themselves (windows.ts) tell it which page is whose.
import type { Frame, Page, Route } from 'playwright-core'
import { record } from './record'
import { handlerFor, toAppUrl } from './schemes'
import { createDefaultSession } from './system'

export type WindowOpenHandler = (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse

/** What routing reads and raises on a window's webContents (windows.ts's WebContents). */
export interface RoutedContents {
  readonly id: number
  windowOpenHandler: WindowOpenHandler | null
  expectedNavigation: string | null
  emit(eventName: string, ...args: unknown[]): boolean
}

/** What routing needs to know of the open windows. */
export interface OpenWindows {
  /** The webContents showing a page; null for a page that is no window's (a popup not yet decided). */
  contentsOf(page: Page): RoutedContents | null
  /** The webContents of the one window open; null when none or several are. */
  onlyWindow(): RoutedContents | null
  /** Every page of the browser context. */
  pages(): Page[]
}

/** Electron's event object: the details, preventDefault() and defaultPrevented. */
export const preventable = <Details extends object>(
  details: Details,
): Details & { preventDefault(): void; readonly defaultPrevented: boolean } => {
  let prevented = false
  return Object.defineProperties(details, {
    preventDefault: { value: () => void (prevented = true) },
    defaultPrevented: { get: () => prevented, enumerable: true },
  }) as Details & { preventDefault(): void; readonly defaultPrevented: boolean }
}

/** The part of WebFrameMain an app reads from a sender or navigation frame, in main's URL form. */
export const frameFor = (frame: Frame): { url: string; parent: unknown; top: unknown; name: string } => ({
  get url() {
    return toAppUrl(frame.url())
  },
  get parent() {
    const parent = frame.parentFrame()
    return parent === null ? null : frameFor(parent)
  },
  get top() {
    return frameFor(frame.page().mainFrame())
  },
  get name() {
    return frame.name()
  },
})

/**
 * The window a popup came from. Playwright may not know a new popup when its first request arrives
 * (request.frame() throws then): with one window open, that window is the opener.
 */
const openerOf = async (open: OpenWindows, page: Page | null): Promise<RoutedContents | null> => {
  if (page === null) return open.onlyWindow()
  const opener = await page.opener()
  return opener === null ? null : open.contentsOf(opener)
}

/**
 * A denied popup must not stay open: Electron never creates its window. Only that popup is closed: a
 * second one opened a moment later may not have had its own request decided yet (closing every
 * untracked popup here lost that decision, and the test waiting for it failed now and then).
 */
const closeDeniedPopup = async (open: OpenWindows, popup: Page | null, url: string): Promise<void> => {
  const targets =
    popup !== null ? [popup] : open.pages().filter((page) => open.contentsOf(page) === null && page.url() === url)
  for (const page of targets) await page.close().catch(() => undefined)
}

/** Every page request: the checks Electron makes before a request leaves, then who answers it. */
export const routeRequest = async (open: OpenWindows, route: Route): Promise<void> => {
  const request = route.request()
  let frame: Frame | null = null
  try {
    frame = request.frame()
  } catch {
    frame = null // a service worker's request
  }
  const page = frame?.page() ?? null
  let contents = page === null ? null : open.contentsOf(page)
  const appUrl = toAppUrl(request.url())

  // window.open / target=_blank: the opener's window-open handler decides before the new page loads.
  if (contents === null && request.isNavigationRequest() && (frame === null || frame.parentFrame() === null)) {
    const opener = await openerOf(open, page)
    if (opener !== null) {
      const decision = opener.windowOpenHandler?.({
        url: appUrl,
        frameName: '',
        features: '',
        disposition: 'foreground-tab',
        referrer: { url: '', policy: 'default' },
        postBody: undefined,
      } as unknown as Electron.HandlerDetails)
      // No handler: Electron opens the popup as a new window (the stand-in leaves it a plain page).
      if (decision !== undefined && decision.action === 'deny') {
        record.preventedNavigations.push(`window.open ${appUrl}`)
        await route.abort('blockedbyclient')
        await closeDeniedPopup(open, page, request.url())
        return
      }
      contents = opener
    }
  }

  if (contents !== null && frame !== null && request.isNavigationRequest()) {
    const isMainFrame = frame.parentFrame() === null
    const fromLoadUrl = isMainFrame && contents.expectedNavigation === request.url()
    if (fromLoadUrl) contents.expectedNavigation = null
    else if (isNavigationPrevented(contents, frame, appUrl, isMainFrame, request.redirectedFrom() !== null)) {
      record.preventedNavigations.push(appUrl)
      return route.abort('aborted')
    }
  }

  const beforeRequest = createDefaultSession().beforeRequest
  if (beforeRequest !== null) {
    const answer = await new Promise<Electron.CallbackResponse>((resolveAnswer) =>
      beforeRequest(
        {
          id: 0,
          url: appUrl,
          method: request.method(),
          resourceType: request.resourceType(),
          referrer: request.headers()['referer'] ?? '',
          timestamp: Date.now(),
          webContentsId: contents?.id,
          webContents: contents ?? undefined,
        } as unknown as Electron.OnBeforeRequestListenerDetails,
        resolveAnswer,
      ),
    )
    if (answer.cancel) {
      record.blockedRequests.push(appUrl)
      return route.abort('blockedbyclient')
    }
  }

  const target = handlerFor(request.url())
  if (target === undefined) return route.continue()
  if (target.handler === null) return route.abort('failed')
  const body = request.postDataBuffer()
  const response = await target.handler(
    new Request(target.appUrl, {
      method: request.method(),
      headers: request.headers(),
      body: body === null || request.method() === 'GET' || request.method() === 'HEAD' ? null : new Uint8Array(body),
    }),
  )
  record.served.push({ url: target.appUrl, status: response.status })
  await route.fulfill({
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: Buffer.from(await response.arrayBuffer()),
  })
}

/** will-frame-navigate for every frame, will-navigate for the main frame, will-redirect on a redirect. */
const isNavigationPrevented = (
  contents: RoutedContents,
  frame: Frame,
  url: string,
  isMainFrame: boolean,
  redirected: boolean,
): boolean => {
  const details = { url, isSameDocument: false, isMainFrame, frame: frameFor(frame), initiator: null }
  const events = redirected
    ? ['will-redirect']
    : isMainFrame
      ? ['will-frame-navigate', 'will-navigate']
      : ['will-frame-navigate']
  for (const name of events) {
    const event = preventable({ ...details })
    contents.emit(name, event, url, false, isMainFrame)
    if (event.defaultPrevented) return true
  }
  return false
}
