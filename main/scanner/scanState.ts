// What a scan has gathered so far: the hits of every scope, the problems, what was skipped, and the
// progress it reports (at most every 100 ms).
import type { JobOutcome } from './workerPool'
import type { RawHit } from './detectionConfig'
import type { LocationKind, ScanOptions, ScanProblem, ScanProgress, SkipCounts } from './types'

const PROGRESS_INTERVAL_MS = 100

export interface HitRecord {
  kind: LocationKind
  path: string
  oid: string | null
  hit: RawHit
  gitIgnored: boolean
  untracked: boolean
}

export class ScanState {
  readonly problems: ScanProblem[] = []
  readonly skipped: SkipCounts = { binary: 0, large: 0, symlinks: 0, directories: 0, other: 0 }
  readonly records: HitRecord[] = []
  /** blob id → hits, for blobs scanned in history (inHead and dedup by version). */
  readonly blobHits = new Map<string, RawHit[]>()
  readonly progress: ScanProgress = { phase: 'listing', files: 0, blobs: 0, totalBlobs: null, bytes: 0, findings: 0 }
  private lastProgress = 0

  constructor(private readonly onProgress: ScanOptions['onProgress']) {}

  report(force = false): void {
    if (!this.onProgress) return
    const now = Date.now()
    if (!force && now - this.lastProgress < PROGRESS_INTERVAL_MS) return
    this.lastProgress = now
    this.onProgress({ ...this.progress })
  }

  take(
    kind: LocationKind,
    { summary, results }: JobOutcome,
    marks: (path: string) => { gitIgnored: boolean; untracked: boolean },
  ): void {
    if (kind === 'history') this.progress.blobs += summary.items
    else this.progress.files += summary.items
    this.progress.bytes += summary.bytes
    this.skipped.binary += summary.binary
    this.skipped.large += summary.large
    this.skipped.symlinks += summary.symlinks
    this.skipped.other += summary.other
    for (const result of results) {
      if (result.problem) this.problems.push(result.problem)
      if (kind === 'history' && result.oid && result.hits.length > 0) this.blobHits.set(result.oid, result.hits)
      if (result.hits.length === 0) continue
      const { gitIgnored, untracked } = marks(result.path)
      for (const hit of result.hits) {
        this.records.push({ kind, path: result.path, oid: result.oid, hit, gitIgnored, untracked })
        this.progress.findings++
      }
    }
    this.report()
  }
}

/** The history blobs with hits. */
export const historyOids = (state: ScanState): Set<string> => {
  const oids = new Set<string>()
  for (const record of state.records) if (record.kind === 'history' && record.oid) oids.add(record.oid)
  return oids
}
