// The "Test all" run: a progress bar with done / total, the outcomes so far, the wait for a plan's
// limits when keys are held back, Cancel while it runs; then what it found, and the keys it skipped.
import { useEffect, useRef, type RefObject } from 'react'
import { OUTCOME_ORDER, OUTCOME_WORDS, outcomeWord, type TestRunStatus } from '../../../../preload/contract'
import { openKeyInVault } from '../../actions/openKeyInVault'
import { countNoun } from '../../format/countNoun'
import { formatClockTime } from '../../format/testOutcomes'
import { useTestsStore } from '../../stores/testsStore'
import { TEST_LIST_ID } from './TestList'

/** Main's reason often starts with the key's name in quotes; beside the name it reads better without. */
const reasonWithoutName = (name: string, reason: string): string => {
  const prefix = `"${name}" `
  if (!reason.startsWith(prefix)) return reason
  const rest = reason.slice(prefix.length)
  return rest.charAt(0).toLowerCase() + rest.slice(1)
}

const elapsedSeconds = (run: TestRunStatus): number | null => {
  if (!run.finishedAt) return null
  const elapsed = new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()
  return Number.isFinite(elapsed) ? Math.max(0, elapsed / 1000) : null
}

function OutcomeCounts({ counts }: { counts: TestRunStatus['counts'] }) {
  const present = OUTCOME_ORDER.flatMap((outcome) =>
    outcome !== 'not_tested' && (counts[outcome] ?? 0) > 0 ? [outcome] : [],
  )
  if (present.length === 0) return null
  return (
    <ul className="run-counts" aria-label="Outcomes so far">
      {present.map((outcome) => (
        <li key={outcome} className={`run-count tone-${OUTCOME_WORDS[outcome].tone}`}>
          <span className="outcome-dot" aria-hidden="true" />
          <span className="run-count-number">{counts[outcome]}</span> {outcomeWord(outcome)}
        </li>
      ))}
    </ul>
  )
}

/** Whether the focus was dropped: on nothing, or on a control just disabled (Test all while it runs). */
const focusWasDropped = (): boolean => {
  const active = document.activeElement
  return !active || active === document.body || (active instanceof HTMLButtonElement && active.disabled)
}

/**
 * Test all disables itself while it runs, and Cancel goes when the run ends: the focus follows, to
 * Cancel while the run goes, then to the list of results, instead of falling to the page.
 */
const useFocusFollowsRun = (running: boolean, cancelRef: RefObject<HTMLButtonElement | null>): void => {
  const wasRunning = useRef(running)
  useEffect(() => {
    if (running && !wasRunning.current && focusWasDropped()) cancelRef.current?.focus()
    if (!running && wasRunning.current && focusWasDropped()) document.getElementById(TEST_LIST_ID)?.focus()
    wasRunning.current = running
  }, [running, cancelRef])
}

export function TestRunProgress() {
  const run = useTestsStore((state) => state.run)
  const runError = useTestsStore((state) => state.runError)
  const cancelRun = useTestsStore((state) => state.cancelRun)
  const cancelRef = useRef<HTMLButtonElement>(null)
  useFocusFollowsRun(run?.state === 'running', cancelRef)
  if (!run)
    return runError ? (
      <p className="error-message run-error" role="alert">
        {runError}
      </p>
    ) : null

  const tested = Object.values(run.counts).reduce((sum, count) => sum + (count ?? 0), 0)
  const fraction = run.total === 0 ? 1 : Math.min(1, run.done / run.total)
  const running = run.state === 'running'
  const seconds = elapsedSeconds(run)
  const headline = running
    ? `Testing ${run.done} of ${countNoun(run.total, 'key')}`
    : run.state === 'canceled'
      ? `Canceled after ${run.done} of ${countNoun(run.total, 'key')}`
      : `Tested ${countNoun(tested, 'key')}${seconds !== null ? ` in ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s` : ''}`

  return (
    <section className={`run-progress run-${run.state}`} aria-label="Test all">
      <div className="run-progress-head">
        <span className="run-headline" role="status">
          {headline}
        </span>
        {running && run.waitingUntil ? (
          <span className="run-waiting">waiting for plan limits until {formatClockTime(run.waitingUntil)}</span>
        ) : null}
        {running ? (
          <button
            ref={cancelRef}
            type="button"
            className="button button-small run-cancel"
            onClick={() => void cancelRun()}
          >
            Cancel
          </button>
        ) : (
          <span className="run-done-at">{run.finishedAt ? `at ${formatClockTime(run.finishedAt)}` : ''}</span>
        )}
      </div>
      <div
        className="run-bar"
        role="progressbar"
        aria-label="Keys tested"
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.done}
        aria-valuetext={`${run.done} of ${run.total}`}
      >
        <span className="run-bar-fill" style={{ width: `${Math.round(fraction * 1000) / 10}%` }} />
      </div>
      <div className="run-progress-foot">
        <span className="run-fraction">
          {run.done}/{run.total}
        </span>
        <OutcomeCounts counts={run.counts} />
        {run.skipped.length > 0 ? <span className="run-skipped-count">{run.skipped.length} skipped</span> : null}
      </div>
      {run.skipped.length > 0 ? (
        <ul className="run-skipped" aria-label="Keys not tested">
          {run.skipped.map((entry) => (
            <li key={entry.keyId} className="run-skipped-row">
              <span className="run-skipped-text">
                <span className="run-skipped-name">{entry.name}</span> — {reasonWithoutName(entry.name, entry.reason)}
              </span>
              <button type="button" className="link-button" onClick={() => void openKeyInVault(entry.keyId)}>
                Open key
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {runError ? <p className="error-message">{runError}</p> : null}
    </section>
  )
}
