// protocol and net. Chromium outside Electron cannot be taught a new scheme, so a privileged standard
// scheme (app://keyward/…) is shown to the page on https://keyward/…: same host, a secure origin, and
// the stand-in routes every request there to the handler the app gave protocol.handle (routing.ts).
// Main only ever sees the app:// form: request URLs, the sender frame's URL, navigation URLs.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { isReady } from './lifecycle'
import { record } from './record'

type Privileges = Electron.CustomScheme['privileges']
type ProtocolHandler = (request: Request) => GlobalResponse | Promise<GlobalResponse>

const privilegedSchemes = new Map<string, Privileges>()
const handlers = new Map<string, ProtocolHandler>()

/** The page-side origin a standard scheme's URL is shown on, or null when the URL is not one of them. */
export const toPageUrl = (appUrl: string): string | null => {
  const url = new URL(appUrl)
  const scheme = url.protocol.slice(0, -1)
  const privileges = privilegedSchemes.get(scheme)
  if (!privileges?.standard) return null
  return `${privileges.secure ? 'https' : 'http'}://${url.host}${url.pathname}${url.search}${url.hash}`
}

/** Main's view of a page URL: https://keyward/… back to app://keyward/…; any other URL as it is. */
export const toAppUrl = (pageUrl: string): string => {
  let url: URL
  try {
    url = new URL(pageUrl)
  } catch {
    return pageUrl
  }
  // A blob: URL names its creator's origin inside it: blob:https://keyward/… is blob:app://keyward/….
  if (url.protocol === 'blob:') return `blob:${toAppUrl(pageUrl.slice('blob:'.length))}`
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return pageUrl
  const scheme = schemeShownOn(url)
  return scheme === null ? pageUrl : `${scheme}://${url.host}${url.pathname}${url.search}${url.hash}`
}

// The hosts the app has loaded on a privileged scheme: only those are mapped back.
const shownHosts = new Map<string, string>()

export const rememberShownOrigin = (appUrl: string): void => {
  const url = new URL(appUrl)
  const pageUrl = toPageUrl(appUrl)
  if (pageUrl !== null) shownHosts.set(new URL(pageUrl).origin, url.protocol.slice(0, -1))
}

const schemeShownOn = (url: URL): string | null => shownHosts.get(url.origin) ?? null

/** The handler for a page request, when it is on a mapped origin (undefined: not ours; null: no handler). */
export const handlerFor = (pageUrl: string): { appUrl: string; handler: ProtocolHandler | null } | undefined => {
  const scheme = schemeShownOn(new URL(pageUrl))
  if (scheme === null) return undefined
  return { appUrl: toAppUrl(pageUrl), handler: handlers.get(scheme) ?? null }
}

export const protocol = {
  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    // Electron allows this once, before ready: later, Chromium's scheme registry is already fixed.
    if (isReady()) throw new Error('protocol.registerSchemesAsPrivileged must be called before the app is ready.')
    if (record.privilegedSchemes.length > 0)
      throw new Error('protocol.registerSchemesAsPrivileged can be called only once.')
    for (const { scheme, privileges } of customSchemes) {
      privilegedSchemes.set(scheme, privileges ?? {})
      record.privilegedSchemes.push({ scheme, registeredBeforeReady: true, privileges: { ...privileges } })
    }
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!isReady()) throw new Error('protocol.handle must be called after the app is ready.')
    if (handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`)
    handlers.set(scheme, handler)
    record.handledSchemes.push(scheme)
  },
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>

/** net.fetch: file:// read with node's fs (what main's protocol handler uses), http(s) with Node's fetch. */
export const net = {
  async fetch(
    input: string | GlobalRequest,
    init?: RequestInit & { bypassCustomProtocolHandlers?: boolean },
  ): Promise<GlobalResponse> {
    const url = typeof input === 'string' ? input : input.url
    if (url.startsWith('file:')) {
      let body: Buffer
      try {
        body = await readFile(fileURLToPath(url))
      } catch {
        // Chromium's file loader fails the fetch for a missing or unreadable file.
        throw new TypeError('net::ERR_FILE_NOT_FOUND')
      }
      return new Response(new Uint8Array(body), { status: 200 })
    }
    if (url.startsWith('http:') || url.startsWith('https:')) return fetch(input, init)
    throw new TypeError(`net::ERR_UNKNOWN_URL_SCHEME (${new URL(url).protocol})`)
  },
} satisfies Pick<Electron.Net, 'fetch'>
