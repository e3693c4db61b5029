// An in-process stand-in for the CLI's outside world: stdin text, captured stdout and stderr, and
// an optional scripted terminal whose input is what the user "types".
import { PassThrough, Readable } from 'node:stream'
import type { CliIo, Terminal } from '../../../main/cli/io'

export class FakeTerminal implements Terminal {
  readonly input: PassThrough & { isRaw: boolean; setRawMode: (mode: boolean) => void }
  /** Everything shown on the terminal: questions, and echoes if anything were echoed. */
  shown = ''
  /** Raw-mode switches, in order. */
  readonly rawModes: boolean[] = []
  closed = false
  readonly output = { write: (text: string) => (this.shown += text) }

  constructor() {
    const input = new PassThrough() as FakeTerminal['input']
    input.isRaw = false
    input.setRawMode = (mode: boolean) => {
      input.isRaw = mode
      this.rawModes.push(mode)
    }
    this.input = input
  }

  /** Keystrokes, as a terminal in raw mode delivers them (Enter is \r). */
  type(keys: string): this {
    this.input.write(keys)
    return this
  }

  close(): void {
    this.closed = true
  }
}

export interface FakeIoOptions {
  stdin?: string
  stdinIsTTY?: boolean
  stdoutIsTTY?: boolean
  stderrIsTTY?: boolean
  terminal?: FakeTerminal
  env?: Record<string, string | undefined>
  cwd?: string
  homeDirectory?: string
}

export interface FakeIo extends CliIo {
  out: () => string
  err: () => string
}

export const fakeIo = (options: FakeIoOptions = {}): FakeIo => {
  let out = ''
  let err = ''
  return {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    stdinIsTTY: options.stdinIsTTY ?? false,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    env: options.env ?? {},
    platform: 'linux',
    homeDirectory: options.homeDirectory ?? '/nonexistent-home',
    cwd: options.cwd ?? process.cwd(),
    openTerminal: () => options.terminal,
    out: () => out,
    err: () => err,
  }
}
