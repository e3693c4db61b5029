import { describe, expect, it } from 'vitest'
import {
  hardenSession,
  isAllowedPageRequest,
  type PreventableEventLike,
  type RequestDetailsLike,
  type SessionLike,
} from '../../../main/app/sessionGuards'

type RequestHandler = Parameters<SessionLike['setPermissionRequestHandler']>[0]
type CheckHandler = Parameters<SessionLike['setPermissionCheckHandler']>[0]
type BeforeRequest = Parameters<SessionLike['webRequest']['onBeforeRequest']>[0]

/** Records every handler a session is given, so the test can call them. */
class FakeSession implements SessionLike {
  requestHandler: RequestHandler | null = null
  checkHandler: CheckHandler | null = null
  deviceHandler: ((details: unknown) => boolean) | null = null
  downloadListeners: ((event: PreventableEventLike) => void)[] = []
  beforeRequest: BeforeRequest | null = null

  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler
  }
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.deviceHandler = handler
  }
  on(_event: 'will-download', listener: (event: PreventableEventLike) => void): this {
    this.downloadListeners.push(listener)
    return this
  }
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequest) => {
      this.beforeRequest = listener
    },
  }

  /** Answers whether the request would be cancelled. */
  request(details: RequestDetailsLike): boolean {
    let cancelled: boolean | undefined
    this.beforeRequest?.(details, (response) => (cancelled = response.cancel ?? false))
    if (cancelled === undefined) throw new Error('onBeforeRequest never answered')
    return cancelled
  }
}

// The permission names Electron 45 passes (session.setPermissionRequestHandler's union).
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'hid',
  'idle-detection',
  'media',
  'midi',
  'midiSysex',
  'notifications',
  'openExternal',
  'pointerLock',
  'serial',
  'storage-access',
  'usb',
  'window-management',
  'unknown',
]

describe('the session guards', () => {
  const hardened = (devServerUrl: string | null = null) => {
    const session = new FakeSession()
    hardenSession(session, { devServerUrl })
    return session
  }

  it.each(PERMISSIONS)('denies a request for %s', (permission) => {
    const session = hardened()
    const answers: boolean[] = []
    session.requestHandler?.({}, permission, (granted) => answers.push(granted), { requestingUrl: 'app://keyward/' })
    expect(answers).toEqual([false])
  })

  it.each(PERMISSIONS)('answers false to a check for %s, even from the app origin', (permission) => {
    const session = hardened()
    expect(session.checkHandler?.({}, permission, 'app://keyward', {})).toBe(false)
  })

  it('denies every device (USB, HID, serial) permission', () => {
    expect(hardened().deviceHandler?.({ deviceType: 'usb', origin: 'app://keyward' })).toBe(false)
  })

  it('cancels every download', () => {
    const session = hardened()
    let prevented = false
    for (const listener of session.downloadListeners) listener({ preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
  })

  it("cancels a page's request to anything but the app's own origin", () => {
    const session = hardened()
    const fromPage = (url: string) => session.request({ url, webContentsId: 1 })
    expect(fromPage('app://keyward/assets/index.js')).toBe(false)
    expect(fromPage('data:image/png;base64,AAAA')).toBe(false)
    expect(fromPage('https://evil.example/exfiltrate?key=sk_live')).toBe(true)
    expect(fromPage('http://localhost:5173/')).toBe(true)
    expect(fromPage('ws://localhost:5173/')).toBe(true)
    expect(fromPage('file:///etc/passwd')).toBe(true)
  })

  it("leaves main's own requests (no webContents) to main", () => {
    expect(hardened().request({ url: 'file:///app/out/renderer/index.html' })).toBe(false)
  })

  it('lets the dev server and its hot-reload socket through only in development', () => {
    const session = hardened('http://localhost:5173/')
    expect(session.request({ url: 'http://localhost:5173/src/main.tsx', webContentsId: 1 })).toBe(false)
    expect(session.request({ url: 'ws://localhost:5173/', webContentsId: 1 })).toBe(false)
    expect(session.request({ url: 'ws://localhost:9999/', webContentsId: 1 })).toBe(true)
    expect(session.request({ url: 'https://evil.example/', webContentsId: 1 })).toBe(true)
    expect(isAllowedPageRequest('not a url')).toBe(false)
  })
})
