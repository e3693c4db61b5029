// The open app's decisions on a command's request for values: one prompt at a time, answered by the
// user in a prompt main draws (never by the window's page), within a time limit, or already allowed
// for the command's terminal session for ten minutes. Everything not allowed is a refusal.
import { KeywardError } from '../../common/errors'
import type { ValuesAsked } from './jobValues'
import type { PeerProcess } from './peerProcess'

/** What the user chose: Deny (also closing the prompt, Escape, or no answer in time) gives nothing. */
export type PromptAnswer = 'once' | 'terminal' | 'deny'

/** The prompt's content, in the words it shows. */
export interface CommandPrompt extends ValuesAsked {
  /** The command's folder, with the home folder as ~, or null when it cannot be told. */
  folder: string | null
  /** "pid 4242: node /usr/bin/keyward run -- npm start", or null when the process cannot be told. */
  process: string | null
  /** Whether "Allow this terminal" is offered: the command's terminal session is known. */
  terminalKnown: boolean
  /** How long "Allow this terminal" lasts, in minutes. */
  terminalMinutes: number
}

/** Shows the prompt and answers the user's choice; the signal closes it (time out, vault locked, client gone). */
export type AskUser = (prompt: CommandPrompt, signal: AbortSignal) => Promise<PromptAnswer>

export const PROMPT_TIMEOUT_MS = 60_000
export const TERMINAL_ALLOWANCE_MS = 10 * 60_000

export interface ApprovalOptions {
  ask: AskUser
  homeDirectory: string
  promptTimeoutMs?: number
  terminalAllowanceMs?: number
  /** Milliseconds now, for the allowances (tests move it). */
  now?: () => number
}

/** "keyward run in ~/shop", for the prompt and for the errors and the audit log. */
export const requestInWords = (prompt: Pick<CommandPrompt, 'command' | 'folder'>): string =>
  `${prompt.command} in ${prompt.folder ?? 'an unknown folder'}`

const homeAsTilde = (path: string, home: string): string =>
  home && (path === home || path.startsWith(`${home}/`)) ? `~${path.slice(home.length)}` : path

/** The prompts of one unlocked session; forgotten (allowances and all) when the vault locks. */
export class Approvals {
  private readonly allowedUntil = new Map<string, number>()
  private queue: Promise<unknown> = Promise.resolve()
  private readonly now: () => number

  constructor(private readonly options: ApprovalOptions) {
    this.now = options.now ?? Date.now
  }

  promptFor(asked: ValuesAsked, peer: PeerProcess | null): CommandPrompt {
    return {
      ...asked,
      folder: peer?.folder ? homeAsTilde(peer.folder, this.options.homeDirectory) : null,
      process: peer ? `pid ${peer.pid}: ${peer.commandLine}` : null,
      // Sending keys to a host the vault does not send them to is asked every time, like the app's own.
      terminalKnown: peer?.session != null && asked.sentTo.length === 0 && !asked.extraCa,
      terminalMinutes: Math.round((this.options.terminalAllowanceMs ?? TERMINAL_ALLOWANCE_MS) / 60_000),
    }
  }

  /**
   * Resolves when the request may have its values; throws not_confirmed when the user denied it or
   * did not answer in time, vault_locked when the vault locked meanwhile. One prompt at a time.
   */
  async approve(prompt: CommandPrompt, session: string | null, closed: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.decide(prompt, session, closed))
    this.queue = turn.catch(() => {})
    return turn
  }

  private async decide(prompt: CommandPrompt, session: string | null, closed: AbortSignal): Promise<void> {
    if (closed.aborted) throw closedError(closed)
    if (prompt.terminalKnown && session !== null && (this.allowedUntil.get(session) ?? 0) > this.now()) return
    const timeoutMs = this.options.promptTimeoutMs ?? PROMPT_TIMEOUT_MS
    const timedOut = AbortSignal.timeout(timeoutMs)
    const signal = AbortSignal.any([closed, timedOut])
    let answer: PromptAnswer
    try {
      answer = await this.options.ask(prompt, signal)
    } catch {
      // A prompt that could not be shown allows nothing.
      answer = 'deny'
    }
    // Whatever the box answered once closed by the signal, a closed prompt allowed nothing.
    if (closed.aborted) throw closedError(closed)
    if (timedOut.aborted)
      throw new KeywardError(
        'not_confirmed',
        `Nobody allowed ${requestInWords(prompt)} in the Keyward app within ${Math.round(timeoutMs / 1000)} s; nothing was given.`,
      )
    if (answer === 'deny')
      throw new KeywardError('not_confirmed', `The Keyward app denied ${requestInWords(prompt)}; nothing was given.`)
    if (answer === 'terminal' && prompt.terminalKnown && session !== null)
      this.allowedUntil.set(session, this.now() + (this.options.terminalAllowanceMs ?? TERMINAL_ALLOWANCE_MS))
  }
}

/** The prompt closed by something else than the user: the command gone, or the app locked or quitting. */
const closedError = (signal: AbortSignal): KeywardError =>
  signal.reason === 'gone'
    ? new KeywardError('not_confirmed', 'The command stopped waiting; nothing was given.')
    : new KeywardError('vault_locked', 'The Keyward app locked while it asked; nothing was given.')
