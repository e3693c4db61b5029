// Serves the built renderer (out/renderer) on app://keyward/, the app's own origin, instead of file://.
// Only regular files under the renderer folder are served, with their MIME type and the CSP header;
// anything else (traversal, encoded separators, dotfiles, symlinks leading out) is a 404.
import { realpath as realpathOnDisk, stat as statOnDisk } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../ipc/index'
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy'

export { APP_HOST, APP_ORIGIN, APP_SCHEME }

/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * How the scheme is registered (protocol.registerSchemesAsPrivileged, before app ready): a standard,
 * secure origin that can use fetch. Not corsEnabled (other origins cannot read it), not bypassCSP.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

/** The Content-Type for a file name; unknown kinds are opaque bytes (and nosniff keeps them so). */
export const contentTypeFor = (fileName: string): string =>
  CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream'

// Percent-encoded separators and NUL would turn into path syntax after decoding: refuse them outright.
const ENCODED_SEPARATOR = /%(2f|5c|00)/i

/**
 * Maps an app://keyward/… URL to a file path under rendererRoot, or null when the URL is not one the
 * app serves. Lexical only: appProtocol's handler also resolves symlinks before serving.
 */
export const resolveRendererPath = (requestUrl: string, rendererRoot: string): string | null => {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  if (url.username !== '' || url.password !== '') return null

  // Chromium canonicalizes a standard scheme's empty path to '/'; Node's URL leaves it empty.
  const rawPath = url.pathname === '' ? '/' : url.pathname
  if (!rawPath.startsWith('/') || rawPath.includes('\\') || ENCODED_SEPARATOR.test(rawPath)) return null

  const rawSegments = rawPath.slice(1).split('/')
  if (rawSegments.length > 32) return null
  const segments: string[] = []
  for (const rawSegment of rawSegments) {
    if (rawSegment === '') {
      // Only the root ("/") may end with an empty segment; "a//b" and "dir/" are not files.
      if (rawSegments.length === 1) break
      return null
    }
    let segment: string
    try {
      segment = decodeURIComponent(rawSegment)
    } catch {
      return null
    }
    // Dot segments (decoded or not), dotfiles and anything that is path syntax once decoded.
    if (segment.startsWith('.') || /[\\/\0:]/.test(segment)) return null
    segments.push(segment)
  }
  if (segments.length === 0) segments.push('index.html')

  const candidate = join(rendererRoot, ...segments)
  const fromRoot = relative(rendererRoot, candidate)
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) return null
  return candidate
}

/** Headers on every response the protocol sends. */
export const responseHeaders = (contentType: string): Record<string, string> => ({
  'Content-Type': contentType,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
})

export interface AppProtocolOptions {
  /** Absolute path of the built renderer folder (out/renderer). */
  rendererRoot: string
  /** Reads a file:// URL: Electron's net.fetch in the app; tests pass their own. */
  fetchFile: (fileUrl: string) => Promise<Response>
  realpath?: (path: string) => Promise<string>
  isFile?: (path: string) => Promise<boolean>
}

const isFileOnDisk = async (path: string): Promise<boolean> => (await statOnDisk(path)).isFile()

const refusal = (status: 404 | 405, text: string): Response =>
  new Response(text, { status, headers: responseHeaders('text/plain; charset=utf-8') })

/** The protocol.handle handler for app://. Never throws: anything unexpected is a 404. */
export const createAppProtocolHandler = (options: AppProtocolOptions) => {
  const realpath = options.realpath ?? realpathOnDisk
  const isFile = options.isFile ?? isFileOnDisk
  let realRoot: Promise<string> | null = null

  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed')
    const candidate = resolveRendererPath(request.url, options.rendererRoot)
    if (candidate === null) return refusal(404, 'Not found')
    try {
      realRoot ??= realpath(options.rendererRoot)
      const root = await realRoot
      const resolved = await realpath(candidate)
      // A symlink inside the renderer folder must not lead out of it.
      if (!resolved.startsWith(root + sep)) return refusal(404, 'Not found')
      if (!(await isFile(resolved))) return refusal(404, 'Not found')
      const file = await options.fetchFile(pathToFileURL(resolved).href)
      if (!file.ok) return refusal(404, 'Not found')
      const body = request.method === 'HEAD' ? null : file.body
      return new Response(body, { status: 200, headers: responseHeaders(contentTypeFor(resolved)) })
    } catch {
      realRoot = null
      return refusal(404, 'Not found')
    }
  }
}
