// Where the agent's socket lives: a folder only this user can enter ($XDG_RUNTIME_DIR/keyward, else
// keyward-UID in the OS temp folder), checked before every use: owned by this user, mode 0700, no link.
// The open app serves the same vault on a second name in the same folder (appSocket).
import { createHash } from 'node:crypto'
import { lstatSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KeywardError } from '../../common/errors'

export interface AgentPaths {
  folder: string
  /** The agent's Unix socket for one vault. */
  socket: string
  /**
   * The open app's socket for the same vault (same protocol): asked when no agent answers, and only
   * while the app is unlocked; values wait for the user to allow them in the app.
   */
  appSocket: string
  /** Taken while an agent starts, so that two unlocks at once leave one agent. */
  startLock: string
  /** The agent's own messages (never a value): when it unlocked, why it locked. */
  log: string
  /** Present once a command said the vault is locked; removed by the next unlock. */
  lockedNotice: string
}

const currentUid = (): number => process.getuid?.() ?? -1

/** The folder for this user's agents, from the environment given (a command's, or the process's). */
export const agentFolderFor = (env: Record<string, string | undefined>): string => {
  const runtime = env.XDG_RUNTIME_DIR
  // Only an absolute XDG_RUNTIME_DIR counts, as the XDG spec says; the check below judges the rest.
  if (runtime && runtime.startsWith('/')) return join(runtime, 'keyward')
  return join(tmpdir(), `keyward-${currentUid()}`)
}

/** One agent per vault file: its socket is named for the vault's absolute path. */
export const agentPathsFor = (vaultPath: string, env: Record<string, string | undefined>): AgentPaths => {
  const folder = agentFolderFor(env)
  const name = `agent-${createHash('sha256').update(vaultPath).digest('hex').slice(0, 16)}`
  return {
    folder,
    socket: join(folder, `${name}.sock`),
    appSocket: join(folder, `app-${name.slice('agent-'.length)}.sock`),
    startLock: join(folder, `${name}.starting`),
    log: join(folder, `${name}.log`),
    lockedNotice: join(folder, `${name}.locked-notice`),
  }
}

/**
 * Refuses a folder another user could have made or can write into: anyone who can write there could
 * put their own socket in the agent's place and collect what commands send it. Checked with lstat, so
 * a link to somewhere else is refused, not followed.
 */
export const assertPrivateFolder = (folder: string): void => {
  const status = lstatSync(folder)
  const problem = status.isSymbolicLink()
    ? 'is a symbolic link'
    : !status.isDirectory()
      ? 'is not a folder'
      : status.uid !== currentUid()
        ? `belongs to another user (uid ${status.uid})`
        : (status.mode & 0o077) !== 0
          ? `can be used by other users (mode ${(status.mode & 0o777).toString(8)})`
          : null
  if (problem) {
    throw new KeywardError(
      'io_error',
      `The agent folder ${folder} ${problem}, so Keyward will not use an agent there. Remove it (it holds nothing but sockets) and unlock again, or set XDG_RUNTIME_DIR to a folder only you can use.`,
    )
  }
}

/** Makes the folder (0700) when it is missing, then checks it whatever made it. */
export const preparePrivateFolder = (folder: string): void => {
  try {
    mkdirSync(folder, { mode: 0o700 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  assertPrivateFolder(folder)
}

/** Whether the folder exists at all (a missing folder means no agent, not a problem). */
export const folderExists = (folder: string): boolean => {
  try {
    lstatSync(folder)
    return true
  } catch {
    return false
  }
}
