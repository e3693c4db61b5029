// Runs the e2e harness (test/harness/main.ts) as a child process under tsx and talks to it over its
// HTTP controls. A child keeps the native vault modules out of Playwright's worker.
import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const STARTUP_TIMEOUT_MS = 30_000

export interface HarnessProcess {
  url: string
  origin: string
  token: string
  /** POSTs (or GETs, without a body) to a /__harness/… control route. */
  control<Answer>(route: string, body?: unknown): Promise<Answer>
  /** The same, to a /__confirm/… route with the token only this process knows (never the page). */
  confirmControl<Answer>(route: string, body?: unknown): Promise<Answer>
  stop(): Promise<void>
}

export const startHarnessProcess = async (
  vaultPath: string,
  environment: Record<string, string> = {},
): Promise<HarnessProcess> => {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(repositoryRoot, 'test/harness/main.ts'), '--vault', vaultPath, '--json'],
    { cwd: repositoryRoot, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...environment, NODE_OPTIONS: '' } },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })

  const ready = await new Promise<{ url: string; origin: string; token: string; confirmToken: string }>(
    (resolveReady, rejectReady) => {
      const timer = setTimeout(
        () => rejectReady(new Error(`The harness did not start in time.\n${stderr}`)),
        STARTUP_TIMEOUT_MS,
      )
      const lines = createInterface({ input: child.stdout! })
      lines.once('line', (line) => {
        clearTimeout(timer)
        try {
          resolveReady(JSON.parse(line))
        } catch {
          rejectReady(new Error(`The harness printed something unexpected: ${line}\n${stderr}`))
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        rejectReady(new Error(`The harness exited (${code}) before it was ready.\n${stderr}`))
      })
    },
  )

  const request = async <Answer>(route: string, headers: Record<string, string>, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${ready.origin}${route}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const answer = (await response.json()) as Answer
    if (!response.ok) throw new Error(`Harness control ${route} failed: ${JSON.stringify(answer)}`)
    return answer
  }
  const control = <Answer>(route: string, body?: unknown) =>
    request<Answer>(route, { 'x-keyward-token': ready.token }, body)
  const confirmControl = <Answer>(route: string, body?: unknown) =>
    request<Answer>(route, { 'x-keyward-confirm-token': ready.confirmToken }, body)

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()))
    child.stdin?.end()
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }

  const { confirmToken: _kept, ...shown } = ready
  return { ...shown, control, confirmControl, stop }
}
