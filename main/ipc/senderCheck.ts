// Decides whether an IPC call comes from the app's own page: the top-level frame of a document served
// from app://keyward/ (or, in development only, from the dev server URL given explicitly). Pure: it
// reads the few fields of Electron's IpcMainInvokeEvent it needs through minimal interfaces.

/** The origin every packaged page is served from (see main/app/appProtocol.ts). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'keyward'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** The part of Electron's WebFrameMain the check reads. */
export interface SenderFrameLike {
  readonly url: string
  readonly parent: SenderFrameLike | null
}

/** The part of Electron's IpcMainInvokeEvent the check reads. */
export interface SenderEventLike {
  readonly senderFrame?: SenderFrameLike | null
}

export interface TrustedOriginOptions {
  /** The electron-vite dev server URL, in development only; never set in a packaged app. */
  devServerUrl?: string | null
}

const parseUrl = (text: string): URL | null => {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/** True when url is a page of the app itself: app://keyward/… or the explicit dev server's origin. */
export const isAppUrl = (url: string, options: TrustedOriginOptions = {}): boolean => {
  const parsed = parseUrl(url)
  if (parsed === null || parsed.username !== '' || parsed.password !== '') return false
  // WHATWG URL gives custom schemes an opaque origin ('null'), so compare scheme and host instead.
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true
  const devServer = options.devServerUrl ? parseUrl(options.devServerUrl) : null
  return devServer !== null && devServer.protocol === 'http:' && parsed.origin === devServer.origin
}

/** True only for the main frame (no parent) of a page served from the app's own origin. */
export const isTrustedFrame = (
  frame: SenderFrameLike | null | undefined,
  options: TrustedOriginOptions = {},
): boolean => {
  if (frame === null || frame === undefined) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, options)
}

/** Builds the isTrustedSender predicate register.ts takes; any error reading the event means "no". */
export const createSenderCheck =
  (options: TrustedOriginOptions = {}) =>
  (event: SenderEventLike): boolean => {
    try {
      return isTrustedFrame(event.senderFrame, options)
    } catch {
      return false
    }
  }
