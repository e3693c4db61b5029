// keyward unlock [--for 15m], keyward lock and keyward agent status: the agent that holds the vault
// open for this user's commands, so that the master password is typed once, not once per command.
import type { Command } from 'commander'
import { KeywardError } from '../../common/errors'
import { countNoun } from '../../common/countNoun'
import { AgentUnavailable, agentStatus, lockAgent } from '../agent/client'
import { agentPathsFor, preparePrivateFolder, type AgentPaths } from '../agent/runtimeFolder'
import { forgetNotices } from '../agent/notices'
import { spawnAgent } from '../agent/spawnAgent'
import type { AgentStatus } from '../agent/protocol'
import type { CliContext } from '../context'
import { EXIT_FAILURE } from '../failures'
import { choosePasswordSource, readMasterPassword } from '../passwordSource'
import { missingVaultError, vaultPathFor, type GlobalOptions } from '../vaultAccess'

const DEFAULT_IDLE = '15m'
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 }

/** "15m", "90s", "2h" as seconds; between 10 seconds and 24 hours. */
export const parseIdleTime = (written: string): number => {
  const match = /^(\d{1,5})([smh])$/.exec(written.trim())
  const seconds = match ? Number(match[1]) * UNITS[match[2]!]! : Number.NaN
  if (!(seconds >= 10 && seconds <= 24 * 3600)) {
    throw new KeywardError(
      'invalid_argument',
      `--for takes a time between 10s and 24h, written like 90s, 15m or 8h (not ${JSON.stringify(written)}).`,
    )
  }
  return seconds
}

const inWords = (seconds: number): string =>
  seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`

const describeStatus = (status: AgentStatus): string =>
  `Unlocked: ${status.vaultPath} (${countNoun(status.keyCount, 'key')}), held by agent ${status.pid} since ${status.unlockedAt}.\n` +
  `It locks at ${status.locksAt} unless a command uses it before then (after ${inWords(status.idleSeconds)} without use), or now with "keyward lock".\n`

/** The running agent's status; an agent that cannot be trusted or understood is an error said plainly. */
const statusOrFail = async (paths: AgentPaths): Promise<AgentStatus | undefined> => {
  try {
    return await agentStatus(paths)
  } catch (error) {
    if (error instanceof AgentUnavailable) throw new KeywardError('io_error', error.message)
    throw error
  }
}

const agentPaths = (context: CliContext, options: GlobalOptions): { vaultPath: string; paths: AgentPaths } => {
  const vaultPath = vaultPathFor(options, context)
  return { vaultPath, paths: agentPathsFor(vaultPath, context.io.env) }
}

export const registerUnlock = (program: Command, context: CliContext): Command =>
  program
    .command('unlock')
    .description("unlock the vault once for this user's keyward commands, until it is idle for a while or locked")
    .option('--for <time>', 'lock after this long without a command (90s, 15m, 8h)', DEFAULT_IDLE)
    .addHelpText(
      'after',
      `
A small agent process holds the vault open and answers this user's keyward commands (list, run,
inject, read, test, scan, due, export and the pre-commit hook) through a socket only you can reach.
It hands out the masked list and the values a command asks for, never the master password or the
vault's key. It locks after the time given without a command, on "keyward lock", and when the vault
file is replaced.

Examples:
  keyward unlock
  keyward unlock --for 2h
`,
    )
    .action(async (_options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & { for: string }>()
      const idleSeconds = parseIdleTime(options.for)
      const { vaultPath, paths } = agentPaths(context, options)
      // Imported here: keyward lock and agent status load none of the vault's modules.
      const { vaultExists } = await import('../../vault/index')
      if (!vaultExists(vaultPath)) throw missingVaultError(vaultPath)
      preparePrivateFolder(paths.folder)
      const running = await statusOrFail(paths)
      if (running) {
        context.io.stdout.write(`Already unlocked; nothing was asked.\n${describeStatus(running)}`)
        return
      }
      const password = await readMasterPassword(choosePasswordSource(options, context), context)
      const answer = await spawnAgent(
        { vaultPath, password, idleSeconds, ...(context.kdfCost ? { kdfCost: context.kdfCost } : {}) },
        paths,
        context.io.env,
        context.agentArguments,
      )
      if (!answer.ok) throw new KeywardError('io_error', answer.message)
      forgetNotices(paths)
      context.io.stdout.write(
        answer.already
          ? `Already unlocked by agent ${answer.pid} (another keyward unlock started it first).\n`
          : `Unlocked ${vaultPath} for your keyward commands (agent ${answer.pid}); it locks after ${inWords(idleSeconds)} without use, or now with "keyward lock".\n`,
      )
    })

export const registerLock = (program: Command, context: CliContext): Command =>
  program
    .command('lock')
    .description('lock the vault now: the agent closes it and stops')
    .action(async (_options: object, self: Command) => {
      const { vaultPath, paths } = agentPaths(context, self.optsWithGlobals<GlobalOptions>())
      let locked: boolean
      try {
        locked = await lockAgent(paths)
      } catch (error) {
        if (!(error instanceof AgentUnavailable)) throw error
        if (error.reason !== 'none') throw new KeywardError('io_error', error.message)
        locked = false
      }
      context.io.stdout.write(locked ? `Locked ${vaultPath}.\n` : `${vaultPath} was not unlocked; nothing to lock.\n`)
    })

export const registerAgent = (program: Command, context: CliContext): Command => {
  const agent = program.command('agent').description('the agent that keyward unlock starts')
  agent
    .command('status')
    .description('say whether the vault is unlocked, and until when (exit 1 when it is not)')
    .action(async () => {
      const { vaultPath, paths } = agentPaths(context, program.opts<GlobalOptions>())
      const status = await statusOrFail(paths)
      if (status) {
        context.io.stdout.write(describeStatus(status))
        return
      }
      // No agent: the open app may answer commands for this vault while it is unlocked.
      const app = await statusOrFail({ ...paths, socket: paths.appSocket })
      if (app) {
        context.io.stdout.write(
          `Unlocked in the Keyward app: ${app.vaultPath} (${countNoun(app.keyCount, 'key')}). Commands are answered there while it stays unlocked; one that wants values asks you in the app first.\n` +
            `The app locks at ${app.locksAt} unless you use it before then (after ${inWords(app.idleSeconds)} without use), or from its window.\n`,
        )
        return
      }
      context.io.stdout.write(
        `Locked: no agent and no unlocked Keyward app holds ${vaultPath}. Unlock it with "keyward unlock".\n`,
      )
      context.exitCode = EXIT_FAILURE
    })
  return agent
}
