// Starts the scan workers and spreads jobs over them by the bytes each has waiting. From source (tests,
// tsx) a worker runs scanWorker.ts under Node's type stripping, with a resolve hook for the project's
// extensionless imports; built, it runs scanWorker.js beside the bundle (see docs/scanner.md).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { singleExecutableAsset } from '../common/singleExecutable'
import type { BlobJob, FileJob, ItemResult, JobSummary, WorkerInit, WorkerReply } from './scanWorker'

// Stripping types is most of a start from source; Node's compile cache (in the temp folder, off with
// NODE_DISABLE_COMPILE_CACHE=1) keeps the result, so later workers start as fast as from JavaScript.
const TYPESCRIPT_BOOTSTRAP = `
const { registerHooks, enableCompileCache } = require('node:module')
const { workerData } = require('node:worker_threads')
enableCompileCache?.()
registerHooks({
  resolve(specifier, context, nextResolve) {
    if ((specifier.startsWith('./') || specifier.startsWith('../')) && !/\\.[cm]?[jt]s$|\\.json$/.test(specifier)) {
      try { return nextResolve(specifier + '.ts', context) } catch {}
    }
    return nextResolve(specifier, context)
  },
})
import(workerData.entry).catch((error) => { throw error })
`

/** The worker's entry: the built file beside this module, else the source. */
export const defaultWorkerEntry = (): URL => {
  for (const name of ['./scanWorker.js', './scanner/scanWorker.js', '../scanWorker.js']) {
    const candidate = new URL(name, import.meta.url)
    if (existsSync(fileURLToPath(candidate))) return candidate
  }
  return new URL('./scanWorker.ts', import.meta.url)
}

/**
 * A small young generation: a worker's garbage is mostly the pipe's 64 KiB chunks, and collecting them
 * often keeps memory flat (measured on a 1.7 GB history: peak RSS 416 MB with V8's default, 245-295 MB
 * with 4 MiB, 231-242 MB with 2 MiB, for the same CPU).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 2 }

/** The single executable carries the worker's bundled code inside it (npm run build:cli). */
const SINGLE_EXECUTABLE_WORKER = 'scanWorker.cjs'

const startWorker = (entry: URL): Worker => {
  const builtIn = singleExecutableAsset(SINGLE_EXECUTABLE_WORKER)
  if (builtIn !== null) return new Worker(builtIn, { eval: true, execArgv: [], resourceLimits: WORKER_LIMITS })
  if (entry.pathname.endsWith('.ts')) {
    return new Worker(TYPESCRIPT_BOOTSTRAP, {
      eval: true,
      workerData: { entry: entry.href },
      execArgv: [],
      resourceLimits: WORKER_LIMITS,
    })
  }
  return new Worker(entry, { execArgv: [], resourceLimits: WORKER_LIMITS })
}

export interface JobOutcome {
  summary: JobSummary
  /** Only the items with hits or a problem. */
  results: ItemResult[]
}

export type PoolJob = Omit<FileJob, 'id'> | Omit<BlobJob, 'id'>

/** Where a scan's jobs run: worker threads (ScanWorkerPool), or this thread for a small scan (InThreadPool). */
export interface ScanPool {
  /** How many jobs can run at once. */
  readonly size: number
  /** Runs a job where there is least waiting. */
  run(job: PoolJob, weight: number): Promise<JobOutcome>
  /** Runs a job on the given one of `size`. */
  runOn(worker: number, job: PoolJob, weight: number): Promise<JobOutcome>
  /** Ends once the jobs are done (and any cat-file with them). */
  close(): Promise<void>
  /** Cancels: pending jobs are dropped. */
  terminate(): Promise<void>
}

interface PendingJob {
  resolve: (outcome: JobOutcome) => void
  reject: (error: Error) => void
  weight: number
  worker: number
}

export class ScanWorkerPool implements ScanPool {
  private readonly workers: Worker[]
  private readonly pending = new Map<number, PendingJob>()
  private readonly load: number[]
  /** Workers given blobs: each may have a cat-file to end before it is terminated. */
  private readonly readsBlobs: boolean[]
  private nextId = 1
  private failure: Error | null = null

  constructor(count: number, init: WorkerInit, entry: URL = defaultWorkerEntry()) {
    this.workers = Array.from({ length: count }, () => startWorker(entry))
    this.load = this.workers.map(() => 0)
    this.readsBlobs = this.workers.map(() => false)
    this.workers.forEach((worker) => {
      worker.on('message', (reply: WorkerReply) => this.onReply(reply))
      worker.on('error', (error) => this.fail(new Error(`A scan worker stopped: ${error.message}`)))
      worker.on('exit', (code) => {
        if (code !== 0 && this.pending.size > 0) this.fail(new Error(`A scan worker exited (${code}).`))
      })
      worker.postMessage(init)
    })
  }

  get size(): number {
    return this.workers.length
  }

  /** Bytes (or files) waiting on the least busy worker's queue. */
  get lightestLoad(): number {
    return Math.min(...this.load)
  }

  get totalLoad(): number {
    return this.load.reduce((sum, value) => sum + value, 0)
  }

  /** Runs a job on the least busy worker. */
  run(job: PoolJob, weight: number): Promise<JobOutcome> {
    let worker = 0
    for (let index = 1; index < this.load.length; index++) if (this.load[index]! < this.load[worker]!) worker = index
    return this.runOn(worker, job, weight)
  }

  /** Runs a job on the given worker (its own cat-file keeps what it read of a path's versions cached). */
  runOn(worker: number, job: PoolJob, weight: number): Promise<JobOutcome> {
    if (this.failure) return Promise.reject(this.failure)
    const id = this.nextId++
    this.load[worker]! += weight
    if (job.type === 'blobs') this.readsBlobs[worker] = true
    return new Promise<JobOutcome>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, weight, worker })
      this.workers[worker]!.postMessage({ ...job, id })
    })
  }

  /** Ends the workers once their jobs are done: each ends its cat-file first. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.closeWorker(worker, 2000)))
    await Promise.all(this.workers.map((worker) => worker.terminate()))
  }

  /**
   * Cancels at once: pending jobs are dropped; a worker that started a cat-file gets a moment to end
   * it (a process left to a terminated worker would never be reaped), then all are terminated.
   */
  async terminate(): Promise<void> {
    this.fail(new Error('canceled'))
    await Promise.all(
      this.workers.map((worker, index) => (this.readsBlobs[index] ? this.closeWorker(worker, 250) : Promise.resolve())),
    )
    await Promise.all(this.workers.map((worker) => worker.terminate()))
  }

  private closeWorker(worker: Worker, waitMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        resolve()
      }
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'closed') done()
      }
      const timer = setTimeout(done, waitMs)
      worker.on('message', onMessage)
      worker.once('exit', done)
      worker.postMessage({ type: 'close' })
    })
  }

  private onReply(reply: WorkerReply): void {
    if (reply.type === 'failed') {
      this.fail(new Error(`A scan worker failed: ${reply.message}`))
      return
    }
    if (reply.type !== 'job') return
    const job = this.pending.get(reply.id)
    if (!job) return
    this.pending.delete(reply.id)
    this.load[job.worker]! -= job.weight
    job.resolve({ summary: reply.summary, results: reply.results })
  }

  private fail(error: Error): void {
    if (!this.failure) this.failure = error
    for (const job of this.pending.values()) job.reject(error)
    this.pending.clear()
  }
}
