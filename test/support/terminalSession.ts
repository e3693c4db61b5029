// One terminal tab, as the open app can tell it: a process leading its own session (as a terminal's
// shell does) that runs each command as its child, so the commands share its session. Another
// TerminalSession is another terminal. Commands get no controlling terminal, as in builtCli.ts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import type { CliRun } from '../integration/cli/builtCli'

/** The session leader: reads one JSON request a line, runs it, answers one JSON line. */
const LEADER = `
const { spawn } = require('node:child_process')
let buffered = ''
process.stdin.setEncoding('utf8').on('data', (text) => {
  buffered += text
  for (let end; (end = buffered.indexOf('\\n')) >= 0; ) {
    const { id, argv, cwd, env, stdin } = JSON.parse(buffered.slice(0, end))
    buffered = buffered.slice(end + 1)
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (t) => (stdout += t))
    child.stderr.setEncoding('utf8').on('data', (t) => (stderr += t))
    child.stdin.on('error', () => {})
    child.stdin.end(stdin)
    child.on('close', (code, signal) =>
      process.stdout.write(JSON.stringify({ id, exitCode: code ?? (signal ? 128 : 1), stdout, stderr }) + '\\n'))
  }
})
`

export class TerminalSession {
  private readonly leader: ChildProcessWithoutNullStreams
  private readonly waiting = new Map<number, (run: CliRun) => void>()
  private nextId = 0

  constructor() {
    // detached: the leader calls setsid(), so it starts a session of its own, like a terminal's shell.
    this.leader = spawn(process.execPath, ['-e', LEADER], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] })
    let buffered = ''
    this.leader.stdout.setEncoding('utf8').on('data', (text: string) => {
      buffered += text
      for (let end; (end = buffered.indexOf('\n')) >= 0;) {
        const { id, ...run } = JSON.parse(buffered.slice(0, end)) as CliRun & { id: number }
        buffered = buffered.slice(end + 1)
        this.waiting.get(id)?.(run)
        this.waiting.delete(id)
      }
    })
  }

  get pid(): number {
    return this.leader.pid!
  }

  run(
    argv: readonly string[],
    { cwd, env, stdin = '' }: { cwd: string; env: Record<string, string>; stdin?: string },
  ): Promise<CliRun> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.waiting.set(id, resolve)
      this.leader.stdin.write(`${JSON.stringify({ id, argv, cwd, env, stdin })}\n`)
    })
  }

  close(): void {
    this.leader.kill()
  }
}
