// The e2e harness: a loopback HTTP server that runs the REAL main-side handlers (createServices,
// createHandlers, invokeMethod) on a vault file and serves the built renderer, so the UI runs in any
// browser with every layer but Electron's IPC transport real. Tests only; never shipped.
//
// Routes: GET /… static files from out/renderer (index.html gets the bridge script injected);
// POST /rpc/<method> {argument} → Result JSON; /__harness/* test controls. Every API route needs the
// x-keyward-token header; the page gets the token in its URL. Main's confirmations (/__confirm/*) need
// another token, x-keyward-confirm-token, that only the process starting the harness learns: the page
// can ask for a change that widens where keys go, but it cannot answer the confirmation.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { MemoryClipboard } from '../support/memoryClipboard'
import { ScriptedDialogs } from '../support/scriptedDialogs'
import { ScriptedConfirmations } from '../support/scriptedConfirmations'
import { readFile, realpath, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { homedir } from 'node:os'
import type { AddressInfo } from 'node:net'
import { serveCommandsWhileUnlocked } from '../../main/cli/index'
import { dirname, extname, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { LockReason } from '../../main/vault/index'
import type { KdfCost } from '../../main/vault/index'
import {
  createHandlers,
  createServices,
  disposeServices,
  invokeMethod,
  type MainServices,
} from '../../main/ipc/handlers'
import { BRIDGE_PATH, buildBridgeScript } from './bridgeScript'
import { HarnessClock } from './harnessClock'

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DEFAULT_RENDERER_DIRECTORY = resolve(repositoryRoot, 'out', 'renderer')
export const TOKEN_HEADER = 'x-keyward-token'
export const CONFIRM_TOKEN_HEADER = 'x-keyward-confirm-token'

/** The same policy as the renderer's meta tag, sent as a header too (a header also enforces frame-ancestors). */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
const MAX_BODY_BYTES = 8 * 1024 * 1024
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
}

export interface HarnessOptions {
  vaultPath: string
  /** 0 or absent: a random free port. */
  port?: number
  /** The built renderer (npx electron-vite build); out/renderer by default. */
  rendererDirectory?: string
  /** Argon2id cost for a vault the harness creates; the app's default when absent. */
  kdfCost?: KdfCost
  /** The keyward command "Install the keyward command" links to; the repository's dist-cli when absent. */
  commandFolder?: string
}

export interface Harness {
  /** Where to point a browser: http://127.0.0.1:<port>/?token=… */
  url: string
  origin: string
  token: string
  /** Answers main's confirmations (/__confirm/*); never given to the page. */
  confirmToken: string
  /** The answer the next file dialog (import or export) gets: a path, or null for Cancel. */
  setNextDialogAnswer(path: string | null): void
  /** What the in-memory clipboard holds now. */
  clipboardText(): string
  /** Moves the services' clock forward (auto-lock, clipboard clearing). */
  advanceClock(milliseconds: number): void
  /** Locks the vault as if for that reason (idle, suspend, screen-lock, user). */
  lockVault(reason: LockReason): void
  services: MainServices
  close(): Promise<void>
}

const LOCK_REASONS: readonly LockReason[] = ['idle', 'suspend', 'screen-lock', 'user']

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  response.end(text)
}

const sendError = (response: ServerResponse, status: number, code: string, message: string): void =>
  sendJson(response, status, { ok: false, error: { code, message } })

const readJsonBody = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new Error('too large')
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? JSON.parse(text) : {}
}

const tokensMatch = (given: string | string[] | undefined, token: string): boolean => {
  if (typeof given !== 'string') return false
  const expected = Buffer.from(token)
  const actual = Buffer.from(given)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

export const startHarness = async (options: HarnessOptions): Promise<Harness> => {
  const rendererDirectory = await realpath(options.rendererDirectory ?? DEFAULT_RENDERER_DIRECTORY).catch(() => {
    throw new Error(
      `No built renderer at ${options.rendererDirectory ?? DEFAULT_RENDERER_DIRECTORY}. Run \`npx electron-vite build\` first.`,
    )
  })
  const indexHtml = await readFile(resolve(rendererDirectory, 'index.html'), 'utf8')
  const moduleScript = indexHtml.indexOf('<script type="module"')
  if (moduleScript < 0) throw new Error('The built index.html has no module script to put the bridge before.')
  // A classic script runs as it is parsed, so window.keyward exists before the app's module runs.
  const injectedHtml = `${indexHtml.slice(0, moduleScript)}<script src="${BRIDGE_PATH}"></script>\n    ${indexHtml.slice(moduleScript)}`
  const bridgeScript = buildBridgeScript()

  const token = randomBytes(32).toString('base64url')
  const confirmToken = randomBytes(32).toString('base64url')
  const confirmations = new ScriptedConfirmations()
  const clock = new HarnessClock()
  const clipboard = new MemoryClipboard()
  const dialogs = new ScriptedDialogs()
  const services = createServices({
    vaultPath: options.vaultPath,
    clock,
    clipboard,
    dialogs,
    confirmations,
    kdfCost: options.kdfCost,
    // As the app in development: the user's home (the e2e fixture's temporary one) and the built command.
    command: {
      platform: process.platform,
      homeDirectory: homedir(),
      commandFolder: options.commandFolder ?? resolve(repositoryRoot, 'dist-cli'),
      pathVariable: process.env['PATH'],
      fromAppImage: false,
    },
  })
  const handlers = createHandlers(services)
  // keyward commands may ask the unlocked vault, as they ask the app; the prompt is answered through
  // /__confirm/answer {"command": …} with the confirm token only.
  const stopServingCommands = serveCommandsWhileUnlocked({
    session: services.session,
    env: process.env,
    homeDirectory: process.env.HOME ?? homedir(),
    ask: confirmations.askCommand,
    log: () => {},
  })
  let origin = ''

  const serveStatic = async (pathname: string, response: ServerResponse): Promise<void> => {
    if (pathname === '/' || pathname === '/index.html') {
      response.writeHead(200, {
        'content-type': CONTENT_TYPES['.html'] ?? 'text/html',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      response.end(injectedHtml)
      return
    }
    if (pathname === BRIDGE_PATH) {
      response.writeHead(200, {
        'content-type': CONTENT_TYPES['.js'] ?? 'text/javascript',
        'cache-control': 'no-store',
      })
      response.end(bridgeScript)
      return
    }
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      return sendError(response, 400, 'invalid_argument', 'Malformed path.')
    }
    if (decoded.includes('\0')) return sendError(response, 400, 'invalid_argument', 'Malformed path.')
    const candidate = resolve(rendererDirectory, `.${decoded}`)
    try {
      // realpath too: a symlink inside out/renderer must not lead outside it.
      const real = await realpath(candidate)
      if (!real.startsWith(rendererDirectory + sep)) throw new Error('outside')
      const info = await stat(real)
      if (!info.isFile()) throw new Error('not a file')
      const body = await readFile(real)
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      response.end(body)
    } catch {
      sendError(response, 404, 'not_found', 'No such file.')
    }
  }

  /** Main's confirmations, for the test runner alone: queue the next answer, read what was asked. */
  const serveConfirmations = async (
    request: IncomingMessage,
    pathname: string,
    response: ServerResponse,
  ): Promise<void> => {
    if (!tokensMatch(request.headers[CONFIRM_TOKEN_HEADER], confirmToken) || request.headers.origin !== undefined) {
      return sendError(
        response,
        403,
        'forbidden_sender',
        "Only the process that started the harness answers main's confirmations.",
      )
    }
    if (pathname === '/__confirm/asked' && request.method === 'GET')
      return sendJson(response, 200, { asked: confirmations.asked, askedCommands: confirmations.askedCommands })
    if (pathname === '/__confirm/answer' && request.method === 'POST') {
      let body: unknown
      try {
        body = await readJsonBody(request)
      } catch {
        return sendError(response, 400, 'invalid_argument', 'The request body is not JSON.')
      }
      const command = (body as { command?: unknown } | null)?.command
      if (command === 'once' || command === 'terminal' || command === 'deny') {
        confirmations.answerNextCommand(command)
        return sendJson(response, 200, { queued: true })
      }
      const allow = (body as { allow?: unknown } | null)?.allow
      if (typeof allow !== 'boolean')
        return sendError(response, 400, 'invalid_argument', 'Send {"allow": true} or {"allow": false}.')
      confirmations.answerNext(allow)
      return sendJson(response, 200, { queued: true })
    }
    return sendError(response, 404, 'not_found', 'No such confirmation route.')
  }

  const serveApi = async (request: IncomingMessage, pathname: string, response: ServerResponse): Promise<void> => {
    if (!tokensMatch(request.headers[TOKEN_HEADER], token)) {
      return sendError(response, 403, 'forbidden_sender', 'This request did not carry the harness token.')
    }
    // A page from another origin must not drive the vault even if it learned the token.
    const requestOrigin = request.headers.origin
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return sendError(response, 403, 'forbidden_sender', 'Requests from other origins are refused.')
    }
    if (pathname === '/__harness/clipboard' && request.method === 'GET') {
      return sendJson(response, 200, { text: clipboard.text })
    }
    if (request.method !== 'POST') return sendError(response, 405, 'invalid_argument', 'Use POST.')
    let body: unknown
    try {
      body = await readJsonBody(request)
    } catch {
      return sendError(response, 400, 'invalid_argument', 'The request body is not JSON (or is larger than 8 MB).')
    }
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
    if (pathname.startsWith('/rpc/')) {
      let method: string
      try {
        method = decodeURIComponent(pathname.slice('/rpc/'.length))
      } catch {
        method = ''
      }
      return sendJson(response, 200, await invokeMethod(handlers, method, fields.argument))
    }
    switch (pathname) {
      case '/__harness/dialog': {
        const answer = fields.path
        if (answer !== null && typeof answer !== 'string') {
          return sendError(response, 400, 'invalid_argument', 'Send {"path": "/some/file"} or {"path": null}.')
        }
        dialogs.answerNext(answer)
        return sendJson(response, 200, { queued: true })
      }
      case '/__harness/advance-clock': {
        const milliseconds = fields.milliseconds
        if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds < 0) {
          return sendError(response, 400, 'invalid_argument', 'Send {"milliseconds": <non-negative number>}.')
        }
        clock.advance(milliseconds)
        return sendJson(response, 200, { now: clock.now() })
      }
      case '/__harness/lock': {
        const reason = fields.reason as LockReason
        if (!LOCK_REASONS.includes(reason)) {
          return sendError(response, 400, 'invalid_argument', `Send {"reason": one of ${LOCK_REASONS.join(', ')}}.`)
        }
        services.session.lock(reason)
        return sendJson(response, 200, { locked: true })
      }
      default:
        return sendError(response, 404, 'not_found', 'No such harness route.')
    }
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const pathname = url.pathname
    const isApi = pathname.startsWith('/rpc/') || pathname.startsWith('/__harness/')
    const work = pathname.startsWith('/__confirm/')
      ? serveConfirmations(request, pathname, response)
      : isApi
        ? serveApi(request, pathname, response)
        : request.method === 'GET' || request.method === 'HEAD'
          ? serveStatic(pathname, response)
          : Promise.resolve(sendError(response, 405, 'invalid_argument', 'Use GET.'))
    work.catch(() => {
      if (!response.headersSent) sendError(response, 500, 'internal', 'The harness failed to answer this request.')
      else response.destroy()
    })
  })

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`

  let closed = false
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    confirmToken,
    services,
    setNextDialogAnswer: (path) => dialogs.answerNext(path),
    clipboardText: () => clipboard.text,
    advanceClock: (milliseconds) => clock.advance(milliseconds),
    lockVault: (reason) => services.session.lock(reason),
    close: async () => {
      if (closed) return
      closed = true
      stopServingCommands()
      await disposeServices(services)
      clock.dispose()
      server.closeAllConnections()
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()))
    },
  }
}
