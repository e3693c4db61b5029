// Where a scan's jobs run. A history scan starts its worker threads first, so that their start overlaps
// git's first answers. A scan without history (the working tree, the staged files) lists its files
// first and scans a few thousand in this thread: on eslint/eslint's tree (2,358 files, 23.6 MB) starting
// two workers took more CPU than scanning every file, and held up git's listing on a two-core machine.
import { ScanWorkerPool, type ScanPool } from './workerPool'
import type { WorkerInit } from './workerProtocol'

/** Files (or blobs) up to which a scan without workers runs in this thread. */
export const IN_THREAD_MAX_ITEMS = 4096

export class ScanPools {
  private workerPool: ScanWorkerPool | null = null
  private inThread: ScanPool | null = null
  private readonly threads: number
  private readonly init: WorkerInit

  constructor(threads: number, init: WorkerInit) {
    this.threads = threads
    this.init = init
  }

  /** The worker threads, started now if they are not yet. */
  workers(): ScanWorkerPool {
    return (this.workerPool ??= new ScanWorkerPool(this.threads, this.init))
  }

  /** The pool for a job of `items` files or blobs: the workers once started or for many, else this thread. */
  async forItems(items: number): Promise<ScanPool> {
    if (this.workerPool || items > IN_THREAD_MAX_ITEMS) return this.workers()
    if (!this.inThread) {
      // Loaded when used: the scanner's code (rules, kernel) stays out of a process that never scans here.
      const { InThreadPool } = await import('./inThreadPool')
      this.inThread ??= new InThreadPool(this.init)
    }
    return this.inThread
  }

  async close(): Promise<void> {
    await Promise.all([this.workerPool?.close(), this.inThread?.close()])
  }

  async terminate(): Promise<void> {
    await Promise.all([this.workerPool?.terminate(), this.inThread?.terminate()])
  }
}
