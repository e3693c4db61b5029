// Questions asked on the user's terminal: a hidden prompt for passwords and key values (raw mode,
// nothing echoed, not even stars), and a yes/no confirmation.
import type { Terminal } from './io'

/** The user pressed Ctrl-C or Ctrl-D at a prompt. */
export class PromptCanceled extends Error {
  constructor() {
    super('Canceled; nothing was changed.')
    this.name = 'PromptCanceled'
  }
}

const ENTER = new Set(['\r', '\n'])
const CTRL_C = '\u0003'
const CTRL_D = '\u0004'
const CTRL_U = '\u0015'
const BACKSPACE = new Set(['\u007f', '\b'])
const ESCAPE = '\u001b'

/** Reads one line typed at the terminal without showing it. */
export const promptHidden = (terminal: Terminal, question: string): Promise<string> =>
  readLine(terminal, question, { hidden: true })

/** Asks a yes/no question; only y or yes (any case) means yes. */
export const confirm = async (terminal: Terminal, question: string): Promise<boolean> => {
  const answer = await readLine(terminal, `${question} [y/N] `, { hidden: false })
  return /^y(es)?$/i.test(answer.trim())
}

const readLine = (terminal: Terminal, question: string, { hidden }: { hidden: boolean }): Promise<string> =>
  new Promise((resolve, reject) => {
    const { input, output } = terminal
    const wasRaw = Boolean(input.isRaw)
    const raw = typeof input.setRawMode === 'function'
    // Raw mode first: a key pressed the moment the question appears must not be echoed.
    if (raw) input.setRawMode!(true)
    output.write(question)
    input.setEncoding('utf8')
    // Characters as typed; an array so that Backspace removes a whole character, not half of one.
    let characters: string[] = []
    let escaping: 'no' | 'started' | 'sequence' = 'no'

    const finish = (error?: Error, unread?: string) => {
      input.removeListener('data', onData)
      input.removeListener('end', onEnd)
      if (raw) input.setRawMode!(wasRaw)
      input.pause()
      // Keystrokes typed ahead (the answer to the next question) stay for the next prompt.
      if (unread && !error) input.unshift(unread)
      if (raw) output.write('\n')
      if (error) reject(error)
      else resolve(characters.join(''))
    }
    const onEnd = () => {
      // The input closed: a line without Enter still counts; nothing at all is a cancel.
      if (characters.length) finish()
      else finish(new PromptCanceled())
    }
    const onData = (chunk: string | Buffer) => {
      const typed = Array.from(String(chunk))
      for (let index = 0; index < typed.length; index += 1) {
        const character = typed[index]!
        if (escaping === 'started') {
          // ESC [ … starts a control sequence (arrow keys, bracketed-paste markers); skip it whole.
          escaping = character === '[' ? 'sequence' : 'no'
          continue
        }
        if (escaping === 'sequence') {
          if (character >= '@' && character <= '~') escaping = 'no'
          continue
        }
        if (ENTER.has(character)) {
          // A CR LF pair is one Enter.
          const next = character === '\r' && typed[index + 1] === '\n' ? index + 2 : index + 1
          return finish(undefined, typed.slice(next).join(''))
        }
        if (character === CTRL_C) return finish(new PromptCanceled())
        if (character === CTRL_D) {
          if (characters.length === 0) return finish(new PromptCanceled())
          continue
        }
        if (character === ESCAPE) {
          escaping = 'started'
          continue
        }
        if (BACKSPACE.has(character)) {
          const removed = characters.pop()
          if (!hidden && raw && removed !== undefined) output.write('\b \b')
          continue
        }
        if (character === CTRL_U) {
          if (!hidden && raw) output.write('\b \b'.repeat(characters.length))
          characters = []
          continue
        }
        if (character < ' ') continue
        characters.push(character)
        if (!hidden && raw) output.write(character)
      }
    }
    input.on('data', onData)
    input.once('end', onEnd)
    input.resume()
  })
