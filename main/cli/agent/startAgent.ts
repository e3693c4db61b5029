// Starting an agent for one vault, inside the detached agent process: one at a time per vault (a
// start lock, its holder's pid inside), an agent already answering kept, a dead one's socket removed,
// then the vault opened with the password (the throttle and the KDF as for any unlock) and served.
import { openSync, closeSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import { KeywardError } from '../../common/errors'
import { openVault } from '../../vault/index'
import { AgentUnavailable, agentStatus } from './client'
import { preparePrivateFolder, type AgentPaths } from './runtimeFolder'
import { startAgentServer, type AgentServer, type LockReason } from './server'

export const StartRequest = z.strictObject({
  vaultPath: z.string().min(1).max(4096),
  password: z.string().min(1).max(1024),
  idleSeconds: z
    .number()
    .int()
    .min(10)
    .max(24 * 3600),
  /** Tests only: the Argon2id cost the vault was made with, so that opening it upgrades nothing. */
  kdfCost: z
    .strictObject({ memoryKiB: z.number().int(), iterations: z.number().int(), parallelism: z.number().int() })
    .optional(),
})
export type StartRequest = z.infer<typeof StartRequest>

export type StartOutcome = { kind: 'started'; server: AgentServer } | { kind: 'already'; pid: number }

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the start lock, waiting for another start in progress; a lock left by a dead process is taken over. */
const takeStartLock = async (path: string): Promise<() => void> => {
  for (let waited = 0; ; waited += 50) {
    try {
      const descriptor = openSync(path, 'wx', 0o600)
      writeSync(descriptor, String(process.pid))
      closeSync(descriptor)
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path)
        } catch {
          // gone already
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    let holder = Number.NaN
    try {
      holder = Number.parseInt(readFileSync(path, 'utf8'), 10)
    } catch {
      continue
    }
    if (!Number.isInteger(holder) || !isAlive(holder)) {
      unlinkSync(path)
      continue
    }
    if (waited > 120_000)
      throw new KeywardError(
        'vault_busy',
        'Another keyward unlock has been starting an agent for over two minutes; try again.',
      )
    await sleep(50)
  }
}

export const startAgent = async (
  request: StartRequest,
  paths: AgentPaths,
  log: (line: string) => void,
  onLocked: (reason: LockReason) => void,
): Promise<StartOutcome> => {
  preparePrivateFolder(paths.folder)
  const release = await takeStartLock(paths.startLock)
  try {
    try {
      const running = await agentStatus(paths)
      if (running) return { kind: 'already', pid: running.pid }
    } catch (error) {
      if (error instanceof AgentUnavailable) throw new KeywardError('vault_busy', error.message)
      throw error
    }
    const vault = await openVault(request.vaultPath, request.password, {
      actor: 'cli via agent',
      ...(request.kdfCost ? { kdfCost: request.kdfCost } : {}),
    })
    try {
      return {
        kind: 'started',
        server: await startAgentServer({ vault, paths, idleMs: request.idleSeconds * 1000, log, onLocked }),
      }
    } catch (error) {
      vault.close()
      throw error
    }
  } finally {
    release()
  }
}
