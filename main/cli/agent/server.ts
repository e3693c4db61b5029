// The agent's side of the socket: reads one request per connection (size-limited, timed, checked
// with zod), does the job on the vault it holds open, answers, and locks (closing the vault and
// removing its socket) when idle, when asked, or when the vault file or its header is replaced.
import { lstatSync, statSync, unlinkSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { isKeywardError } from '../../common/errors'
import { CommandStopped, describeFailure } from '../failures'
import { headerPathFor, type OpenVault } from '../../vault/index'
import { createAnswerCache } from './answerCache'
import { doJob } from './jobs'
import { listenPrivately, serveOneRequest } from './connection'
import {
  NOT_A_REQUEST,
  parseAgentRequest,
  PROTOCOL_VERSION,
  encodeLine,
  type AgentAnswer,
  type AgentFailure,
  type AgentStatus,
} from './protocol'
import type { AgentPaths } from './runtimeFolder'

export type LockReason = 'idle' | 'asked' | 'vault changed' | 'signal'

export interface AgentServerOptions {
  vault: OpenVault
  paths: AgentPaths
  /** Locks after this long without a request. */
  idleMs: number
  /** Tests only: a shorter wait for a stalled client. */
  readTimeoutMs?: number
  /** How often the vault and header are looked at between requests (each request looks too). */
  watchIntervalMs?: number
  /** One line about what the agent did; never a value, a key name or a request's content. */
  log: (line: string) => void
  onLocked: (reason: LockReason) => void
  now?: () => Date
}

export interface AgentServer {
  lock(reason: LockReason): void
  readonly locked: Promise<LockReason>
}

/** What says the vault is still the file the agent opened: the inodes, and the header as written. */
const fileIdentity = (vaultPath: string): string => {
  try {
    const vault = statSync(vaultPath)
    const header = lstatSync(headerPathFor(vaultPath))
    return `${vault.dev}:${vault.ino}/${header.dev}:${header.ino}:${header.size}:${header.mtimeMs}`
  } catch {
    return 'missing'
  }
}

/** A job's failure as the answer says it; the CLI agent and the open app (appServer.ts) both answer so. */
export const failureOf = (error: unknown, fallback = 'The agent failed.'): AgentFailure => {
  if (error instanceof CommandStopped) return { kind: 'stopped', message: error.message, exitCode: error.exitCode }
  if (isKeywardError(error)) return { kind: 'error', code: error.code, message: error.message }
  // Anything else is said without its own message, which could quote anything.
  return { kind: 'error', code: 'internal', message: describeFailure(error).message ?? fallback }
}

// Longer than 80 lines on purpose: its inner functions share one agent's server, connections, idle timer
// and lock state, which must all end together when the agent locks; a closure keeps them in one place.
export const startAgentServer = async (options: AgentServerOptions): Promise<AgentServer> => {
  const { vault, paths, log } = options
  const now = options.now ?? (() => new Date())
  const identity = fileIdentity(vault.path)
  const unlockedAt = now()
  let lastRequestAt = Date.now()
  let lockedReason: LockReason | null = null
  let resolveLocked!: (reason: LockReason) => void
  const locked = new Promise<LockReason>((resolve) => (resolveLocked = resolve))
  const connections = new Set<Socket>()
  const answerCache = createAnswerCache(vault)
  let socketInode = 0

  const server: Server = createServer({ allowHalfOpen: false })
  let idleTimer: NodeJS.Timeout | undefined
  const armIdle = () => {
    clearTimeout(idleTimer)
    lastRequestAt = Date.now()
    idleTimer = setTimeout(() => lock('idle'), options.idleMs)
  }
  const watchTimer = setInterval(() => {
    if (fileIdentity(vault.path) !== identity) lock('vault changed')
  }, options.watchIntervalMs ?? 1000)

  /** Locks; the connection that asked for it (kept) is answered once the lock is done. */
  const lock = (reason: LockReason, asking?: Socket): void => {
    if (lockedReason) return
    lockedReason = reason
    clearTimeout(idleTimer)
    clearInterval(watchTimer)
    // Logged first: once the socket is gone, the log says why.
    log(`locked (${reason})`)
    server.close()
    for (const connection of connections) if (connection !== asking) connection.destroy()
    // Only our own socket is removed: another agent may have taken the name since.
    try {
      if (lstatSync(paths.socket).ino === socketInode) unlinkSync(paths.socket)
    } catch {
      // already gone
    }
    vault.close()
    let ended = false
    const done = () => {
      if (ended) return
      ended = true
      resolveLocked(reason)
      options.onLocked(reason)
    }
    // The command that asked is told the vault is locked before the agent ends (the vault is closed
    // already; a client that keeps the connection open only delays the process's exit a little).
    if (asking && !asking.destroyed) {
      asking.once('close', done)
      setTimeout(done, 2_000).unref()
    } else done()
  }

  const status = (): AgentStatus => ({
    vaultPath: vault.path,
    pid: process.pid,
    keyCount: vault.keys.count(),
    unlockedAt: unlockedAt.toISOString(),
    locksAt: new Date(lastRequestAt + options.idleMs).toISOString(),
    idleSeconds: Math.round(options.idleMs / 1000),
  })

  /** The answer, or the line that carries it when it is kept for the next same request (answerCache.ts). */
  const answerTo = async (line: string, socket: Socket): Promise<AgentAnswer | string> => {
    const request = parseAgentRequest(line)
    if (request === null) {
      log('refused a request that is not one')
      return { v: PROTOCOL_VERSION, ok: false, failure: NOT_A_REQUEST }
    }
    // "lock" is understood whatever version asks, so that any keyward can lock an agent it cannot use.
    if (request.op === 'lock') {
      lock('asked', socket)
      return { v: PROTOCOL_VERSION, ok: true, value: null }
    }
    if (request.v !== PROTOCOL_VERSION) {
      return {
        v: PROTOCOL_VERSION,
        ok: false,
        failure: {
          kind: 'error',
          code: 'invalid_argument',
          message: `This agent speaks protocol ${PROTOCOL_VERSION}.`,
        },
      }
    }
    if (fileIdentity(vault.path) !== identity) {
      lock('vault changed', socket)
      return {
        v: PROTOCOL_VERSION,
        ok: false,
        failure: {
          kind: 'error',
          code: 'vault_locked',
          message: 'The vault file was replaced since it was unlocked, so the agent locked. Unlock again.',
        },
      }
    }
    // Asking whether it is unlocked is not using it: only a job keeps the agent from its idle lock.
    if (request.op === 'status') return { v: PROTOCOL_VERSION, ok: true, value: status() }
    armIdle()
    const cached = answerCache.lookup(request.job, request.input)
    if (cached.line !== undefined) return cached.line
    try {
      const value = await doJob(vault, request.job, request.input, now())
      return cached.keep(encodeLine({ v: PROTOCOL_VERSION, ok: true, value }))
    } catch (error) {
      return { v: PROTOCOL_VERSION, ok: false, failure: failureOf(error) }
    }
  }

  server.on('connection', (socket) => {
    connections.add(socket)
    socket.on('close', () => connections.delete(socket))
    serveOneRequest(socket, { readTimeoutMs: options.readTimeoutMs, log }, (line) => answerTo(line, socket))
  })

  socketInode = await listenPrivately(server, paths.socket)
  server.on('error', (error) => log(`socket error ${(error as NodeJS.ErrnoException).code ?? ''}`))
  armIdle()
  watchTimer.unref()
  log(
    `unlocked ${vault.path} (pid ${process.pid}); locks after ${Math.round(options.idleMs / 1000)} s without a request`,
  )
  return { lock, locked }
}
