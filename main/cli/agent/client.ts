// Asking the agent: one request and its answer per connection, after checking that the folder and
// the socket are this user's alone. Says plainly when there is no agent, when it died without
// locking (its socket is removed), and when it speaks another version of the protocol.
import { existsSync, lstatSync, unlinkSync } from 'node:fs'
import { createConnection } from 'node:net'
import { KeywardError } from '../../common/errors'
import { CommandStopped } from '../failures'
import { readAgentAnswer } from './answerCheck'
import type { AgentAnswer, AgentRequest, AgentStatus } from './protocol'
import { MAX_ANSWER_BYTES, PROTOCOL_VERSION, encodeLine } from './wire'
import { assertPrivateFolder, folderExists, type AgentPaths } from './runtimeFolder'

/** What asking the agent came to, when it did not answer the request itself. */
export class AgentUnavailable extends Error {
  constructor(
    readonly reason: 'none' | 'stale' | 'refused' | 'other_version' | 'locked',
    message: string,
  ) {
    super(message)
    this.name = 'AgentUnavailable'
  }
}

const currentUid = (): number => process.getuid?.() ?? -1

/**
 * The socket's folder must be private and the socket this user's own: a socket another user could
 * have put there would collect whatever the command sends and answers what it likes.
 */
const checkSocket = (paths: AgentPaths): void => {
  if (!folderExists(paths.folder)) throw new AgentUnavailable('none', 'No agent is running for this vault.')
  try {
    assertPrivateFolder(paths.folder)
  } catch (error) {
    throw new AgentUnavailable('refused', (error as Error).message)
  }
  let status
  try {
    status = lstatSync(paths.socket)
  } catch {
    throw new AgentUnavailable('none', 'No agent is running for this vault.')
  }
  if (!status.isSocket() || status.uid !== currentUid()) {
    throw new AgentUnavailable(
      'refused',
      `${paths.socket} is not a socket of yours (${status.isSocket() ? `it belongs to uid ${status.uid}` : 'it is not a socket'}), so Keyward will not talk to it. Remove it and unlock again.`,
    )
  }
}

const exchange = (socketPath: string, request: AgentRequest, timeoutMs: number): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const socket = createConnection(socketPath)
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const finish = (error: Error | null, value?: unknown) => {
      if (settled) return
      settled = true
      socket.destroy()
      if (error) reject(error)
      else resolve(value)
    }
    socket.setTimeout(timeoutMs, () =>
      finish(Object.assign(new Error('The agent did not answer in time.'), { code: 'ETIMEDOUT' })),
    )
    socket.on('connect', () => socket.write(encodeLine(request)))
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_ANSWER_BYTES)
        return finish(Object.assign(new Error('The agent answered too much.'), { code: 'EMSGSIZE' }))
      chunks.push(chunk)
      if (chunk.includes(10)) {
        const text = Buffer.concat(chunks).toString('utf8')
        try {
          finish(null, JSON.parse(text.slice(0, text.indexOf('\n'))))
        } catch {
          finish(Object.assign(new Error('The agent answered something that is not JSON.'), { code: 'EPROTO' }))
        }
      }
    })
    socket.on('error', (error) => finish(error))
    socket.on('close', () =>
      finish(Object.assign(new Error('The agent closed the connection without answering.'), { code: 'ECONNRESET' })),
    )
  })

/**
 * Sends one request and answers the agent's reply when it speaks this version. A socket nobody
 * listens on any more (an agent that was killed) is removed.
 */
export const askAgent = async (paths: AgentPaths, request: AgentRequest, timeoutMs = 30_000): Promise<AgentAnswer> => {
  checkSocket(paths)
  let reply: unknown
  try {
    reply = await exchange(paths.socket, request, timeoutMs)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new AgentUnavailable('none', 'No agent is running for this vault.')
    if (code === 'ECONNREFUSED') {
      unlinkSync(paths.socket)
      throw new AgentUnavailable(
        'stale',
        'The agent for this vault had stopped without locking (its socket was left behind); the socket was removed.',
      )
    }
    // Its socket gone: the agent locked (idle, asked, the vault replaced) while this command asked it.
    if (!existsSync(paths.socket))
      throw new AgentUnavailable(
        'locked',
        'The agent locked while this command asked it; "keyward unlock" unlocks again.',
      )
    throw new AgentUnavailable('refused', `The agent for this vault could not be asked: ${(error as Error).message}`)
  }
  const version = (reply as { v?: unknown } | null)?.v
  if (version !== PROTOCOL_VERSION) {
    throw new AgentUnavailable(
      'other_version',
      `The agent running for this vault is from another version of Keyward (protocol ${typeof version === 'number' ? version : 'unknown'}; this keyward speaks ${PROTOCOL_VERSION}). Run "keyward lock", then "keyward unlock".`,
    )
  }
  const answer = readAgentAnswer(reply)
  if (!answer) throw new AgentUnavailable('refused', 'The agent answered something this keyward does not understand.')
  if (!answer.ok && answer.failure.kind === 'error' && answer.failure.code === 'vault_locked') {
    throw new AgentUnavailable('locked', answer.failure.message)
  }
  return answer
}

/** The agent's status, or undefined when none answers (for keyward unlock, lock and agent status). */
export const agentStatus = async (paths: AgentPaths): Promise<AgentStatus | undefined> => {
  try {
    const answer = await askAgent(paths, { v: PROTOCOL_VERSION, op: 'status' }, 5_000)
    return answer.ok ? (answer.value as AgentStatus) : undefined
  } catch (error) {
    if (
      error instanceof AgentUnavailable &&
      (error.reason === 'none' || error.reason === 'stale' || error.reason === 'locked')
    )
      return undefined
    throw error
  }
}

/** A failure the agent reported, thrown as the command would have thrown it. */
export const failureFromAgent = (failure: Extract<AgentAnswer, { ok: false }>['failure']): Error =>
  failure.kind === 'stopped'
    ? new CommandStopped(failure.message, failure.exitCode)
    : new KeywardError(failure.code, failure.message)

/**
 * Asks the agent to lock, whatever version of the protocol it speaks (every version knows "lock").
 * Answers whether an agent was there to lock.
 */
export const lockAgent = async (paths: AgentPaths): Promise<boolean> => {
  checkSocket(paths)
  try {
    await exchange(paths.socket, { v: PROTOCOL_VERSION, op: 'lock' }, 5_000)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return false
    if (code === 'ECONNREFUSED') {
      // Nobody listens: an agent that died without locking left its socket.
      unlinkSync(paths.socket)
      return false
    }
    throw new AgentUnavailable(
      'refused',
      `The agent for this vault could not be asked to lock: ${(error as Error).message}`,
    )
  }
}
