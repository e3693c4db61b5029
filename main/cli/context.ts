// What every command gets: the run's io, its terminal (opened once, on first use, and released when
// the run ends), its clock and, for tests only, a cheaper Argon2id cost for new vaults.
import { systemClock, type Clock } from '../common/clock'
import type { KdfCost } from '../vault/index'
import type { CliIo, Terminal } from './io'

export interface CliContext {
  io: CliIo
  /** The user's terminal, or undefined when there is none to ask. */
  terminal(): Terminal | undefined
  /** Tests only: the KDF cost of vaults made by `init` (the default cost otherwise). */
  kdfCost?: KdfCost
  /**
   * The time the vault's changes are dated with and `keyward due` reckons from: the system's
   * clock, or a fixed one in tests.
   */
  clock: Clock
  /**
   * The run's exit code when a command did its work but its answer is "no" (keyward test with a key
   * that is not valid): the output is complete, so there is no error message to add.
   */
  exitCode: number
  /** Node's arguments that start the agent process (the built agent by default; tests run the source). */
  agentArguments?: readonly string[]
  /** Releases the terminal; called once at the end of the run. */
  dispose(): void
}

export interface CliContextOptions {
  kdfCost?: KdfCost
  /** Tests only: a fixed clock (the system's otherwise). */
  clock?: Clock
  /** Tests only: how the agent process is started (see CliContext.agentArguments). */
  agentArguments?: readonly string[]
}

export const createCliContext = (io: CliIo, options: CliContextOptions = {}): CliContext => {
  let terminal: Terminal | undefined
  let opened = false
  return {
    io,
    kdfCost: options.kdfCost,
    clock: options.clock ?? systemClock,
    agentArguments: options.agentArguments,
    exitCode: 0,
    terminal() {
      if (!opened) {
        opened = true
        terminal = io.openTerminal()
      }
      return terminal
    },
    dispose() {
      terminal?.close()
      terminal = undefined
    },
  }
}
