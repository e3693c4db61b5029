// A scan worker: reads files, or blobs through its own `git cat-file --batch`, into the kernel's
// memory and detects secrets there. Secrets stay in this thread; results carry hashes and masks.
// Written for Node's type stripping (no enums, type-only imports), so it runs from source in tests.
import { execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs'
import { isUtf8 } from 'node:buffer'
import { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parentPort } from 'node:worker_threads'
import { isWithin } from './objectStore'
import { spawnGit } from './safeGit'
import { ScanKernel, type KernelSetup } from './kernel/scanKernel'
import { SecretDetector } from './detectSecrets'
import { PackedBlobs } from './packedBlobs'
import type { DetectionConfig, RawHit } from './detectionConfig'
import type { ScanProblem } from './types'

export type SkipReason = 'binary' | 'large' | 'symlink' | 'other'

export interface WorkerInit {
  type: 'init'
  detection: DetectionConfig
  kernel: KernelSetup
  maxFileBytes: number
  /**
   * The cache of the pack reader that reads history blobs straight from pack files where it is built, in
   * bytes; null reads every blob through cat-file.
   */
  packCacheBytes: number | null
}
export interface FileJob {
  type: 'files'
  id: number
  /** The real path (no links) of the folder the files' paths are relative to. */
  realBase: string
  /** The real path of the folder being scanned: nothing outside it is read. */
  realRoot: string
  files: Array<{ path: string; absolutePath: string }>
}
export interface BlobJob {
  type: 'blobs'
  id: number
  gitDirectory: string
  blobs: Array<{ oid: string; path: string }>
}
export type WorkerRequest = WorkerInit | FileJob | BlobJob | { type: 'close' }

export interface ItemResult {
  /** The file's path, or the blob's path as listed. */
  path: string
  oid: string | null
  bytes: number
  hits: RawHit[]
  skipped: SkipReason | null
  problem: ScanProblem | null
}
/** What a job's items came to: every item is counted here, only those with hits or a problem are listed. */
export interface JobSummary {
  items: number
  bytes: number
  binary: number
  large: number
  symlinks: number
  other: number
}
export type WorkerReply =
  | { type: 'job'; id: number; summary: JobSummary; results: ItemResult[] }
  | { type: 'closed' }
  | { type: 'failed'; message: string }

const BINARY_PROBE = 8000

const emptySummary = (): JobSummary => ({ items: 0, bytes: 0, binary: 0, large: 0, symlinks: 0, other: 0 })

/** Counts an item into its job's summary; lists it when the main thread needs more than a count. */
const addResult = (summary: JobSummary, listed: ItemResult[], result: ItemResult): void => {
  summary.items++
  summary.bytes += result.bytes
  if (result.skipped === 'binary') summary.binary++
  else if (result.skipped === 'large') summary.large++
  else if (result.skipped === 'symlink') summary.symlinks++
  else if (result.skipped === 'other') summary.other++
  if (result.hits.length > 0 || result.problem) listed.push(result)
}

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown'

class Scanner {
  readonly kernel: ScanKernel
  readonly detector: SecretDetector
  readonly maxFileBytes: number
  readonly packCacheBytes: number | null

  constructor(init: WorkerInit) {
    this.kernel = new ScanKernel(init.kernel)
    this.detector = new SecretDetector(init.detection)
    this.maxFileBytes = init.maxFileBytes
    this.packCacheBytes = init.packCacheBytes
  }

  scanFile(path: string, absolutePath: string, realBase: string, realRoot: string): ItemResult {
    const result: ItemResult = { path, oid: null, bytes: 0, hits: [], skipped: null, problem: null }
    let descriptor: number | null = null
    try {
      const link = lstatSync(absolutePath)
      if (link.isSymbolicLink()) {
        result.skipped = 'symlink'
        try {
          statSync(absolutePath)
        } catch (error) {
          if (errorCode(error) === 'ELOOP') {
            result.problem = {
              code: 'symlink_loop',
              subject: path,
              message: 'This symbolic link leads back to itself (a loop): not followed.',
            }
          }
        }
        return result
      }
      if (!link.isFile()) {
        result.skipped = 'other'
        return result
      }
      // Never the last name through a link; and where the open file really is decides whether it is
      // read: a folder on its path may be a link (a tracked folder replaced by one), even one swapped in
      // since the check above.
      descriptor = openSync(absolutePath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
      const actual = openedPath(descriptor, absolutePath)
      if (actual !== join(realBase, path)) {
        result.skipped = 'symlink'
        if (!isWithin(actual, realRoot)) {
          result.problem = {
            code: 'outside_folder',
            subject: path,
            message: `A folder on this path is a symbolic link leading outside the scanned folder (to ${actual}): not read.`,
          }
        }
        return result
      }
      const opened = fstatSync(descriptor)
      if (!opened.isFile()) {
        result.skipped = 'other'
        return result
      }
      const size = opened.size
      if (size > this.maxFileBytes) {
        result.skipped = 'large'
        result.problem = {
          code: 'too_large',
          subject: path,
          message: `This file is ${formatBytes(size)}, over the ${formatBytes(this.maxFileBytes)} the scanner reads: skipped.`,
        }
        return result
      }
      const target = this.kernel.reserve(size)
      let filled = 0
      while (filled < size) {
        const read = readSync(descriptor, target, filled, size - filled, filled)
        if (read === 0) break
        filled += read
      }
      result.bytes = filled
      if (this.isBinary(filled)) {
        result.skipped = 'binary'
        return result
      }
      if (!isUtf8(this.kernel.text(filled))) {
        result.problem = {
          code: 'invalid_utf8',
          subject: path,
          message:
            'This file is not valid UTF-8: it was scanned as bytes, and its snippets show � for what could not be read.',
        }
      }
      result.hits = this.detector.detect(this.kernel, filled, path)
    } catch (error) {
      result.problem = {
        code: 'unreadable',
        subject: path,
        message: `Could not read this file (${errorCode(error)}): skipped.`,
      }
    } finally {
      if (descriptor !== null) closeSync(descriptor)
    }
    return result
  }

  /** What a blob of `size` bytes, held by the kernel, holds. */
  scanBlob(path: string, oid: string, size: number): ItemResult {
    const result: ItemResult = { path, oid, bytes: size, hits: [], skipped: null, problem: null }
    if (this.isBinary(size)) result.skipped = 'binary'
    else result.hits = this.detector.detect(this.kernel, size, path)
    return result
  }

  /** A NUL in the first 8000 bytes of the text the kernel holds, as git decides. */
  isBinary(length: number): boolean {
    return this.kernel.text(Math.min(length, BINARY_PROBE)).indexOf(0) >= 0
  }
}

/**
 * Where an open file is: what the kernel says it opened (Linux), else its real path now. A path
 * through a linked folder inside the scanned one comes out as its other name, read under that name.
 */
const openedPath = (descriptor: number, absolutePath: string): string => {
  try {
    return readlinkSync(`/proc/self/fd/${descriptor}`)
  } catch {
    return realpathSync.native(absolutePath)
  }
}

const formatBytes = (bytes: number): string =>
  bytes >= 1 << 30
    ? `${(bytes / (1 << 30)).toFixed(1)} GiB`
    : bytes >= 1 << 20
      ? `${(bytes / (1 << 20)).toFixed(1)} MiB`
      : `${Math.ceil(bytes / 1024)} KiB`

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
class BlobReader {
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

const port = parentPort
if (port) {
  let scanner: Scanner | null = null
  const readers = new Map<string, BlobReader>()
  const reply = (message: WorkerReply): void => port.postMessage(message)
  port.on('message', (request: WorkerRequest) => {
    try {
      if (request.type === 'init') {
        scanner = new Scanner(request)
      } else if (request.type === 'files') {
        const summary = emptySummary()
        const results: ItemResult[] = []
        for (const file of request.files)
          addResult(
            summary,
            results,
            scanner!.scanFile(file.path, file.absolutePath, request.realBase, request.realRoot),
          )
        reply({ type: 'job', id: request.id, summary, results })
      } else if (request.type === 'blobs') {
        let reader = readers.get(request.gitDirectory)
        if (!reader) {
          reader = new BlobReader(scanner!, request.gitDirectory, reply)
          readers.set(request.gitDirectory, reader)
        }
        reader.request(request)
      } else if (request.type === 'close') {
        const ended = [...readers.values()].map((reader) => reader.close())
        readers.clear()
        void Promise.all(ended).then(() => reply({ type: 'closed' }))
      }
    } catch (error) {
      reply({ type: 'failed', message: (error as Error).message })
    }
  })
}
