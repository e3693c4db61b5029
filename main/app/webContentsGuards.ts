// Per-page refusals, applied to every webContents the app creates: no navigation away from the app's
// own pages, no new windows (allowlisted https links open in the system browser), no <webview>.
import type { TrustedOriginOptions } from '../ipc/index'
import { decideWindowOpen, isAllowedNavigation, EXTERNAL_LINK_HOSTS } from './externalLinks'

export interface NavigationEventLike {
  readonly url: string
  preventDefault(): void
}

export interface WebContentsLike {
  on(event: 'will-navigate', listener: (details: NavigationEventLike) => void): unknown
  on(event: 'will-redirect', listener: (details: NavigationEventLike) => void): unknown
  on(event: 'will-frame-navigate', listener: (details: NavigationEventLike) => void): unknown
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export interface WebContentsGuardOptions extends TrustedOriginOptions {
  /** Opens a URL in the system browser (Electron's shell.openExternal). */
  openExternal: (url: string) => void
  allowedExternalHosts?: readonly string[]
}

export const hardenWebContents = (contents: WebContentsLike, options: WebContentsGuardOptions): void => {
  const allowedHosts = options.allowedExternalHosts ?? EXTERNAL_LINK_HOSTS
  const openIfAllowlisted = (url: string) => {
    if (decideWindowOpen(url, allowedHosts).openExternally) options.openExternal(url)
  }

  contents.on('will-navigate', (details) => {
    if (isAllowedNavigation(details.url, options)) return
    details.preventDefault()
    // A plain link to an allowlisted site: the user meant to visit it, in their browser.
    openIfAllowlisted(details.url)
  })
  contents.on('will-frame-navigate', (details) => {
    if (!isAllowedNavigation(details.url, options)) details.preventDefault()
  })
  contents.on('will-redirect', (details) => {
    if (!isAllowedNavigation(details.url, options)) details.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, allowedHosts)
    if (decision.openExternally) options.openExternal(url)
    return { action: decision.action }
  })
}
