// Runs the built `keyward` (out/main/cli.js) as a child process, the way a user's shell does, in a
// new session without a controlling terminal, so no prompt can wait for someone to type. With
// KEYWARD_TEST_CLI=executable the same tests run the single executable from npm run build:cli.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const BUILT_CLI = join(PROJECT_ROOT, 'out/main/cli.js')
export const PTY_DRIVER = fileURLToPath(new URL('./ptyDriver.py', import.meta.url))
/** The single executable and its native parts (npm run build:cli). */
export const CLI_EXECUTABLE_FOLDER = join(PROJECT_ROOT, 'dist-cli')
export const CLI_EXECUTABLE = join(CLI_EXECUTABLE_FOLDER, process.platform === 'win32' ? 'keyward.exe' : 'keyward')
const testsExecutable = process.env.KEYWARD_TEST_CLI === 'executable'
/** The command line that starts `keyward`, before its arguments. */
export const CLI_COMMAND: readonly [string, ...string[]] = testsExecutable
  ? [CLI_EXECUTABLE]
  : [process.execPath, BUILT_CLI]
/** CLI_COMMAND as a shell command line, for a `keyward` shim on PATH. */
export const CLI_SHELL_COMMAND = CLI_COMMAND.map((part) => `"${part}"`).join(' ')

const newestSource = (directory: string): number =>
  Math.max(
    ...readdirSync(directory, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newestSource(join(directory, entry.name)) : statSync(join(directory, entry.name)).mtimeMs,
    ),
  )

/** Fails clearly when the CLI was not built, or was built before its sources last changed. */
export const assertCliBuilt = (): void => {
  if (testsExecutable) return assertExecutableBuilt()
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: build first with "npx electron-vite build".`)
  if (statSync(BUILT_CLI).mtimeMs < newestSource(join(PROJECT_ROOT, 'main/cli'))) {
    throw new Error(`${BUILT_CLI} is older than main/cli: rebuild with "npx electron-vite build".`)
  }
}

/** Fails clearly when the single executable was not built, or was built before main/ last changed. */
/** Builds the single executable and its native parts into `folder` (npm run build:cli --out); its path. */
export const buildCliExecutable = (folder: string): string => {
  const built = spawnSync(process.execPath, [join(PROJECT_ROOT, 'main/cli/sea/build.mjs'), '--out', folder], {
    encoding: 'utf8',
  })
  if (built.status !== 0) throw new Error(`npm run build:cli failed: ${built.stderr}`)
  return join(folder, process.platform === 'win32' ? 'keyward.exe' : 'keyward')
}

export const assertExecutableBuilt = (): void => {
  if (!existsSync(CLI_EXECUTABLE)) throw new Error(`${CLI_EXECUTABLE} is missing: build it with "npm run build:cli".`)
  if (statSync(CLI_EXECUTABLE).mtimeMs < newestSource(join(PROJECT_ROOT, 'main'))) {
    throw new Error(`${CLI_EXECUTABLE} is older than main/: rebuild it with "npm run build:cli".`)
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
  options: { cwd: string; env: Record<string, string>; stdin?: string },
): Promise<CliRun> => runKeywardCommand(CLI_COMMAND, args, options)

/** Runs `command` (a keyward executable, or node and a bundle) with `args`, detached and without a terminal. */
export const runKeywardCommand = (
  command: readonly [string, ...string[]],
  args: readonly string[],
  { cwd, env, stdin }: { cwd: string; env: Record<string, string>; stdin?: string },
): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(command[0], [...command.slice(1), ...args], {
      cwd,
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
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
    const spec = JSON.stringify({ argv: [...CLI_COMMAND, ...args], env, cwd, steps, stdin: stdin ?? null, timeout: 20 })
    const child = spawn('python3', [PTY_DRIVER, spec], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let errors = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (errors += text))
    child.on('error', reject)
    child.on('close', () => {
      try {
        const report = JSON.parse(output) as { transcript: string; exitCode: number; failure: string | null }
        resolve({
          exitCode: report.exitCode,
          screen: Buffer.from(report.transcript, 'base64').toString('utf8'),
          failure: report.failure,
        })
      } catch {
        reject(new Error(`The pty driver failed: ${errors || output}`))
      }
    })
  })
