// The Rotation section's middle column: the calendar export, how many keys need action, rotations
// in progress, chips per state, and the keys grouped by state.
import { useEffect } from 'react'
import { exportRotationCalendar } from '../../actions/exportRotationCalendar'
import { countNoun } from '../../format/countNoun'
import { useRotationStore } from '../../stores/rotationStore'
import { ListPane } from '../shared/ListPane'
import { RotationFlowsInProgress } from './RotationFlowsInProgress'
import { RotationList } from './RotationList'
import { RotationStateChips } from './RotationStateChips'

export function RotationListPane() {
  const total = useRotationStore((state) => state.overview?.keys.length ?? 0)
  const needsAction = useRotationStore((state) => state.overview?.counts.needsAction ?? 0)
  const snoozed = useRotationStore((state) => state.overview?.counts.snoozed ?? 0)
  const loadOverview = useRotationStore((state) => state.loadOverview)

  // Due dates move with the clock: opening the panel asks main again.
  useEffect(() => {
    void loadOverview()
  }, [loadOverview])

  return (
    <ListPane
      title="Rotation"
      actions={
        <button
          type="button"
          className="button"
          disabled={total === 0}
          title="Every key's due date as an all-day event, with reminders at the lead times (no values)"
          onClick={() => void exportRotationCalendar()}
        >
          Export calendar (.ics)…
        </button>
      }
    >
      <div className="list-summary">
        <span>
          {countNoun(total, 'key')}
          {needsAction > 0 ? ` · ${needsAction} need${needsAction === 1 ? 's' : ''} action` : ''}
          {snoozed > 0 ? ` · ${snoozed} snoozed` : ''}
        </span>
      </div>
      <RotationFlowsInProgress />
      <RotationStateChips />
      <RotationList />
    </ListPane>
  )
}
