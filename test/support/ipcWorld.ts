// Main as the window reaches it, for one test at a time: the real services and handlers on a vault in
// a temporary folder, with the scripted stand-ins for the clipboard, dialogs, confirmations and clock,
// set up before each test and disposed after it. `call`/`callError` go through invokeMethod as the
// bridge does; rotationChanges counts main's announcements that the rotation list changed. What a test
// file needs beyond that (a transport, scan threads) it passes in `services`.
import { afterEach, beforeEach } from 'vitest'
import {
  createHandlers,
  createServices,
  disposeServices,
  type Handlers,
  type MainServices,
} from '../../main/ipc/handlers'
import type { ServiceOptions } from '../../main/ipc/services'
import { bridgeCalls } from './bridgeCalls'
import { ManualClock } from './manualClock'
import { MemoryClipboard } from './memoryClipboard'
import { ScriptedConfirmations } from './scriptedConfirmations'
import { ScriptedDialogs } from './scriptedDialogs'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from './tempVault'

export const MASTER_PASSWORD = 'master password'

interface WorldParts {
  temp: ReturnType<typeof makeTempDirectory>
  vaultPath: string
  clock: ManualClock
  clipboard: MemoryClipboard
  dialogs: ScriptedDialogs
  confirmations: ScriptedConfirmations
  services: MainServices
  handlers: Handlers
  /** How many times main announced a change to the rotation list (a key rotated, marked leaked…). */
  announced: { rotationChanges: number }
}

export type IpcWorld = Readonly<Omit<WorldParts, 'announced'>> & {
  /** How many times main announced a change to the rotation list since the test's services were made. */
  readonly rotationChanges: number
} & ReturnType<typeof bridgeCalls>

export interface IpcWorldOptions {
  /** The clock's start (an ISO date); the manual clock's own default otherwise. */
  startsAt?: string
  /** Create the vault with MASTER_PASSWORD before each test. */
  createVault?: boolean
  /** More service options, given the temporary folder. */
  services?: (directory: string) => Partial<ServiceOptions>
}

export const useIpcWorld = (options: IpcWorldOptions = {}): IpcWorld => {
  let parts: WorldParts | undefined
  const current = (): WorldParts => {
    if (!parts) throw new Error('the IPC world exists only inside a test')
    return parts
  }
  beforeEach(async () => {
    const temp = makeTempDirectory()
    const vaultPath = tempVaultPath(temp.directory)
    const clock = options.startsAt ? new ManualClock(Date.parse(options.startsAt)) : new ManualClock()
    const clipboard = new MemoryClipboard()
    const dialogs = new ScriptedDialogs()
    const confirmations = new ScriptedConfirmations()
    // Counted apart from the world's parts: main may announce while they are made or after they go.
    const announced = { rotationChanges: 0 }
    const services = createServices({
      vaultPath,
      clipboard,
      dialogs,
      confirmations,
      clock,
      kdfCost: TEST_KDF_COST,
      onRotationChanged: () => (announced.rotationChanges += 1),
      ...options.services?.(temp.directory),
    })
    const handlers = createHandlers(services)
    parts = { temp, vaultPath, clock, clipboard, dialogs, confirmations, services, handlers, announced }
    if (options.createVault) await world.call('createVault', { password: MASTER_PASSWORD })
  })
  afterEach(async () => {
    if (!parts) return
    await disposeServices(parts.services)
    parts.temp.cleanup()
    parts = undefined
  })
  const world: IpcWorld = {
    get temp() {
      return current().temp
    },
    get vaultPath() {
      return current().vaultPath
    },
    get clock() {
      return current().clock
    },
    get clipboard() {
      return current().clipboard
    },
    get dialogs() {
      return current().dialogs
    },
    get confirmations() {
      return current().confirmations
    },
    get services() {
      return current().services
    },
    get handlers() {
      return current().handlers
    },
    get rotationChanges() {
      return current().announced.rotationChanges
    },
    ...bridgeCalls(() => current().handlers),
  }
  return world
}
