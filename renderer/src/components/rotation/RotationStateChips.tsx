// Chips over the Rotation list: all, then each state present with its count (main's counts), in the
// order of the groups. A chip narrows the list to its state; pressed again, it shows all.
import { ROTATION_STATE_WORDS, ROTATION_STATES } from '#contract'
import { useRotationStore } from '../../stores/rotationStore'
import { FilterChips } from '../shared/FilterChips'

export function RotationStateChips() {
  const counts = useRotationStore((state) => state.overview?.counts ?? null)
  const total = useRotationStore((state) => state.overview?.keys.length ?? 0)
  const active = useRotationStore((state) => state.filter)
  const setFilter = useRotationStore((state) => state.setFilter)
  const chips = [
    { filter: 'all' as const, label: 'All', count: total, tone: 'none' },
    ...ROTATION_STATES.map((state) => ({
      filter: state,
      label: ROTATION_STATE_WORDS[state].word,
      count: counts?.[state] ?? 0,
      tone: ROTATION_STATE_WORDS[state].tone,
    })),
  ].filter((chip) => chip.filter === 'all' || chip.count > 0)
  return <FilterChips label="Filter by rotation state" chips={chips} active={active} onChange={setFilter} />
}
