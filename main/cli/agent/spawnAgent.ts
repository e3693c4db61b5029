// Starting the agent process for keyward unlock: detached from the terminal, its stderr appended to
// its private log, the start request (with the master password) handed over on a pipe, never in its
// arguments or environment, and its one-line answer read back.
import { spawn } from 'node:child_process'
import { closeSync, existsSync, openSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { KeywardError } from '../../common/errors'
import { singleExecutableFolder } from '../../common/singleExecutable'
import { AGENT_PROCESS_ARGUMENT } from './agentArgument'
import type { AgentPaths } from './runtimeFolder'
import type { StartRequest } from './startAgent'

/** How long the agent may take to open the vault (Argon2id at full cost, a throttled unlock). */
const START_TIMEOUT_MS = 120_000
const MAX_START_ANSWER_BYTES = 64 * 1024

/**
 * Node's arguments for the agent: the single executable starts itself as the agent; otherwise the
 * built file beside the CLI's bundle, else the source through tsx.
 */
export const defaultAgentArguments = (): string[] => {
  if (singleExecutableFolder() !== null) return [AGENT_PROCESS_ARGUMENT]
  for (const name of ['./agent.js', '../agent.js']) {
    const candidate = new URL(name, import.meta.url)
    if (existsSync(fileURLToPath(candidate))) return [fileURLToPath(candidate)]
  }
  return ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./agentMain.ts', import.meta.url))]
}

export type StartAnswer = { ok: true; already: boolean; pid: number } | { ok: false; message: string }

/** Starts an agent process and answers what it said once it had unlocked (or why it did not). */
export const spawnAgent = (
  request: StartRequest,
  paths: AgentPaths,
  env: Record<string, string | undefined>,
  agentArguments: readonly string[] = defaultAgentArguments(),
): Promise<StartAnswer> => {
  const logDescriptor = openSync(paths.log, 'a', 0o600)
  const child = spawn(process.execPath, [...agentArguments], {
    // Detached and in the root folder: the agent outlives the terminal and holds no project folder busy.
    cwd: '/',
    env,
    detached: true,
    stdio: ['pipe', 'pipe', logDescriptor],
  })
  closeSync(logDescriptor)
  return new Promise<StartAnswer>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const finish = (answer: StartAnswer | Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      child.stdout!.destroy()
      child.unref()
      if (answer instanceof Error) reject(answer)
      else resolve(answer)
    }
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      finish(
        new KeywardError('io_error', `The agent did not unlock within ${START_TIMEOUT_MS / 1000} s; see ${paths.log}.`),
      )
    }, START_TIMEOUT_MS)
    child.on('error', (error) =>
      finish(
        new KeywardError(
          'io_error',
          `The agent could not be started (${(error as NodeJS.ErrnoException).code ?? error.message}).`,
        ),
      ),
    )
    child.stdout!.on('data', (chunk: Buffer) => {
      size += chunk.length
      chunks.push(chunk)
      const text = Buffer.concat(chunks).toString('utf8')
      if (size > MAX_START_ANSWER_BYTES)
        return finish(new KeywardError('io_error', 'The agent answered too much when starting.'))
      if (!text.includes('\n')) return
      try {
        finish(JSON.parse(text.slice(0, text.indexOf('\n'))) as StartAnswer)
      } catch {
        finish(new KeywardError('io_error', `The agent's answer could not be read; see ${paths.log}.`))
      }
    })
    child.on('close', () =>
      finish(new KeywardError('io_error', `The agent stopped before it unlocked; see ${paths.log}.`)),
    )
    child.stdin!.on('error', () => {})
    child.stdin!.end(`${JSON.stringify(request)}\n`)
  })
}
