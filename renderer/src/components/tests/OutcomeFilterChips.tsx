// Filter chips over the Tests list: all, failing, each outcome present, not tested; each with its count.
import { useMemo } from 'react'
import type { KeyRecord } from '../../../../preload/contract'
import { OUTCOME_LOOKS, OUTCOME_ORDER } from '../../format/testOutcomes'
import { matchesOutcomeFilter, useTestsStore, type OutcomeFilter } from '../../stores/testsStore'
import { FilterChips, type FilterChip } from '../FilterChips'

const chipsFor = (keys: KeyRecord[]): FilterChip<OutcomeFilter>[] => {
  const count = (filter: OutcomeFilter) => keys.filter((key) => matchesOutcomeFilter(key, filter)).length
  const chips = [
    { filter: 'all' as const, label: 'All', count: keys.length, tone: 'none' },
    { filter: 'failing' as const, label: 'Failing', count: count('failing'), tone: 'bad' },
    ...OUTCOME_ORDER.map((outcome) => ({
      filter: outcome,
      label: OUTCOME_LOOKS[outcome].label,
      count: count(outcome),
      tone: OUTCOME_LOOKS[outcome].tone,
    })),
    { filter: 'untested' as const, label: 'Not tested', count: count('untested'), tone: 'none' },
  ]
  return chips.filter((chip) => chip.filter === 'all' || chip.count > 0)
}

export function OutcomeFilterChips() {
  const keys = useTestsStore((state) => state.keys)
  const active = useTestsStore((state) => state.filter)
  const setFilter = useTestsStore((state) => state.setFilter)
  const chips = useMemo(() => chipsFor(keys), [keys])
  return <FilterChips label="Filter by outcome" chips={chips} active={active} onChange={setFilter} />
}
