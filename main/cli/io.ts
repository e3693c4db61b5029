// The outside world of one CLI run: streams, terminal, environment and paths. The real process
// supplies them in main.ts; tests pass their own to run commands in-process.
import { openSync } from 'node:fs'
import { homedir } from 'node:os'
import { ReadStream, WriteStream } from 'node:tty'

export interface TextWriter {
  write(text: string): unknown
}

/** Where interactive questions are asked and answered: the user's terminal. */
export interface Terminal {
  input: NodeJS.ReadableStream & { isRaw?: boolean; setRawMode?: (mode: boolean) => unknown }
  output: TextWriter
  /** Releases the terminal (a /dev/tty opened for a prompt); safe to call twice. */
  close(): void
}

export interface CliIo {
  stdin: NodeJS.ReadableStream
  stdout: TextWriter
  stderr: TextWriter
  stdinIsTTY: boolean
  stdoutIsTTY: boolean
  /** Progress is redrawn in place on a terminal; off one it is logged a line every few seconds. */
  stderrIsTTY: boolean
  env: Record<string, string | undefined>
  platform: NodeJS.Platform
  homeDirectory: string
  /** Relative paths given on the command line are resolved against this folder. */
  cwd: string
  /** The user's terminal for hidden prompts and questions, or undefined when there is none. */
  openTerminal(): Terminal | undefined
}

/**
 * The terminal of the real process: stdin when it is one; otherwise the controlling terminal
 * (/dev/tty), so that `printf %s "$VALUE" | keyward add NAME` can still ask for the password.
 */
const openProcessTerminal = (): Terminal | undefined => {
  if (process.stdin.isTTY) {
    return { input: process.stdin, output: process.stderr, close: () => process.stdin.pause() }
  }
  if (process.platform === 'win32') return undefined
  let input: ReadStream | undefined
  try {
    input = new ReadStream(openSync('/dev/tty', 'r'))
    const output = new WriteStream(openSync('/dev/tty', 'w'))
    const opened = input
    let closed = false
    return {
      input: opened,
      output,
      close: () => {
        if (closed) return
        closed = true
        opened.destroy()
        output.destroy()
      },
    }
  } catch {
    // No controlling terminal (a service, CI, a detached process).
    input?.destroy()
    return undefined
  }
}

export const processIo = (): CliIo => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTTY: Boolean(process.stdin.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  platform: process.platform,
  homeDirectory: homedir(),
  cwd: process.cwd(),
  openTerminal: openProcessTerminal,
})
