// The messages between the scan pool (main thread) and a scan worker, and how a job's items are counted.
// Written for Node's type stripping (no enums, type-only imports), so it runs from source in workers.
import type { KernelSetup } from './kernel/scanKernel'
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

export const emptySummary = (): JobSummary => ({ items: 0, bytes: 0, binary: 0, large: 0, symlinks: 0, other: 0 })

/** Counts an item into its job's summary; lists it when the main thread needs more than a count. */
export const addResult = (summary: JobSummary, listed: ItemResult[], result: ItemResult): void => {
  summary.items++
  summary.bytes += result.bytes
  if (result.skipped === 'binary') summary.binary++
  else if (result.skipped === 'large') summary.large++
  else if (result.skipped === 'symlink') summary.symlinks++
  else if (result.skipped === 'other') summary.other++
  if (result.hits.length > 0 || result.problem) listed.push(result)
}
