// The one place Keyward runs git. A scanned repository is hostile data: every call goes through here,
// with the switches that keep its config, attributes and environment from running a program or making
// git read objects from elsewhere (each choice and the test that holds it: docs/scanner.md).
// Written for Node's type stripping (no enums, type-only imports), so scan workers run it from source.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process'

/**
 * Given on the command line, these win over anything the repository's config (or a file it includes)
 * sets. Only settings a command Keyward runs would act on are here; the rest of what git can run is
 * out of reach of those commands (docs/scanner.md lists each and why).
 */
export const NEUTRALISING_CONFIG: readonly string[] = [
  // ls-files runs core.fsmonitor on every call.
  'core.fsmonitor=false',
  // Lazy fetches of a partial clone's missing objects (cat-file, ls-tree) would run ssh, a proxy, a
  // credential helper or askpass: no transport at all.
  'protocol.allow=never',
  // log runs gpg.program for each signed commit when log.showSignature is on.
  'log.showSignature=false',
  // No command here runs a hook, a pager, an external diff or a textconv; these cost nothing and keep
  // it so if a later change adds one.
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'diff.external=',
  'core.attributesFile=/dev/null',
  'gpg.program=false',
]

/** Switches given before the command, for every call. */
const GLOBAL_SWITCHES = ['--no-pager']

/**
 * The environment git runs with: the process's own without any GIT_* variable (GIT_DIR, GIT_CONFIG_*,
 * GIT_EXEC_PATH, GIT_SSH_COMMAND, GIT_TRACE to a file, GIT_ALTERNATE_OBJECT_DIRECTORIES, ...) or
 * SSH_ASKPASS, no system or user config (they could name an fsmonitor or include the repository's
 * files), no replace refs and no grafts (which hide a secret's blob or commits), no prompt.
 */
const scanEnvironment = (userConfig: boolean): NodeJS.ProcessEnv => {
  const environment: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('GIT_') || name === 'SSH_ASKPASS') continue
    environment[name] = value
  }
  if (!userConfig) {
    environment.GIT_CONFIG_NOSYSTEM = '1'
    environment.GIT_CONFIG_GLOBAL = '/dev/null'
  }
  environment.GIT_NO_REPLACE_OBJECTS = '1'
  environment.GIT_GRAFT_FILE = '/dev/null'
  environment.GIT_TERMINAL_PROMPT = '0'
  // Empty (not unset): git then asks neither core.askPass nor SSH_ASKPASS.
  environment.GIT_ASKPASS = ''
  environment.GIT_OPTIONAL_LOCKS = '0'
  environment.LC_ALL = 'C'
  return environment
}

export interface SafeGitOptions {
  /**
   * For `keyward hook` only: read the user's and system config and leave core.hooksPath as configured,
   * to ask where the repository's hooks are. Only for rev-parse and config, which run nothing.
   */
  hookLookup?: boolean
}

/** The full argument list for one git call: the switches above, then `args`. */
export const safeGitArgs = (args: readonly string[], { hookLookup = false }: SafeGitOptions = {}): string[] => {
  const config = hookLookup
    ? NEUTRALISING_CONFIG.filter((entry) => !entry.startsWith('core.hooksPath='))
    : NEUTRALISING_CONFIG
  return [...GLOBAL_SWITCHES, ...config.flatMap((entry) => ['-c', entry]), ...args]
}

/** The environment for git, from the process's as it is now (PATH may have changed since the last call). */
export const safeGitEnvironment = ({ hookLookup = false }: SafeGitOptions = {}): NodeJS.ProcessEnv =>
  scanEnvironment(hookLookup)

/** Starts git with `args` (nothing inherited beyond what is said above). */
export const spawnGit = (
  args: readonly string[],
  options: { cwd?: string; stdio: StdioOptions; signal?: AbortSignal } & SafeGitOptions,
): ChildProcess =>
  spawn('git', safeGitArgs(args, options), {
    cwd: options.cwd ?? '/',
    stdio: options.stdio,
    signal: options.signal,
    env: safeGitEnvironment(options),
  })

export interface GitResult {
  code: number
  stdout: Buffer
  stderr: string
}

/** Runs git to its end; never rejects (a failure to start is code -1 with the reason in stderr). */
export const runGit = (
  args: readonly string[],
  cwd: string,
  { input, signal, hookLookup }: { input?: string; signal?: AbortSignal } & SafeGitOptions = {},
): Promise<GitResult> =>
  new Promise((resolve) => {
    const child = spawnGit(args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], signal, hookLookup })
    const chunks: Buffer[] = []
    let stderr = ''
    child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000)
    })
    child.on('error', (error) => resolve({ code: -1, stdout: Buffer.alloc(0), stderr: error.message }))
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(chunks), stderr }))
    child.stdin!.on('error', () => {})
    child.stdin!.end(input ?? '')
  })
