// Composes the main-side services the contract's handlers use. The Electron app, the e2e harness
// and tests all build them here, each passing its own clipboard, dialogs and clock.
import { homedir } from 'node:os'
import type { Clock } from '../common/clock'
import { systemClock } from '../common/clock'
import { createClipboardGuard, type ClipboardGuard, type ClipboardLike } from '../clipboard/index'
import { AuthTester, HttpsTransport, type Transport } from '../authtest/index'
import { PendingImports } from '../envfile/index'
import { KeyTestService } from '../key-test-service/index'
import { RotationService, testValueWithAuthTester } from '../rotation-service/index'
import { ScanService } from '../scan-service/index'
import { VaultSession, type KdfCost } from '../vault/index'
import { CommandInstaller, type CommandInstallOptions } from './commandInstall'
import type { Confirmations } from './confirmations'
import type { Dialogs } from './dialogs'
import { ValuePacer } from './valuePacing'

export interface MainServices {
  session: VaultSession
  clipboard: ClipboardGuard
  dialogs: Dialogs
  /** Main's own confirmation of a change that widens where keys are sent. */
  confirmations: Confirmations
  /** Counts values shown or copied; past the allowance, the master password is asked again. */
  valuePacer: ValuePacer
  pendingImports: PendingImports
  keyTests: KeyTestService
  rotation: RotationService
  scans: ScanService
  clock: Clock
  /** The keyward command on the user's PATH ("Install the keyward command"). */
  command: CommandInstaller
  /** Closes the HTTPS connections auth tests keep open. */
  closeTransport: () => void
}

export interface ServiceOptions {
  vaultPath: string
  clipboard: ClipboardLike
  dialogs: Dialogs
  confirmations: Confirmations
  clock?: Clock
  /** Shown as ~ in the vault path; the current user's home unless given. */
  homeDirectory?: string
  /** How auth tests reach providers; HTTPS unless a test passes its own. */
  transport?: Transport
  authTestTimeoutMilliseconds?: number
  /** Called when something may have moved a key's rotation state (the app re-checks reminders). */
  onRotationChanged?: () => void
  /** Scanning threads (default: the scanner's); tests keep it low. */
  scanThreads?: number
  /** Lower only in tests; new vaults otherwise get the default Argon2id cost. */
  kdfCost?: KdfCost
  /** Where the app's keyward command is and how to link it; absent, this run has no command to offer. */
  command?: Omit<CommandInstallOptions, 'displayPath'>
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
  const valuePacer = new ValuePacer(clock)
  // Unlocking is typing the master password: a fresh allowance of values to show.
  session.onUnlock(() => valuePacer.renew())
  session.onLock(() => {
    pendingImports.clear()
    clipboard.clearIfOurs().catch(() => console.error('[keyward] clearing the clipboard on lock failed'))
  })
  const httpsTransport = options.transport ? null : new HttpsTransport()
  const tester = new AuthTester({
    clock,
    transport: options.transport ?? httpsTransport!,
    timeoutMilliseconds: options.authTestTimeoutMilliseconds,
    // The app, the CLI and hooks share each key's request count in the vault.
    ledger: () => (session.isUnlocked ? session.vault().rateSlots : null),
  })
  const keyTests = new KeyTestService({ openVault: () => session.vault(), tester, clock })
  session.onLock(() => keyTests.reset())
  const testValue = testValueWithAuthTester(() => session.vault(), tester)
  const rotation = new RotationService({
    openVault: () => session.vault(),
    clock,
    testValue,
    onChanged: options.onRotationChanged,
  })
  const scans = new ScanService({
    openVault: () => session.vault(),
    clock,
    keyTests,
    testValue,
    onLeaksChanged: options.onRotationChanged,
    threads: options.scanThreads,
  })
  session.onLock(() => scans.reset())
  const command = new CommandInstaller({
    ...(options.command ?? {
      platform: process.platform,
      homeDirectory: options.homeDirectory ?? homedir(),
      commandFolder: null,
      pathVariable: process.env['PATH'],
      fromAppImage: false,
    }),
    displayPath: (path) => session.displayPath(path),
  })
  return {
    session,
    clipboard,
    dialogs: options.dialogs,
    confirmations: options.confirmations,
    valuePacer,
    pendingImports,
    keyTests,
    rotation,
    scans,
    clock,
    command,
    closeTransport: () => httpsTransport?.close(),
  }
}

/** Locks the vault and drops every secret main holds (on quit, or at the end of a test). */
export const disposeServices = async (services: MainServices): Promise<void> => {
  services.keyTests.cancelRun()
  services.scans.cancel()
  services.session.lock('user')
  services.pendingImports.clear()
  services.closeTransport()
  await Promise.all([services.clipboard.clearIfOurs(), services.keyTests.settled(), services.scans.settled()])
}
