// Spreads the history's blobs over the scan workers, each of which reads them from the pack files (or
// through its own `git cat-file`). The versions of a file go to the same worker: git stores them as
// deltas of one another, and the worker that just unpacked one still has it in its cache for the next
// (spread over two workers, both would unpack the same bases). Each worker has a few batches in flight and the rest waits here,
// so a worker that runs dry takes over the other's waiting blobs instead of idling at the end.
import type { JobOutcome, ScanPool } from './workerPool'

export interface QueuedBlob {
  oid: string
  path: string
  size: number
}

/** What a batch is made of: up to 2 MiB or 256 blobs, whichever comes first. */
const BATCH_BYTES = 2 * 1024 * 1024
const BATCH_COUNT = 256
/** Batches a worker holds at once: one being read, one to go on with (its cat-file's next, if it reads through one). */
const IN_FLIGHT_BYTES = 2 * BATCH_BYTES
/** What a blob costs besides its bytes (the header, the job's bookkeeping). */
const BLOB_OVERHEAD = 64

/** The file's name: versions of a file, and files of the same name, are deltas of one another in a pack. */
const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1)

class WorkerQueue {
  blobs: QueuedBlob[] = []
  head = 0
  queuedBytes = 0
  /** Bytes given to this worker so far, to place a new name where there is least. */
  assignedBytes = 0
  inFlightBytes = 0

  get length(): number {
    return this.blobs.length - this.head
  }

  push(blob: QueuedBlob, cost: number): void {
    this.blobs.push(blob)
    this.queuedBytes += cost
    this.assignedBytes += cost
  }

  /** A batch from the front (the owner, in the order git listed them) or from the back (a worker taking over). */
  takeBatch(fromBack: boolean): { blobs: Array<{ oid: string; path: string }>; bytes: number } {
    const blobs: Array<{ oid: string; path: string }> = []
    let bytes = 0
    while (this.length > 0 && blobs.length < BATCH_COUNT && bytes < BATCH_BYTES) {
      const blob = fromBack ? this.blobs.pop()! : this.blobs[this.head++]!
      const cost = blob.size + BLOB_OVERHEAD
      blobs.push({ oid: blob.oid, path: blob.path })
      bytes += cost
      this.queuedBytes -= cost
    }
    if (this.length === 0) {
      this.blobs = []
      this.head = 0
    } else if (this.head >= 4096) {
      this.blobs = this.blobs.slice(this.head)
      this.head = 0
    }
    return { blobs, bytes }
  }
}

export class BlobDispatcher {
  private readonly pool: ScanPool
  private readonly gitDirectory: string
  private readonly onOutcome: (outcome: JobOutcome, blobs: ReadonlyArray<{ oid: string }>) => void
  private readonly queues: WorkerQueue[]
  private readonly owners = new Map<string, number>()
  private listingEnded = false
  private outstanding = 0
  private failure: Error | null = null
  private settle: { resolve: () => void; reject: (error: Error) => void } | null = null
  private readonly settled: Promise<void>

  /** `onOutcome` gets each batch's outcome and the blobs it held. */
  constructor(
    pool: ScanPool,
    gitDirectory: string,
    onOutcome: (outcome: JobOutcome, blobs: ReadonlyArray<{ oid: string }>) => void,
  ) {
    this.pool = pool
    this.gitDirectory = gitDirectory
    this.onOutcome = onOutcome
    this.queues = Array.from({ length: pool.size }, () => new WorkerQueue())
    this.settled = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }))
    // A rejection nobody awaits yet (a cancel during the listing) must not surface as unhandled.
    this.settled.catch(() => {})
  }

  add(blob: QueuedBlob): void {
    const name = nameOf(blob.path)
    let worker = this.owners.get(name)
    if (worker === undefined) {
      worker = 0
      for (let index = 1; index < this.queues.length; index++) {
        if (this.queues[index]!.assignedBytes < this.queues[worker]!.assignedBytes) worker = index
      }
      this.owners.set(name, worker)
    }
    this.queues[worker]!.push(blob, blob.size + BLOB_OVERHEAD)
    this.pump(worker)
    // A worker with nothing to do takes over part of this one's queue.
    for (let index = 0; index < this.queues.length; index++)
      if (this.queues[index]!.inFlightBytes === 0) this.pump(index)
  }

  /** Calls `listener` if a worker fails (the scan is over then; nothing more is dispatched). */
  onFailure(listener: () => void): void {
    this.settled.catch(listener)
  }

  /** The listing has ended: resolves when every blob given has been scanned (rejects if a worker failed). */
  finish(): Promise<void> {
    this.listingEnded = true
    this.queues.forEach((_, worker) => this.pump(worker))
    this.settleIfDone()
    return this.settled
  }

  private pump(worker: number): void {
    if (this.failure) return
    const own = this.queues[worker]!
    while (own.inFlightBytes < IN_FLIGHT_BYTES) {
      let source = own
      let fromBack = false
      if (own.length === 0) {
        // Run dry: take over the back of the fullest other queue (its owner goes on from the front).
        if (own.inFlightBytes > 0 && !this.listingEnded) return
        let fullest: WorkerQueue | null = null
        for (const queue of this.queues)
          if (queue !== own && queue.length > 0 && (!fullest || queue.queuedBytes > fullest.queuedBytes))
            fullest = queue
        if (!fullest || fullest.queuedBytes < BATCH_BYTES / 2) return
        source = fullest
        fromBack = true
      }
      const batch = source.takeBatch(fromBack)
      if (batch.blobs.length === 0) return
      this.send(worker, batch)
    }
  }

  private send(worker: number, batch: { blobs: Array<{ oid: string; path: string }>; bytes: number }): void {
    const queue = this.queues[worker]!
    queue.inFlightBytes += batch.bytes
    this.outstanding++
    this.pool.runOn(worker, { type: 'blobs', gitDirectory: this.gitDirectory, blobs: batch.blobs }, batch.bytes).then(
      (outcome) => {
        queue.inFlightBytes -= batch.bytes
        this.outstanding--
        try {
          this.onOutcome(outcome, batch.blobs)
        } catch (error) {
          this.fail(error as Error)
          return
        }
        this.pump(worker)
        this.settleIfDone()
      },
      (error: Error) => {
        this.outstanding--
        this.fail(error)
      },
    )
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    this.settle?.reject(error)
  }

  private settleIfDone(): void {
    if (this.failure || !this.listingEnded || this.outstanding > 0) return
    if (this.queues.some((queue) => queue.length > 0)) return
    this.settle?.resolve()
  }
}
