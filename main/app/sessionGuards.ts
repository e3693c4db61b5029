// Session-wide refusals: every permission request and check is denied, downloads never start, and a
// page may only fetch from the app's own origin. Takes a minimal session so a test records the
// handlers on a fake and calls them.
import { isAppUrl, type TrustedOriginOptions } from '../ipc/index'

export interface PreventableEventLike {
  preventDefault(): void
}

export interface RequestDetailsLike {
  url: string
  /** Set when a page made the request; absent for main's own requests (net.fetch of app files). */
  webContentsId?: number
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (permissionGranted: boolean) => void,
      details: unknown,
    ) => void,
  ): void
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean,
  ): void
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void
  on(event: 'will-download', listener: (event: PreventableEventLike) => void): unknown
  readonly webRequest: {
    onBeforeRequest(
      listener: (details: RequestDetailsLike, callback: (response: { cancel?: boolean }) => void) => void,
    ): void
  }
}

/** Schemes a page may load besides the app's own origin: inline images (CSP img-src data:) and DevTools. */
const ALWAYS_ALLOWED_SCHEMES = new Set(['data:', 'devtools:'])

const developmentSocketUrl = (devServerUrl: string): string | null => {
  try {
    const parsed = new URL(devServerUrl)
    parsed.protocol = 'ws:'
    return parsed.origin
  } catch {
    return null
  }
}

/** True when a page's request stays on the app's own origin (or, in development, its dev server). */
export const isAllowedPageRequest = (url: string, options: TrustedOriginOptions = {}): boolean => {
  if (isAppUrl(url, options)) return true
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (ALWAYS_ALLOWED_SCHEMES.has(parsed.protocol)) return true
  // Vite's hot reload talks over a websocket to the dev server's own host and port.
  if (options.devServerUrl && parsed.protocol === 'ws:') {
    return parsed.origin === developmentSocketUrl(options.devServerUrl)
  }
  return false
}

/** Applies every session-wide refusal; safe to call more than once on the same session. */
export const hardenSession = (session: SessionLike, options: TrustedOriginOptions = {}): void => {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.on('will-download', (event) => event.preventDefault())
  session.webRequest.onBeforeRequest((details, callback) => {
    const fromPage = details.webContentsId !== undefined
    callback({ cancel: fromPage && !isAllowedPageRequest(details.url, options) })
  })
}
