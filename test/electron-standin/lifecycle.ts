// The app module: ready, quit and exit in Electron's order (before-quit, windows closed, will-quit,
// quit; each of the first two preventable), the single-instance lock, the sandbox switch. Chromium
// starts before 'ready' (windows.ts adds that step), as Electron's own browser process does.
import { EventEmitter } from 'node:events'
import { record } from './record'
import { claimLock, releaseLock, type SecondInstance } from './singleInstance'
import { userDataPath } from './paths'

type Task = () => Promise<void>
const startupTasks: Task[] = []
const closeWindowTasks: Task[] = []
const shutdownTasks: Task[] = []

/** Run before 'ready' (launch Chromium). */
export const addStartupTask = (task: Task): void => void startupTasks.push(task)
/** Run when quitting, before will-quit (close every window). */
export const addCloseWindowsTask = (task: Task): void => void closeWindowTasks.push(task)
/** Run last, before the process exits (close Chromium, release the lock). */
export const addShutdownTask = (task: Task): void => void shutdownTasks.push(task)

let ready = false
export const isReady = (): boolean => ready

const preventableEvent = () => {
  let prevented = false
  return {
    preventDefault: () => {
      prevented = true
    },
    get defaultPrevented() {
      return prevented
    },
  }
}

class StandinApp extends EventEmitter {
  /** Run from `electron out/main/index.js`, not from an app bundle. */
  readonly isPackaged = false
  private quitting = false
  private exiting = false
  /** True from the first quit on: window-all-closed is not emitted for windows a quit closes. */
  quitRequested = false
  private readonly readyPromise: Promise<void>

  constructor() {
    super()
    this.readyPromise = new Promise((resolveReady, rejectReady) => {
      // After the main module has run its top-level code, as Electron emits ready on a later task.
      setImmediate(() => {
        void this.start().then(resolveReady, rejectReady)
      })
    })
    // whenReady is awaited by the app; a failed start is reported there, not as an unhandled rejection.
    this.readyPromise.catch(() => undefined)
  }

  private async start(): Promise<void> {
    if (this.quitRequested) return new Promise<void>(() => undefined)
    for (const task of startupTasks) await task()
    ready = true
    this.emit('ready', preventableEvent(), {})
  }

  enableSandbox(): void {
    if (ready) throw new Error('app.enableSandbox() can only be called before the app is ready.')
    record.sandboxEnabled = true
  }

  isReady(): boolean {
    return ready
  }

  whenReady(): Promise<void> {
    return this.readyPromise
  }

  getName(): string {
    return userDataPath().name
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    const held = claimLock(userDataPath().path, additionalData, (instance: SecondInstance) => {
      record.secondInstances.push({ argv: instance.argv, workingDirectory: instance.workingDirectory })
      this.emit(
        'second-instance',
        preventableEvent(),
        instance.argv,
        instance.workingDirectory,
        instance.additionalData,
      )
    })
    record.singleInstanceLock = held ? 'held' : 'refused'
    return held
  }

  setBadgeCount(count?: number): boolean {
    record.badgeCount = count ?? 0
    return true
  }

  quit(): void {
    this.quitRequested = true
    if (this.quitting || this.exiting) return
    this.quitting = true
    setImmediate(() => void this.runQuit())
  }

  private async runQuit(): Promise<void> {
    const beforeQuit = preventableEvent()
    this.emit('before-quit', beforeQuit)
    if (beforeQuit.defaultPrevented) return this.cancelQuit()
    for (const task of closeWindowTasks) await task()
    const willQuit = preventableEvent()
    this.emit('will-quit', willQuit)
    if (willQuit.defaultPrevented) return this.cancelQuit()
    this.emit('quit', preventableEvent(), 0)
    await this.shutdown(0)
  }

  private cancelQuit(): void {
    this.quitting = false
    this.quitRequested = false
  }

  /** Ends at once: no before-quit or will-quit, as Electron's app.exit. */
  exit(exitCode = 0): void {
    if (this.exiting) return
    void this.shutdown(exitCode)
  }

  private async shutdown(exitCode: number): Promise<void> {
    this.exiting = true
    for (const task of shutdownTasks) await task().catch(() => undefined)
    await releaseLock()
    process.exit(exitCode)
  }
}

export const app = new StandinApp()
