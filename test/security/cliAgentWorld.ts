// What the tests of the unlocked agent's boundary share: a vault made in-process at a cheap Argon2 cost,
// its own runtime folder for the agent, the built keyward run as a user's shell runs it, and the checks
// after the file that no output and nothing in the agent's folder holds a value or the password.
// Build first: npx electron-vite build.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { agentPathsFor } from '../../main/cli/agent/runtimeFolder'
import { fakeKeys } from '../support/fakeKeys'
import { makeTempDirectory } from '../support/tempVault'
import { assertCliBuilt, cliEnvironment, runBuiltCli, type CliRun } from '../integration/cli/builtCli'
import { prepareVault } from '../integration/cli/prepareVault'

export const PASSWORD = 'correct horse battery staple'
export const NOBODY = 65534
export const clipiaLive = fakeKeys.clipiaLive()
export const clipiaTest = fakeKeys.clipiaTest()
/** No rule knows it by its shape: only the vault's own values find it. */
export const legacyLive = fakeKeys.clodura()
const secrets = [PASSWORD, clipiaLive, clipiaTest, legacyLive]

export let temp: ReturnType<typeof makeTempDirectory>
export let vaultPath: string
export let runtime: string
export let env: Record<string, string>
export const outputs: CliRun[] = []

export const keyward = async (args: readonly string[], stdin?: string): Promise<CliRun> => {
  const result = await runBuiltCli(args, { cwd: temp.directory, env, stdin })
  outputs.push(result)
  return result
}
export const unlock = (...args: string[]) => keyward(['unlock', '--password-stdin', ...args], `${PASSWORD}\n`)
export const paths = () => agentPathsFor(vaultPath, env)

/** The agent's pid from `keyward agent status`, or null when it says the vault is locked. */
export const agentPid = async (): Promise<number | null> => {
  const status = await keyward(['agent', 'status'])
  const pid = /held by agent (\d+)/.exec(status.stdout)?.[1]
  return pid ? Number(pid) : null
}

/** Waits until nothing listens on the socket any more (a killed process's descriptors are closed by the kernel). */
export const untilNobodyListens = async (socket: string): Promise<void> => {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const connection = createConnection(socket)
      connection.on('connect', () => {
        connection.destroy()
        resolve(false)
      })
      connection.on('error', (error: NodeJS.ErrnoException) =>
        resolve(error.code === 'ECONNREFUSED' || error.code === 'ENOENT'),
      )
    })
    if (refused) return
    await sleep(20)
  }
}

/** Registers the test file's hooks: call once, at the top of the file. */
export const useCliAgentWorld = () => {
  beforeAll(async () => {
    assertCliBuilt()
    temp = makeTempDirectory('keyward-agent-')
    vaultPath = join(temp.directory, 'vault.keyward')
    runtime = join(temp.directory, 'run')
    mkdirSync(runtime, { mode: 0o700 })
    env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: vaultPath, XDG_RUNTIME_DIR: runtime })
    // Setting up only: the vault is made with a password file, beside the vault and not the agent's folder.
    writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
    const prepare = (argv: string[], stdin?: string) => prepareVault(temp.directory, vaultPath, argv, stdin)
    await prepare(['init'])
    await prepare(['add', 'Clipia live'], clipiaLive)
    await prepare(['add', 'Clipia test'], clipiaTest)
    await prepare(['add', 'Legacy live', '--env', 'live'], legacyLive)
  })

  afterEach(async () => {
    await keyward(['lock'])
  })

  afterAll(() => {
    for (const { stdout, stderr } of outputs) {
      for (const secret of secrets) expect(stdout + stderr).not.toContain(secret)
    }
    // Nothing the agent left in its folder (its log) holds a value or the password.
    for (const name of existsSync(paths().folder) ? readdirSync(paths().folder) : []) {
      const text = readFileSync(join(paths().folder, name), 'utf8')
      for (const secret of secrets) expect(text, name).not.toContain(secret)
    }
    temp?.cleanup()
  })
}
