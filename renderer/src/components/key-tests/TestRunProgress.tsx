// The "Test all" run: a progress bar in the colour of the worst outcome so far, done / total, the
// outcomes so far (worst first), the wait for a plan's limits when keys are held back, Cancel while it
// runs; then what it found, and the keys it skipped, grouped by what would fix them.
import { useEffect, useRef, type RefObject } from 'react'
import { OUTCOME_ORDER, OUTCOME_WORDS, outcomeWord, TEST_OUTCOMES, worstOutcome, type TestRunStatus } from '#contract'
import { countNoun } from '../../format/countNoun'
import { formatClockTime, formatRunSeconds } from '../../format/describeTime'
import { useTestsStore } from '../../stores/testsStore'
import { RunProgressHead, RunStartError } from '../shared/RunProgressHead'
import { SkippedKeys } from './SkippedKeys'
import { TEST_LIST_ID } from './TestList'

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

/** The worst outcome the run has had so far: the bar takes its tone (a run with a rejected key is not green). */
const worstSoFar = (counts: TestRunStatus['counts']) =>
  worstOutcome(TEST_OUTCOMES.filter((outcome) => (counts[outcome] ?? 0) > 0))

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
  if (!run) return <RunStartError message={runError} />

  const tested = Object.values(run.counts).reduce((sum, count) => sum + (count ?? 0), 0)
  const fraction = run.total === 0 ? 1 : Math.min(1, run.done / run.total)
  const running = run.state === 'running'
  const seconds = elapsedSeconds(run)
  const worst = worstSoFar(run.counts)
  const headline = running
    ? `Testing ${run.done} of ${countNoun(run.total, 'key')}`
    : run.state === 'canceled'
      ? `Canceled after ${run.done} of ${countNoun(run.total, 'key')}`
      : `Tested ${countNoun(tested, 'key')}${seconds !== null ? ` in ${formatRunSeconds(seconds)}` : ''}`

  return (
    <section className={`run-progress run-${run.state}`} aria-label="Test all">
      <RunProgressHead
        headline={headline}
        running={running}
        finishedAt={run.finishedAt}
        onCancel={() => void cancelRun()}
        cancelRef={cancelRef}
        note={
          running && run.waitingUntil ? (
            <span className="run-waiting">waiting for plan limits until {formatClockTime(run.waitingUntil)}</span>
          ) : null
        }
      />
      <div
        className="run-bar"
        role="progressbar"
        aria-label="Keys tested"
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.done}
        aria-valuetext={`${run.done} of ${run.total}`}
      >
        <span
          className={`run-bar-fill${worst ? ` tone-${OUTCOME_WORDS[worst].tone}` : ''}`}
          data-worst-outcome={worst ?? 'none'}
          style={{ width: `${Math.round(fraction * 1000) / 10}%` }}
        />
      </div>
      <div className="run-progress-foot">
        <span className="run-fraction">
          {run.done}/{run.total}
        </span>
        <OutcomeCounts counts={run.counts} />
      </div>
      <SkippedKeys skipped={run.skipped} />
      {runError ? <p className="error-message">{runError}</p> : null}
    </section>
  )
}
