// What a scan worker does with one item: a file of the working tree, read safely (no links out of the
// folder, never the last name through a link), or a blob the kernel already holds; both are detected in
// the kernel's memory. Written for Node's type stripping (no enums, type-only imports).
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs'
import { isUtf8 } from 'node:buffer'
import { join } from 'node:path'
import { isWithin } from './objectStore'
import { ScanKernel } from './kernel/scanKernel'
import { SecretDetector } from './detectSecrets'
import type { ItemResult, WorkerInit } from './workerProtocol'
import type { ScanProblem } from './types'

const BINARY_PROBE = 8000

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown'

export class Scanner {
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
        result.problem = linkLoop(path, absolutePath)
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

/** A problem when the symbolic link at `absolutePath` leads back to itself; it is never followed. */
const linkLoop = (path: string, absolutePath: string): ScanProblem | null => {
  try {
    statSync(absolutePath)
  } catch (error) {
    if (errorCode(error) === 'ELOOP')
      return {
        code: 'symlink_loop',
        subject: path,
        message: 'This symbolic link leads back to itself (a loop): not followed.',
      }
  }
  return null
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
