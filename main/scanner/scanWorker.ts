// A scan worker: reads files, or blobs through its own `git cat-file --batch`, into the kernel's
// memory and detects secrets there. Secrets stay in this thread; results carry hashes and masks.
// Written for Node's type stripping (no enums, type-only imports), so it runs from source in tests.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { closeSync, fstatSync, lstatSync, openSync, readSync, statSync } from 'node:fs'
import { isUtf8 } from 'node:buffer'
import { parentPort } from 'node:worker_threads'
import { ScanKernel, type KernelSetup } from './kernel/scanKernel'
import { SecretDetector } from './detectSecrets'
import type { DetectionConfig, RawHit } from './detectionConfig'
import type { ScanProblem } from './types'

export type SkipReason = 'binary' | 'large' | 'symlink' | 'other'

export interface WorkerInit {
  type: 'init'
  detection: DetectionConfig
  kernel: KernelSetup
  maxFileBytes: number
}
export interface FileJob {
  type: 'files'
  id: number
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
export type WorkerReply =
  | { type: 'job'; id: number; results: ItemResult[] }
  | { type: 'closed' }
  | { type: 'failed'; message: string }

const BINARY_PROBE = 8000

const isBinary = (text: Buffer): boolean => text.subarray(0, BINARY_PROBE).indexOf(0) >= 0

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown'

class Scanner {
  readonly kernel: ScanKernel
  readonly detector: SecretDetector
  readonly maxFileBytes: number

  constructor(init: WorkerInit) {
    this.kernel = new ScanKernel(init.kernel)
    this.detector = new SecretDetector(init.detection)
    this.maxFileBytes = init.maxFileBytes
  }

  scanFile(path: string, absolutePath: string): ItemResult {
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
            result.problem = { code: 'symlink_loop', subject: path, message: 'This symbolic link leads back to itself (a loop): not followed.' }
          }
        }
        return result
      }
      if (!link.isFile()) {
        result.skipped = 'other'
        return result
      }
      descriptor = openSync(absolutePath, 'r')
      const size = fstatSync(descriptor).size
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
      const text = this.kernel.text(filled)
      if (isBinary(text)) {
        result.skipped = 'binary'
        return result
      }
      if (!isUtf8(text)) {
        result.problem = {
          code: 'invalid_utf8',
          subject: path,
          message: 'This file is not valid UTF-8: it was scanned as bytes, and its snippets show � for what could not be read.',
        }
      }
      result.hits = this.detector.detect(this.kernel, filled, path)
    } catch (error) {
      result.problem = { code: 'unreadable', subject: path, message: `Could not read this file (${errorCode(error)}): skipped.` }
    } finally {
      if (descriptor !== null) closeSync(descriptor)
    }
    return result
  }
}

const formatBytes = (bytes: number): string =>
  bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GiB` : bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`

interface PendingBlob {
  oid: string
  path: string
  job: PendingJob
}
interface PendingJob {
  id: number
  remaining: number
  results: ItemResult[]
}

/** One `git cat-file --batch` fed with blob ids; restarted past an object that makes it fail. */
class BlobReader {
  private child: ChildProcessWithoutNullStreams | null = null
  private readonly queue: PendingBlob[] = []
  private header: Buffer[] = []
  private size = -1
  private filled = 0
  private target: Buffer | null = null
  private stderr = ''

  private readonly scanner: Scanner
  private readonly gitDirectory: string
  private readonly reply: (message: WorkerReply) => void

  constructor(scanner: Scanner, gitDirectory: string, reply: (message: WorkerReply) => void) {
    this.scanner = scanner
    this.gitDirectory = gitDirectory
    this.reply = reply
  }

  request(job: BlobJob): void {
    const pending: PendingJob = { id: job.id, remaining: job.blobs.length, results: [] }
    if (job.blobs.length === 0) {
      this.reply({ type: 'job', id: job.id, results: [] })
      return
    }
    const child = this.ensureChild()
    const lines: string[] = []
    for (const blob of job.blobs) {
      this.queue.push({ oid: blob.oid, path: blob.path, job: pending })
      lines.push(blob.oid)
    }
    child.stdin.write(`${lines.join('\n')}\n`)
  }

  close(): void {
    this.child?.stdin.end()
    this.child?.kill()
    this.child = null
  }

  private ensureChild(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child
    const child = spawn('git', ['--git-dir', this.gitDirectory, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] })
    this.child = child
    this.header = []
    this.size = -1
    this.stderr = ''
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk))
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-2000)
    })
    child.stdin.on('error', () => {})
    child.on('close', () => this.onClose(child))
    return child
  }

  private finish(blob: PendingBlob, result: ItemResult): void {
    blob.job.results.push(result)
    blob.job.remaining--
    if (blob.job.remaining === 0) this.reply({ type: 'job', id: blob.job.id, results: blob.job.results })
  }

  private onData(chunk: Buffer): void {
    let offset = 0
    while (offset < chunk.length) {
      if (this.size < 0) {
        const newline = chunk.indexOf(10, offset)
        if (newline < 0) {
          this.header.push(chunk.subarray(offset))
          return
        }
        this.header.push(chunk.subarray(offset, newline))
        const header = Buffer.concat(this.header).toString('latin1')
        this.header = []
        offset = newline + 1
        const blob = this.queue[0]
        if (!blob) continue
        const fields = header.split(' ')
        if (fields[1] === 'missing' || fields.length < 3) {
          this.queue.shift()
          this.finish(blob, {
            path: blob.path,
            oid: blob.oid,
            bytes: 0,
            hits: [],
            skipped: 'other',
            problem: { code: 'missing_object', subject: `${blob.oid} (${blob.path})`, message: 'This object is missing from the repository: it could not be scanned.' },
          })
          continue
        }
        this.size = Number(fields[2])
        this.filled = 0
        // One byte more than the blob for the newline after it.
        this.target = this.size <= this.scanner.maxFileBytes ? this.scanner.kernel.reserve(this.size) : null
      }
      const wanted = this.size + 1 - this.filled
      const available = Math.min(wanted, chunk.length - offset)
      if (this.target) {
        const copyEnd = Math.min(available, this.size - this.filled)
        if (copyEnd > 0) chunk.copy(this.target, this.filled, offset, offset + copyEnd)
      }
      this.filled += available
      offset += available
      if (this.filled === this.size + 1) this.completeBlob()
    }
  }

  private completeBlob(): void {
    const blob = this.queue.shift()!
    const size = this.size
    this.size = -1
    const result: ItemResult = { path: blob.path, oid: blob.oid, bytes: size, hits: [], skipped: null, problem: null }
    if (!this.target) {
      result.skipped = 'large'
    } else {
      this.target = null
      if (isBinary(this.scanner.kernel.text(size))) result.skipped = 'binary'
      else result.hits = this.scanner.detector.detect(this.scanner.kernel, size, blob.path)
    }
    this.finish(blob, result)
  }

  private onClose(child: ChildProcessWithoutNullStreams): void {
    if (this.child !== child) return
    this.child = null
    if (this.queue.length === 0) return
    // cat-file stopped with objects still asked for: the one at the head could not be read.
    const failed = this.queue.shift()!
    const reason = this.stderr.trim().split('\n').pop() ?? 'git cat-file stopped'
    this.finish(failed, {
      path: failed.path,
      oid: failed.oid,
      bytes: 0,
      hits: [],
      skipped: 'other',
      problem: { code: 'corrupt_object', subject: `${failed.oid} (${failed.path})`, message: `Git could not read this object (${reason}): skipped.` },
    })
    const rest = this.queue.splice(0)
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
        const results = request.files.map((file) => scanner!.scanFile(file.path, file.absolutePath))
        reply({ type: 'job', id: request.id, results })
      } else if (request.type === 'blobs') {
        let reader = readers.get(request.gitDirectory)
        if (!reader) {
          reader = new BlobReader(scanner!, request.gitDirectory, reply)
          readers.set(request.gitDirectory, reader)
        }
        reader.request(request)
      } else if (request.type === 'close') {
        for (const reader of readers.values()) reader.close()
        readers.clear()
        reply({ type: 'closed' })
      }
    } catch (error) {
      reply({ type: 'failed', message: (error as Error).message })
    }
  })
}
