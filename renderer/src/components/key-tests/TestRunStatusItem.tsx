// The status line's part of a running "Test all": done / total on a thin bar, and Cancel, whichever
// section is open.
import { useTestsStore } from '../../stores/testsStore'
import { useUiStore } from '../../stores/uiStore'

export function TestRunStatusItem() {
  const run = useTestsStore((state) => state.run)
  const cancelRun = useTestsStore((state) => state.cancelRun)
  const showSection = useUiStore((state) => state.showSection)
  if (run?.state !== 'running') return null
  const fraction = run.total === 0 ? 0 : Math.min(1, run.done / run.total)
  return (
    <span className="status-item status-run">
      <button type="button" className="status-link" onClick={() => showSection('tests')}>
        Testing keys {run.done}/{run.total}
      </button>
      <span className="status-bar" aria-hidden="true">
        <span className="status-bar-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </span>
      <button type="button" className="status-link" onClick={() => void cancelRun()} aria-label="Cancel the test run">
        Cancel
      </button>
    </span>
  )
}
