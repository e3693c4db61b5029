// The open app as the agent: while the app's vault is unlocked, main serves the agent's protocol on
// the vault's app socket (runtimeFolder.ts), beside where a CLI agent would be. Masked lists, due
// dates and scans are answered at once; a job that gives out values (run, inject, read, export, a test
// sent elsewhere) waits for the user to allow it in a prompt main draws (appApprovals.ts). Locking the
// app closes the socket at once and closes any prompt. Every entry it leaves says "cli via app".
import { lstatSync, unlinkSync } from 'node:fs'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { isKeywardError } from '../../common/errors'
import type { OpenVault } from '../../vault/index'
import { describeFailure } from '../failures'
import { Approvals, requestInWords, type ApprovalOptions } from './appApprovals'
import { listenPrivately, serveOneRequest } from './connection'
import { doJob } from './jobs'
import { valuesAskedBy, type ValuesAsked } from './jobValues'
import { peerProcessOf, type PeerProcess } from './peerProcess'
import {
  NOT_A_REQUEST,
  PROTOCOL_VERSION,
  parseAgentRequest,
  type AgentAnswer,
  type AgentFailure,
  type AgentStatus,
} from './protocol'
import { agentPathsFor, preparePrivateFolder } from './runtimeFolder'
import { failureOf } from './server'

/** The app's vault session, as much of it as serving commands needs. */
export interface ServedSession {
  readonly vaultPath: string
  peekVault(): OpenVault | null
  /** A person allowed something: the app's idle countdown starts again. */
  touch(): void
  /** The app's auto-lock: minutes without use, and how long until it locks now. */
  status(): { autoLockMinutes: number; lockInSeconds: number | null }
  onUnlock(listener: () => void): () => void
  onLock(listener: (reason: string) => void): () => void
}

export interface AppAgentOptions extends ApprovalOptions {
  session: ServedSession
  /** The environment that says where the socket folder is (the app's own). */
  env: Record<string, string | undefined>
  /** One line about what was done (problem: something the user may need to know); never a value, a key name or a request's content. */
  log: (line: string, problem?: boolean) => void
  /** Tests only: a shorter wait for a stalled client. */
  readTimeoutMs?: number
  /** Tests only: who is asking, instead of the kernel's answer. */
  peerOf?: (socket: Socket) => Promise<PeerProcess | null>
}

const answer = (value: unknown): AgentAnswer => ({ v: PROTOCOL_VERSION, ok: true, value })
const failed = (failure: AgentFailure): AgentAnswer => ({ v: PROTOCOL_VERSION, ok: false, failure })
const LOCKED = failed({
  kind: 'error',
  code: 'vault_locked',
  message: 'The Keyward app is locked; unlock it, or give the master password.',
})

/** Whether every key the job gives out now was among those the user allowed. */
const withinAllowed = (now: ValuesAsked | null, allowed: ValuesAsked): boolean =>
  now === null ||
  (now.keyNames.every((name) => allowed.keyNames.includes(name)) &&
    now.sentTo.every((host) => allowed.sentTo.includes(host)))

/** A socket something still answers on (the app's from a run that crashed does not). */
const somethingAnswers = (path: string): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createConnection(path)
    probe.once('connect', () => (probe.destroy(), resolve(true)))
    probe.once('error', () => resolve(false))
  })

/**
 * Serves commands each time the session unlocks, until it locks; answers a function that stops it all.
 * Longer than 80 lines on purpose: its small inner functions share one session's server, connections and
 * allowances, which must all be forgotten together when the vault locks; a closure keeps them in one place.
 */
export const serveCommandsWhileUnlocked = (options: AppAgentOptions): (() => void) => {
  const { session, log } = options
  const paths = agentPathsFor(session.vaultPath, options.env)
  let unlockedAt = new Date()
  let server: Server | null = null
  let opening: Promise<void> | null = null
  let socketInode = 0
  let approvals: Approvals | null = null
  const connections = new Map<Socket, AbortController>()

  const answerTo = async (line: string, socket: Socket, closed: AbortSignal): Promise<AgentAnswer> => {
    const request = parseAgentRequest(line)
    if (request === null) {
      log('refused a request that is not one')
      return failed(NOT_A_REQUEST)
    }
    if (request.v !== PROTOCOL_VERSION)
      return failed({
        kind: 'error',
        code: 'invalid_argument',
        message: `The Keyward app speaks protocol ${PROTOCOL_VERSION}.`,
      })
    if (request.op === 'lock')
      return failed({
        kind: 'error',
        code: 'invalid_argument',
        message: 'The Keyward app locks from its own window; a command does not lock it.',
      })
    const vault = session.peekVault()
    if (vault === null || approvals === null) return LOCKED
    if (request.op === 'status') {
      // The app's own auto-lock: a command does not put it off, the person at the window does.
      const { autoLockMinutes, lockInSeconds } = session.status()
      const status: AgentStatus = {
        vaultPath: vault.path,
        pid: process.pid,
        keyCount: vault.keys.count(),
        unlockedAt: unlockedAt.toISOString(),
        locksAt: new Date(Date.now() + (lockInSeconds ?? 0) * 1000).toISOString(),
        idleSeconds: Math.round(autoLockMinutes * 60),
      }
      return answer(status)
    }
    try {
      const asked = valuesAskedBy(vault, request.job, request.input)
      if (asked !== null) {
        const peer = await (options.peerOf ?? peerProcessOf)(socket)
        const prompt = approvals.promptFor(asked, peer)
        try {
          await approvals.approve(prompt, peer?.session ?? null, closed)
        } catch (error) {
          if (session.peekVault() === vault && isKeywardError(error) && error.code === 'not_confirmed')
            vault.audit.as('cli via app').record({
              action: 'values refused to a command',
              subject: requestInWords(prompt),
              detail: asked.keyNames.join(', '),
            })
          throw error
        }
        // Locked (and perhaps unlocked again) while the user was asked: nothing from this request.
        if (session.peekVault() !== vault) return LOCKED
        if (!withinAllowed(valuesAskedBy(vault, request.job, request.input), asked))
          return failed({
            kind: 'error',
            code: 'not_confirmed',
            message: 'The keys it names changed while the Keyward app asked; nothing was given. Run the command again.',
          })
        session.touch()
      }
      const asApp: OpenVault = { ...vault, audit: vault.audit.as('cli via app') }
      return answer(await doJob(asApp, request.job, request.input, new Date()))
    } catch (error) {
      return failed(failureOf(error, 'The app failed.'))
    }
  }

  const stop = (reason: string): void => {
    approvals = null
    if (server === null) return
    const closing = server
    server = null
    closing.close()
    for (const [connection, controller] of connections) {
      controller.abort(reason)
      // Told "locked" by its pending answer, then closed: the client falls back to the password.
      setTimeout(() => connection.destroy(), 1_000).unref()
    }
    try {
      if (lstatSync(paths.appSocket).ino === socketInode) unlinkSync(paths.appSocket)
    } catch {
      // already gone
    }
    log(`stopped answering commands (${reason})`)
  }

  const start = async (): Promise<void> => {
    preparePrivateFolder(paths.folder)
    try {
      lstatSync(paths.appSocket)
      if (await somethingAnswers(paths.appSocket)) {
        log('another process answers on the app socket; commands are not served', true)
        return
      }
      unlinkSync(paths.appSocket)
    } catch {
      // no socket left behind
    }
    if (session.peekVault() === null) return
    const listening = createServer({ allowHalfOpen: false })
    listening.on('connection', (socket) => {
      const closed = new AbortController()
      connections.set(socket, closed)
      socket.on('close', () => {
        connections.delete(socket)
        closed.abort('gone')
      })
      serveOneRequest(socket, { readTimeoutMs: options.readTimeoutMs, log }, (line) =>
        answerTo(line, socket, closed.signal),
      )
    })
    socketInode = await listenPrivately(listening, paths.appSocket)
    listening.on('error', (error) => log(`socket error ${(error as NodeJS.ErrnoException).code ?? ''}`, true))
    server = listening
    approvals = new Approvals(options)
    unlockedAt = new Date()
    // Locked while the socket was being opened: close it again at once.
    if (session.peekVault() === null) stop('locked')
    else log('answering commands for the unlocked vault')
  }

  const starting = (): void => {
    // One start at a time: the unlock event and the first check may both ask.
    if (server !== null || opening !== null) return
    opening = start()
      .catch((error: unknown) => log(`cannot answer commands: ${describeFailure(error).message ?? 'failed'}`, true))
      .finally(() => (opening = null))
  }
  const offUnlock = session.onUnlock(starting)
  const offLock = session.onLock(() => stop('locked'))
  if (session.peekVault() !== null) starting()
  return () => {
    offUnlock()
    offLock()
    stop('quit')
  }
}
