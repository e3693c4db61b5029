// Reads a repository's blobs for a scan worker: from the pack files where the native reader can, the
// rest through one `git cat-file --batch` whose output is parsed as it arrives, and hands each blob,
// held by the kernel, to the worker's scanner. Written for Node's type stripping (no enums, type-only imports).
import { execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs'
import { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnGit } from './safeGit'
import { PackedBlobs } from './packedBlobs'
import type { Scanner } from './itemScanner'
import {
  addResult,
  emptySummary,
  type BlobJob,
  type ItemResult,
  type JobSummary,
  type WorkerReply,
} from './workerProtocol'

interface PendingBlob {
  oid: string
  path: string
  job: PendingJob
}
interface PendingJob {
  id: number
  remaining: number
  summary: JobSummary
  results: ItemResult[]
}

/** A blob over the size limit: counted as skipped, not scanned. */
const tooLarge = (blob: PendingBlob, size: number): ItemResult => ({
  path: blob.path,
  oid: blob.oid,
  bytes: size,
  hits: [],
  skipped: 'large',
  problem: null,
})

const SPACE = 32
const NEWLINE = 10
const DIGIT_ZERO = 48

/** What one read of cat-file's output takes in, through the FIFO. */
const OUTPUT_READ_BYTES = 256 * 1024
let fifosUnavailable = process.platform === 'win32'

/**
 * A FIFO for cat-file's output with both ends open (its name removed at once), or null where there are
 * none. Read through a socket's `onread`, the output lands in one reused buffer rather than a new one
 * for every read, which a child's stdout pipe does not offer: a third less of the worker's CPU for
 * reading (docs/scanner.md).
 */
const openOutputFifo = (): { readFd: number; writeFd: number } | null => {
  if (fifosUnavailable) return null
  let folder: string | null = null
  let readFd: number | null = null
  try {
    folder = mkdtempSync(join(tmpdir(), 'keyward-scan-'))
    const path = join(folder, 'blobs')
    execFileSync('mkfifo', ['-m', '600', path], { stdio: 'ignore' })
    readFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
    return { readFd, writeFd: openSync(path, constants.O_WRONLY) }
  } catch {
    if (readFd !== null) closeSync(readFd)
    fifosUnavailable = true
    return null
  } finally {
    if (folder) rmSync(folder, { recursive: true, force: true })
  }
}

/**
 * Reads a repository's blobs: from its pack files where the native reader can (packedBlobs.ts), the
 * rest through one `git cat-file --batch`, restarted past an object that makes it fail. Cat-file's
 * output (through a FIFO where there are FIFOs, else its stdout pipe) is parsed as it arrives: each blob
 * is copied once, from the read buffer into the kernel's memory, and scanned there as soon as its last
 * byte is in.
 */
export class BlobReader {
  private child: ChildProcessWithoutNullStreams | null = null
  /** Blobs asked for, in order; `head` is the one being read (a moving start instead of shift()). */
  private queue: PendingBlob[] = []
  private head = 0
  private header: Buffer | null = null
  private size = -1
  private filled = 0
  private target: Buffer | null = null
  private stderr = ''
  private closed = false
  /** cat-file's output when it comes through a FIFO (read into one reused buffer), else null. */
  private output: Socket | null = null
  private readonly readBuffer = Buffer.allocUnsafe(OUTPUT_READ_BYTES)
  private readonly packs: PackedBlobs | null

  private readonly scanner: Scanner
  private readonly gitDirectory: string
  private readonly reply: (message: WorkerReply) => void

  constructor(scanner: Scanner, gitDirectory: string, reply: (message: WorkerReply) => void) {
    this.scanner = scanner
    this.gitDirectory = gitDirectory
    this.reply = reply
    this.packs = scanner.packCacheBytes === null ? null : PackedBlobs.open(gitDirectory, scanner.packCacheBytes)
  }

  request(job: BlobJob): void {
    const pending: PendingJob = { id: job.id, remaining: job.blobs.length, summary: emptySummary(), results: [] }
    if (job.blobs.length === 0) {
      this.reply({ type: 'job', id: job.id, summary: pending.summary, results: [] })
      return
    }
    let lines = ''
    for (const blob of job.blobs) {
      const item: PendingBlob = { oid: blob.oid, path: blob.path, job: pending }
      if (this.readPacked(item)) continue
      this.queue.push(item)
      lines += `${blob.oid}\n`
    }
    if (lines) this.ensureChild().stdin.write(lines)
  }

  /** Reads and scans a blob from the packs; false when cat-file must read it. */
  private readPacked(blob: PendingBlob): boolean {
    const size = this.packs?.read(blob.oid, this.scanner.maxFileBytes) ?? null
    if (size === null) return false
    if (size > this.scanner.maxFileBytes) {
      this.finish(blob, tooLarge(blob, size))
      return true
    }
    this.packs!.copyTo(this.scanner.kernel.reserve(size))
    this.finish(blob, this.scanner.scanBlob(blob.path, blob.oid, size))
    return true
  }

  /** Ends cat-file; resolves once it has exited (so no process outlives this worker). */
  close(): Promise<void> {
    const child = this.child
    this.closed = true
    this.child = null
    this.packs?.close()
    this.output?.destroy()
    this.output = null
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()))
    child.stdin.end()
    child.kill()
    return exited
  }

  private ensureChild(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child
    const fifo = openOutputFifo()
    const child = spawnGit(['--git-dir', this.gitDirectory, 'cat-file', '--batch'], {
      stdio: ['pipe', fifo ? fifo.writeFd : 'pipe', 'pipe'],
    }) as ChildProcessWithoutNullStreams
    this.child = child
    this.header = null
    this.size = -1
    this.stderr = ''
    // Both the process and its output must be over before a stop counts as one.
    let open = 2
    const ended = () => {
      if (--open === 0) this.onClose(child)
    }
    if (fifo) {
      closeSync(fifo.writeFd)
      const output = new Socket({
        fd: fifo.readFd,
        readable: true,
        writable: false,
        onread: {
          buffer: this.readBuffer,
          callback: (length: number, buffer: Uint8Array) => {
            this.onData(buffer as Buffer, length)
            return true
          },
        },
      })
      output.on('error', () => {})
      output.on('close', ended)
      this.output = output
    } else {
      child.stdout.on('data', (chunk: Buffer) => this.onData(chunk, chunk.length))
      child.stdout.on('close', ended)
    }
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-2000)
    })
    child.stdin.on('error', () => {})
    child.on('close', ended)
    return child
  }

  private shiftBlob(): PendingBlob | undefined {
    const blob = this.queue[this.head]
    if (!blob) return undefined
    this.head++
    if (this.head === this.queue.length) {
      this.queue = []
      this.head = 0
    } else if (this.head >= 4096) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
    return blob
  }

  private finish(blob: PendingBlob, result: ItemResult): void {
    const job = blob.job
    addResult(job.summary, job.results, result)
    job.remaining--
    if (job.remaining === 0) this.reply({ type: 'job', id: job.id, summary: job.summary, results: job.results })
  }

  /** The first `length` bytes of `chunk` came from cat-file (a reused buffer: copied out before returning). */
  private onData(chunk: Buffer, length: number): void {
    if (this.closed) return
    let offset = 0
    while (offset < length) {
      if (this.size < 0) {
        let newline = chunk.indexOf(NEWLINE, offset)
        if (newline >= length) newline = -1
        if (newline < 0) {
          this.header = this.header
            ? Buffer.concat([this.header, chunk.subarray(offset, length)])
            : Buffer.from(chunk.subarray(offset, length))
          return
        }
        let line = chunk
        let start = offset
        let end = newline
        if (this.header) {
          line = Buffer.concat([this.header, chunk.subarray(offset, newline)])
          start = 0
          end = line.length
          this.header = null
        }
        offset = newline + 1
        this.startBlob(line, start, end)
        continue
      }
      const wanted = this.size + 1 - this.filled
      const available = Math.min(wanted, length - offset)
      if (this.target) {
        const copyEnd = Math.min(available, this.size - this.filled)
        if (copyEnd > 0) chunk.copy(this.target, this.filled, offset, offset + copyEnd)
      }
      this.filled += available
      offset += available
      if (this.filled === this.size + 1) this.completeBlob()
    }
  }

  /** Reads a header line, `<id> blob <size>` or `<id> missing`, and gets ready for the blob's bytes. */
  private startBlob(line: Buffer, start: number, end: number): void {
    const blob = this.queue[this.head]
    if (!blob) return
    const typeStart = line.indexOf(SPACE, start) + 1
    const sizeStart = typeStart > 0 ? line.indexOf(SPACE, typeStart) + 1 : 0
    if (sizeStart <= 0 || sizeStart > end) {
      this.shiftBlob()
      this.finish(blob, {
        path: blob.path,
        oid: blob.oid,
        bytes: 0,
        hits: [],
        skipped: 'other',
        problem: {
          code: 'missing_object',
          subject: `${blob.oid} (${blob.path})`,
          message: 'This object is missing from the repository: it could not be scanned.',
        },
      })
      return
    }
    let size = 0
    for (let index = sizeStart; index < end; index++) size = size * 10 + (line[index]! - DIGIT_ZERO)
    this.size = size
    this.filled = 0
    // One byte more than the blob for the newline after it.
    this.target = size <= this.scanner.maxFileBytes ? this.scanner.kernel.reserve(size) : null
  }

  private completeBlob(): void {
    const blob = this.shiftBlob()!
    const size = this.size
    this.size = -1
    if (!this.target) {
      this.finish(blob, tooLarge(blob, size))
      return
    }
    this.target = null
    this.finish(blob, this.scanner.scanBlob(blob.path, blob.oid, size))
  }

  private onClose(child: ChildProcessWithoutNullStreams): void {
    if (this.child !== child) return
    this.child = null
    this.output = null
    const failed = this.shiftBlob()
    if (!failed) return
    // cat-file stopped with objects still asked for: the one at the head could not be read.
    const reason = this.stderr.trim().split('\n').pop() ?? 'git cat-file stopped'
    this.finish(failed, {
      path: failed.path,
      oid: failed.oid,
      bytes: 0,
      hits: [],
      skipped: 'other',
      problem: {
        code: 'corrupt_object',
        subject: `${failed.oid} (${failed.path})`,
        message: `Git could not read this object (${reason}): skipped.`,
      },
    })
    const rest = this.queue.slice(this.head)
    this.queue = []
    this.head = 0
    if (rest.length === 0) return
    const next = this.ensureChild()
    this.queue.push(...rest)
    next.stdin.write(`${rest.map((blob) => blob.oid).join('\n')}\n`)
  }
}
