// A scan pool without worker threads: its jobs run in this thread, one a turn of the event loop, so that
// progress, cancel and whatever else the process does go on between them. For a small scan (a working
// tree of a few thousand files, the staged files of a commit) starting the workers cost more than the
// scan: each loads the scanner anew in a thread of its own, on machines whose cores git is using too.
import { requestHandler } from './requestHandler'
import type { JobOutcome, PoolJob, ScanPool } from './workerPool'
import type { WorkerInit, WorkerReply, WorkerRequest } from './workerProtocol'

interface PendingJob {
  resolve: (outcome: JobOutcome) => void
  reject: (error: Error) => void
}

export class InThreadPool implements ScanPool {
  readonly size = 1
  private readonly handle: (request: WorkerRequest) => void
  private readonly pending = new Map<number, PendingJob>()
  private nextId = 1
  private failure: Error | null = null
  private closed: Promise<void> | null = null
  private onClosed: (() => void) | null = null

  constructor(init: WorkerInit) {
    this.handle = requestHandler((reply) => this.onReply(reply))
    this.handle(init)
  }

  run(job: PoolJob, weight: number): Promise<JobOutcome> {
    return this.runOn(0, job, weight)
  }

  runOn(_worker: number, job: PoolJob, _weight: number): Promise<JobOutcome> {
    if (this.failure) return Promise.reject(this.failure)
    const id = this.nextId++
    return new Promise<JobOutcome>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      setImmediate(() => {
        if (!this.failure && !this.closed) this.handle({ ...job, id })
      })
    })
  }

  /** Ends the blob readers' cat-files, once (their jobs are done by then, or dropped). */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.onClosed = resolve
      this.handle({ type: 'close' })
    })
    return this.closed
  }

  terminate(): Promise<void> {
    this.fail(new Error('canceled'))
    return this.close()
  }

  private onReply(reply: WorkerReply): void {
    if (reply.type === 'closed') {
      this.onClosed?.()
      this.onClosed = null
    } else if (reply.type === 'failed') {
      this.fail(new Error(`The scan failed: ${reply.message}`))
    } else {
      const job = this.pending.get(reply.id)
      if (!job) return
      this.pending.delete(reply.id)
      job.resolve({ summary: reply.summary, results: reply.results })
    }
  }

  private fail(error: Error): void {
    if (!this.failure) this.failure = error
    for (const job of this.pending.values()) job.reject(error)
    this.pending.clear()
  }
}
