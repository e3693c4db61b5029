// The scan in the background: what it is doing, a progress bar (blobs of the history once they are
// counted; otherwise files), files, blobs, bytes and findings so far, and Cancel while it runs.
import type { ScanRunStatus } from '#contract'
import { countNoun } from '../../format/countNoun'
import { formatBytes } from '../../format/formatBytes'
import { PHASE_LABELS } from '../../format/scanFindings'
import { formatRunSeconds } from '../../format/describeTime'
import { useScannerStore } from '../../stores/scannerStore'
import { RunProgressHead, RunStartError } from '../shared/RunProgressHead'

const headlineOf = (run: ScanRunStatus): string => {
  if (run.state === 'running') return PHASE_LABELS[run.phase]
  if (run.state === 'canceled') return 'Scan canceled'
  if (run.state === 'failed') return 'The scan stopped'
  const seconds = (Date.parse(run.finishedAt ?? run.startedAt) - Date.parse(run.startedAt)) / 1000
  return `Scanned in ${formatRunSeconds(seconds)}`
}

export function ScanRunProgress() {
  const run = useScannerStore((state) => state.run)
  const runError = useScannerStore((state) => state.runError)
  const cancelScan = useScannerStore((state) => state.cancelScan)
  if (!run) return <RunStartError message={runError} />

  const running = run.state === 'running'
  const counted = run.phase === 'history' && run.totalBlobs !== null && run.totalBlobs > 0
  const fraction = !running ? 1 : counted ? Math.min(1, run.blobs / run.totalBlobs!) : null
  return (
    <section
      className={`run-progress run-${run.state === 'failed' ? 'canceled' : run.state}`}
      aria-label="Scan progress"
    >
      <RunProgressHead
        headline={headlineOf(run)}
        running={running}
        finishedAt={run.finishedAt}
        onCancel={() => void cancelScan()}
      />
      <div
        className={`run-bar${fraction === null ? ' run-bar-indeterminate' : ''}`}
        role="progressbar"
        aria-label="Scanned"
        aria-valuemin={0}
        aria-valuemax={counted ? run.totalBlobs! : undefined}
        aria-valuenow={counted ? run.blobs : undefined}
        aria-valuetext={`${countNoun(run.files, 'file')}, ${countNoun(run.blobs, 'blob')}, ${formatBytes(run.bytes)}`}
      >
        <span
          className="run-bar-fill"
          style={fraction === null ? undefined : { width: `${Math.round(fraction * 1000) / 10}%` }}
        />
      </div>
      <div className="run-progress-foot scan-counters">
        <span>{countNoun(run.files, 'file')}</span>
        <span>
          {run.blobs.toLocaleString('en-US')}
          {run.totalBlobs !== null ? ` of ${run.totalBlobs.toLocaleString('en-US')}` : ''} blobs
        </span>
        <span>{formatBytes(run.bytes)}</span>
        <span className={run.findings > 0 ? 'scan-counter-findings' : undefined}>
          {countNoun(run.findings, 'finding')}
        </span>
      </div>
      {run.error ? <p className="error-message">{run.error}</p> : null}
      {runError ? <p className="error-message">{runError}</p> : null}
    </section>
  )
}
