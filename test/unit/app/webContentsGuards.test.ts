import { describe, expect, it } from 'vitest'
import { hardenWebContents, type NavigationEventLike, type WebContentsLike } from '../../../main/app/webContentsGuards'

/** Records listeners and the window-open handler the way a webContents keeps them. */
class FakeWebContents implements WebContentsLike {
  readonly listeners = new Map<string, ((event: never) => void)[]>()
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null

  on(event: string, listener: (event: never) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler
  }

  /** Emits a preventable event; answers whether some listener prevented it. */
  emit(event: string, url = ''): boolean {
    let prevented = false
    const details: NavigationEventLike = { url, preventDefault: () => (prevented = true) }
    for (const listener of this.listeners.get(event) ?? []) (listener as (event: NavigationEventLike) => void)(details)
    return prevented
  }
}

const setUp = (devServerUrl: string | null = null) => {
  const contents = new FakeWebContents()
  const opened: string[] = []
  hardenWebContents(contents, { devServerUrl, openExternal: (url) => opened.push(url) })
  return { contents, opened }
}

describe('the webContents guards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from the app is prevented', (event) => {
    const { contents } = setUp()
    expect(contents.emit(event, 'https://evil.example/')).toBe(true)
    expect(contents.emit(event, 'file:///etc/passwd')).toBe(true)
    expect(contents.emit(event, 'app://keyward/index.html')).toBe(false)
  })

  it('opens an allowlisted link in the browser when the page tries to navigate to it', () => {
    const { contents, opened } = setUp()
    expect(contents.emit('will-navigate', 'https://github.com/keyward')).toBe(true)
    expect(contents.emit('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.emit('will-redirect', 'https://github.com/redirected')).toBe(true)
    expect(opened).toEqual(['https://github.com/keyward'])
  })

  it('refuses every <webview>', () => {
    const { contents } = setUp()
    expect(contents.emit('will-attach-webview')).toBe(true)
  })

  it('denies window.open, opening only allowlisted links externally', () => {
    const { contents, opened } = setUp()
    const handler = contents.windowOpenHandler
    expect(handler).not.toBeNull()
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(handler?.({ url: 'https://github.com/keyward' })).toEqual({ action: 'deny' })
    expect(handler?.({ url: 'app://keyward/index.html' })).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://github.com/keyward'])
  })

  it('lets the dev server page navigate only within itself in development', () => {
    const { contents } = setUp('http://localhost:5173/')
    expect(contents.emit('will-navigate', 'http://localhost:5173/')).toBe(false)
    expect(contents.emit('will-navigate', 'http://localhost:8080/')).toBe(true)
  })
})
