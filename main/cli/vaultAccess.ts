// Finding and unlocking the vault for one command: --vault, else KEYWARD_VAULT, else the platform's
// default; the unlocked agent when one serves that vault, else the open and unlocked app, else the
// password from its source; the vault closed again whatever the command does. The vault's modules
// (SQLite, Argon2, the contract's schemas) and the jobs are imported only when the vault is opened here:
// a command the agent or the app answers loads neither.
import { statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { KeywardError } from '../common/errors'
import { resolveVaultPath } from '../common/vaultLocation'
import type { OpenVault } from '../vault/index'
import { AgentUnavailable, askAgent, failureFromAgent } from './agent/client'
import type { JobAnswers, JobInput } from './agent/jobs'
import type { AgentRequest } from './agent/protocol'
import { agentPathsFor, type AgentPaths } from './agent/runtimeFolder'
import { PROTOCOL_VERSION, type JobName } from './agent/wire'
import type { CliContext } from './context'
import type { PasswordOptions, PasswordSource } from './passwordSource'

export interface GlobalOptions extends PasswordOptions {
  /** --vault: the vault file. */
  vault?: string
}

export const vaultPathFor = (options: GlobalOptions, { io }: CliContext): string => {
  const vaultPath = resolve(
    io.cwd,
    resolveVaultPath(options.vault, { platform: io.platform, env: io.env, homeDirectory: io.homeDirectory }),
  )
  if (isFolder(vaultPath)) {
    const namedBy = options.vault !== undefined ? '--vault' : io.env.KEYWARD_VAULT ? 'KEYWARD_VAULT' : 'The vault path'
    throw new KeywardError(
      'invalid_argument',
      `${namedBy} names ${vaultPath}, which is a folder. Name the vault file itself, such as ${join(vaultPath, 'vault.keyward')}.`,
    )
  }
  return vaultPath
}

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

export const missingVaultError = (vaultPath: string): KeywardError =>
  new KeywardError(
    'vault_missing',
    `No vault at ${vaultPath}. Create one with "keyward init", or point to yours with --vault PATH or KEYWARD_VAULT.`,
  )

/**
 * Unlocks the vault, runs the work, and closes the vault again. The unlock goes through the same
 * throttle as the app's (wrong passwords slow down, counted beside the vault across runs), on the
 * run's clock; a vault weaker than the current Argon2id cost is re-wrapped on the way.
 */
export const withOpenVault = async <Result>(
  context: CliContext,
  options: GlobalOptions,
  work: (vault: OpenVault) => Promise<Result> | Result,
  given?: PasswordSource,
): Promise<Result> => {
  const { choosePasswordSource, readMasterPassword } = await import('./passwordSource')
  const source = given ?? choosePasswordSource(options, context)
  const vaultPath = vaultPathFor(options, context)
  const { openVault, vaultExists } = await import('../vault/index')
  // Say the vault is missing before asking for a password that could not open anything.
  if (!vaultExists(vaultPath)) throw missingVaultError(vaultPath)
  const password = await readMasterPassword(source, context)
  const vault = await openVault(vaultPath, password, {
    now: () => new Date(context.clock.now()),
    clock: context.clock,
    actor: 'cli',
    // Tests make cheap vaults and must not pay for an upgrade on every command.
    ...(context.kdfCost ? { kdfCost: context.kdfCost } : {}),
  })
  try {
    return await work(vault)
  } finally {
    vault.close()
  }
}

/**
 * The job answered by the unlocked agent for this vault when one is running, else undefined (the
 * command then opens the vault with the password). A password given on purpose (--password-stdin,
 * --password-file) is used instead of the agent; an agent that cannot be used is said once, on stderr.
 */
export const jobThroughAgent = async <Name extends JobName>(
  context: CliContext,
  options: GlobalOptions,
  name: Name,
  input: JobInput<Name>,
  /** What the command does without the agent, said after why the agent was not used. */
  instead = 'Asking for the master password instead.',
): Promise<JobAnswers[Name] | undefined> => {
  if (options.passwordStdin || options.passwordFile) return undefined
  const paths = agentPathsFor(vaultPathFor(options, context), context.io.env)
  const request = { v: PROTOCOL_VERSION, op: 'job', job: name, input } as const
  try {
    let answer
    try {
      answer = await askAgent(paths, request, 10 * 60_000)
    } catch (error) {
      // No agent unlocked: the open app answers when it is unlocked (values once allowed there).
      if (!(error instanceof AgentUnavailable) || error.reason !== 'none') throw error
      answer = await askOpenApp(context, paths, request)
    }
    if (!answer.ok) throw failureFromAgent(answer.failure)
    return answer.value as JobAnswers[Name]
  } catch (error) {
    if (!(error instanceof AgentUnavailable)) throw error
    if (error.reason !== 'none') context.io.stderr.write(`keyward: ${error.message} ${instead}\n`)
    return undefined
  }
}

/** Asks the open app; says on stderr, when the app takes a moment, that it waits for the user there. */
const askOpenApp = async (context: CliContext, paths: AgentPaths, request: AgentRequest) => {
  const note = setTimeout(
    () => context.io.stderr.write('keyward: waiting for you to allow or deny this command in the Keyward app.\n'),
    1_000,
  )
  try {
    return await askAgent({ ...paths, socket: paths.appSocket }, request, 10 * 60_000)
  } finally {
    clearTimeout(note)
  }
}

/** Does a job through the unlocked agent, or on the vault opened with the password when there is none. */
export const withVaultJob = async <Name extends JobName>(
  context: CliContext,
  options: GlobalOptions,
  name: Name,
  input: JobInput<Name>,
  source?: PasswordSource,
): Promise<JobAnswers[Name]> =>
  (await jobThroughAgent(context, options, name, input)) ??
  withOpenVault(
    context,
    options,
    async (vault) => (await import('./agent/jobs')).doJob(vault, name, input, new Date(context.clock.now())),
    source,
  )
