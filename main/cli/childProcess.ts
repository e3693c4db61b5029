// Running the command of `keyward run`: the environment it is given, its output passed on (through
// a masker, or straight to our stdout and stderr), the signals we receive passed to it, and how it
// ended, told the way a shell tells it.
import { spawn, type StdioOptions } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { constants } from 'node:os'
import type { Readable } from 'node:stream'
import { OutputMasker } from '../common/outputMasker'
import type { CliIo, TextWriter } from './io'

/** Signals passed on to the command when we receive them. */
export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const
type ForwardedSignal = (typeof FORWARDED_SIGNALS)[number]
/** Signals the terminal itself sends to its whole foreground process group (the command too). */
const TERMINAL_SIGNALS: readonly ForwardedSignal[] = ['SIGINT', 'SIGQUIT']

export interface ChildCommand {
  command: string
  args: readonly string[]
  env: Record<string, string>
  cwd: string
  /** Each value to mask in its output, with its mask; null: its stdout and stderr are ours (a terminal stays one). */
  masks: ReadonlyMap<string, string> | null
  /**
   * False when the terminal already delivers Ctrl-C and Ctrl-\ to the command (it shares our
   * terminal's foreground process group): passing them on too would deliver them twice.
   */
  forwardTerminalSignals: boolean
}

export type ChildEnd =
  | { kind: 'exited'; code: number }
  | { kind: 'signaled'; signal: NodeJS.Signals }
  | { kind: 'not_started'; reason: 'not_found' | 'not_executable' | 'failed'; code: string }

/** A writer that also takes bytes (process streams do; a test's text collector turns them to text). */
interface ByteWriter {
  write(chunk: Uint8Array): unknown
  once?(event: 'drain', listener: () => void): unknown
}
const asByteWriter = (writer: TextWriter): ByteWriter => writer as unknown as ByteWriter

/** Passes a child's output stream through the masker to one of ours, minding back-pressure. */
const passMasked = (source: Readable, writer: ByteWriter, masks: ReadonlyMap<string, string>): Promise<void> =>
  new Promise((resolve) => {
    const masker = new OutputMasker([...masks.keys()], (value) => masks.get(value)!)
    const write = (bytes: Buffer) => {
      if (bytes.length === 0) return
      if (writer.write(bytes) === false && writer.once) {
        source.pause()
        writer.once('drain', () => source.resume())
      }
    }
    source.on('data', (chunk: Buffer) => write(masker.push(chunk)))
    source.on('end', () => {
      write(masker.end())
      resolve()
    })
    // The read end failing (the command gone) ends what there is to pass on.
    source.on('error', () => resolve())
  })

const notStarted = (error: NodeJS.ErrnoException): ChildEnd => {
  const code = error.code ?? 'UNKNOWN'
  const reason =
    code === 'ENOENT'
      ? 'not_found'
      : code === 'EACCES' || code === 'EPERM' || code === 'ENOEXEC'
        ? 'not_executable'
        : 'failed'
  return { kind: 'not_started', reason, code }
}

/** Runs the command to its end; never rejects. */
export const runChildCommand = (io: CliIo, child: ChildCommand): Promise<ChildEnd> =>
  new Promise((resolve) => {
    const masking = child.masks !== null
    // stdin is always the command's own: a terminal stays a terminal, a pipe stays that pipe.
    const stdio: StdioOptions = ['inherit', masking ? 'pipe' : 'inherit', masking ? 'pipe' : 'inherit']
    let settled = false
    const forwarders = new Map<ForwardedSignal, () => void>()
    const finish = (end: ChildEnd) => {
      if (settled) return
      settled = true
      for (const [signal, forward] of forwarders) process.off(signal, forward)
      resolve(end)
    }
    let running: ReturnType<typeof spawn>
    try {
      running = spawn(child.command, [...child.args], { cwd: child.cwd, env: child.env, stdio })
    } catch (error) {
      finish(notStarted(error as NodeJS.ErrnoException))
      return
    }
    if (io.platform !== 'win32') {
      for (const signal of FORWARDED_SIGNALS) {
        // Listening also keeps us alive until the command has ended and its output is passed on.
        const forward = () => {
          if (!child.forwardTerminalSignals && TERMINAL_SIGNALS.includes(signal)) return
          if (running.exitCode === null && running.signalCode === null) running.kill(signal)
        }
        forwarders.set(signal, forward)
        process.on(signal, forward)
      }
    }
    const outputs =
      masking && running.stdout && running.stderr
        ? [
            passMasked(running.stdout, asByteWriter(io.stdout), child.masks!),
            passMasked(running.stderr, asByteWriter(io.stderr), child.masks!),
          ]
        : []
    running.on('error', (error: NodeJS.ErrnoException) => {
      // Only a command that could not start reports here before it ends.
      if (running.pid === undefined) finish(notStarted(error))
    })
    running.on('close', (code, signal) => {
      void Promise.all(outputs).then(() =>
        finish(signal ? { kind: 'signaled', signal } : { kind: 'exited', code: code ?? 1 }),
      )
    })
  })

/** The exit code a shell gives for this end: the command's own, 128 + n for a signal, 127 not found. */
export const exitCodeFor = (end: ChildEnd): number => {
  switch (end.kind) {
    case 'exited':
      return end.code
    case 'signaled':
      return 128 + (constants.signals[end.signal] ?? 0)
    case 'not_started':
      return end.reason === 'not_found' ? 127 : 126
  }
}

/**
 * True when we are in our controlling terminal's foreground process group, so a Ctrl-C typed there
 * reaches the command (which runs in our group) directly. On Linux this is read from /proc; elsewhere
 * a terminal on any of our standard streams stands for it.
 */
export const inTerminalForeground = (io: CliIo): boolean => {
  if (io.platform === 'linux') {
    try {
      const stat = readFileSync('/proc/self/stat', 'utf8')
      // After "pid (command) ": state ppid pgrp sid tty_nr tpgid …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const processGroup = Number(fields[2])
      const terminal = Number(fields[4])
      const foregroundGroup = Number(fields[5])
      return terminal !== 0 && foregroundGroup === processGroup
    } catch {
      // /proc not mounted: fall through.
    }
  }
  return io.stdinIsTTY || io.stdoutIsTTY || io.stderrIsTTY
}

/** Signals we may die of ourselves once the command died of them, so our parent sees the same. */
const RAISED_AGAIN = new Set<NodeJS.Signals>(['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGKILL', 'SIGALRM', 'SIGUSR2'])

/**
 * For the real process only: ends it with the signal the command died of, as the command itself
 * would have (a shell loop then stops on Ctrl-C). Returns when that is not possible, and the caller
 * exits with 128 + n instead.
 */
export const dieOfSameSignal = async (signal: NodeJS.Signals): Promise<void> => {
  if (process.platform === 'win32' || !RAISED_AGAIN.has(signal)) return
  // Let what was written reach stdout and stderr first.
  await Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise<void>((done) => stream.write('', () => done()))),
  )
  process.kill(process.pid, signal)
  // Still here: the signal is ignored (nohup, trap '' INT). The exit code tells instead.
  await new Promise((wait) => setTimeout(wait, 100))
}
