// Runs the built `keyward` (out/main/cli.js) as a child process, the way a user's shell does, in a
// new session without a controlling terminal, so no prompt can wait for someone to type.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const BUILT_CLI = join(PROJECT_ROOT, 'out/main/cli.js')
export const PTY_DRIVER = fileURLToPath(new URL('./ptyDriver.py', import.meta.url))

const newestSource = (directory: string): number =>
  Math.max(
    ...readdirSync(directory, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newestSource(join(directory, entry.name)) : statSync(join(directory, entry.name)).mtimeMs,
    ),
  )

/** Fails clearly when the CLI was not built, or was built before its sources last changed. */
export const assertCliBuilt = (): void => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: build first with "npx electron-vite build".`)
  if (statSync(BUILT_CLI).mtimeMs < newestSource(join(PROJECT_ROOT, 'main/cli'))) {
    throw new Error(`${BUILT_CLI} is older than main/cli: rebuild with "npx electron-vite build".`)
  }
}

export interface CliRun {
  exitCode: number
  stdout: string
  stderr: string
}

/** A minimal environment: the test's own home and nothing inherited that names a vault or password. */
export const cliEnvironment = (home: string, extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  LANG: 'C.UTF-8',
  ...extra,
})

export const runBuiltCli = (
  args: readonly string[],
  { cwd, env, stdin }: { cwd: string; env: Record<string, string>; stdin?: string },
): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    child.stdin.on('error', () => {})
    child.stdin.end(stdin ?? '')
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr })
    })
  })


export interface TerminalStep {
  /** Text the terminal must show before the answer is typed. */
  expect: string
  /** Keystrokes, typed one by one (Enter is \r). */
  send: string
}

export interface TerminalRun {
  exitCode: number
  /** Everything the terminal showed (prompts, output, and any echo). */
  screen: string
  failure: string | null
}

/** Runs the built CLI under a pseudo-terminal, typing each answer once its prompt appears. */
export const runBuiltCliOnTerminal = (
  args: readonly string[],
  { cwd, env, steps, stdin }: { cwd: string; env: Record<string, string>; steps: TerminalStep[]; stdin?: string },
): Promise<TerminalRun> =>
  new Promise((resolve, reject) => {
    const spec = JSON.stringify({ argv: [process.execPath, BUILT_CLI, ...args], env, cwd, steps, stdin: stdin ?? null, timeout: 20 })
    const child = spawn('python3', [PTY_DRIVER, spec], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let errors = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (errors += text))
    child.on('error', reject)
    child.on('close', () => {
      try {
        const report = JSON.parse(output) as { transcript: string; exitCode: number; failure: string | null }
        resolve({ exitCode: report.exitCode, screen: Buffer.from(report.transcript, 'base64').toString('utf8'), failure: report.failure })
      } catch {
        reject(new Error(`The pty driver failed: ${errors || output}`))
      }
    })
  })
