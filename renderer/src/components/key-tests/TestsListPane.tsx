// The Tests section's middle column: Test all, the run's progress, filters by outcome, and the keys.
import { useEffect } from 'react'
import { countNoun } from '../../format/countNoun'
import { countFailingKeys, useTestsStore } from '../../stores/testsStore'
import { ListPane } from '../shared/ListPane'
import { OutcomeFilterChips } from './OutcomeFilterChips'
import { TestList } from './TestList'
import { TestRunProgress } from './TestRunProgress'

export function TestsListPane() {
  const total = useTestsStore((state) => state.total)
  const failing = useTestsStore((state) => countFailingKeys(state.keys))
  const running = useTestsStore((state) => state.run?.state === 'running')
  const loadKeys = useTestsStore((state) => state.loadKeys)
  const startRun = useTestsStore((state) => state.startRun)

  // Fields edited in the vault (a provider chosen, a key renamed) show here the moment the panel opens.
  useEffect(() => {
    void loadKeys()
  }, [loadKeys])

  return (
    <ListPane
      title="Tests"
      actions={
        <button
          type="button"
          className="button button-primary"
          disabled={running || total === 0}
          title={
            total === 0
              ? 'Add keys first: there is nothing to test yet'
              : 'Test every key, each within its plan’s limits'
          }
          onClick={() => void startRun()}
        >
          {running ? 'Testing…' : 'Test all'}
        </button>
      }
    >
      <TestRunProgress />
      <div className="list-summary">
        <span>
          {countNoun(total, 'key')}
          {failing > 0 ? ` · ${failing} failing` : ''}
        </span>
      </div>
      <OutcomeFilterChips />
      <TestList />
    </ListPane>
  )
}
