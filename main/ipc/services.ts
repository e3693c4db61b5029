// Composes the main-side services the contract's handlers use. The Electron app, the e2e harness
// and tests all build them here, each passing its own clipboard, dialogs and clock.
import { homedir } from 'node:os'
import type { Clock } from '../common/clock'
import { systemClock } from '../common/clock'
import { createClipboardGuard, type ClipboardGuard, type ClipboardLike } from '../clipboard/index'
import { PendingImports } from '../envfile/index'
import { VaultSession, type KdfCost } from '../vault/index'
import type { Dialogs } from './dialogs'

export interface MainServices {
  session: VaultSession
  clipboard: ClipboardGuard
  dialogs: Dialogs
  pendingImports: PendingImports
  clock: Clock
}

export interface ServiceOptions {
  vaultPath: string
  clipboard: ClipboardLike
  dialogs: Dialogs
  clock?: Clock
  /** Shown as ~ in the vault path; the current user's home unless given. */
  homeDirectory?: string
  /** Lower only in tests; new vaults otherwise get the default Argon2id cost. */
  kdfCost?: KdfCost
}

export const createServices = (options: ServiceOptions): MainServices => {
  const clock = options.clock ?? systemClock
  const session = new VaultSession({
    vaultPath: options.vaultPath,
    clock,
    kdfCost: options.kdfCost,
    homeDirectory: options.homeDirectory ?? homedir(),
  })
  const clipboard = createClipboardGuard(options.clipboard, clock)
  const pendingImports = new PendingImports(clock)
  session.onLock(() => {
    pendingImports.clear()
    clipboard.clearIfOurs().catch(() => console.error('[keyward] clearing the clipboard on lock failed'))
  })
  return { session, clipboard, dialogs: options.dialogs, pendingImports, clock }
}

/** Locks the vault and drops every secret main holds (on quit, or at the end of a test). */
export const disposeServices = async (services: MainServices): Promise<void> => {
  services.session.lock('user')
  services.pendingImports.clear()
  await services.clipboard.clearIfOurs()
}
