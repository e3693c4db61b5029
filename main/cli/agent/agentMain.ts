// Entry point of the agent process (built to out/main/agent.js), started detached by keyward unlock:
// reads its start request (with the master password) from the pipe on stdin, answers one line on
// stdout, then serves until it locks. Its stderr is its log, which never holds a value.
import { describeFailure } from '../failures'
import { agentPathsFor } from './runtimeFolder'
import { StartRequest, startAgent } from './startAgent'

const MAX_START_BYTES = 64 * 1024

const log = (line: string): void => {
  process.stderr.write(`${new Date().toISOString()} keyward agent ${process.pid}: ${line}\n`)
}

const answer = (message: unknown, then?: () => void): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`, then)
}

const readStartLine = async (): Promise<string> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    const bytes = chunk as Buffer
    size += bytes.length
    if (size > MAX_START_BYTES) throw new Error('start request too large')
    chunks.push(bytes)
    if (bytes.includes(10)) break
  }
  const text = Buffer.concat(chunks).toString('utf8')
  chunks.forEach((chunk) => chunk.fill(0))
  return text.slice(0, text.indexOf('\n'))
}

const main = async (): Promise<void> => {
  const request = StartRequest.parse(JSON.parse(await readStartLine()))
  process.stdin.destroy()
  const paths = agentPathsFor(request.vaultPath, process.env)
  const outcome = await startAgent(request, paths, log, () => process.exit(0))
  if (outcome.kind === 'already') {
    answer({ ok: true, already: true, pid: outcome.pid }, () => process.exit(0))
    return
  }
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => outcome.server.lock('signal'))
  answer({ ok: true, already: false, pid: process.pid })
  process.stdout.end()
}

main().catch((error: unknown) => {
  const failure = describeFailure(error)
  log(`did not start: ${failure.message ?? 'failed'}`)
  answer({ ok: false, message: failure.message ?? 'The agent did not start.' })
  process.exitCode = 1
})
