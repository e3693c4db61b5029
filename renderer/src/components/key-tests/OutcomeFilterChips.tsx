// Filter chips over the Tests list: all, failing, each outcome present, not tested; each with its count.
import { useMemo } from 'react'
import { OUTCOME_ORDER, OUTCOME_WORDS, type KeyRecord } from '#contract'
import { matchesOutcomeFilter, useTestsStore, type OutcomeFilter } from '../../stores/testsStore'
import { FilterChips, type FilterChip } from '../shared/FilterChips'

const chipsFor = (keys: KeyRecord[]): FilterChip<OutcomeFilter>[] => {
  const count = (filter: OutcomeFilter) => keys.filter((key) => matchesOutcomeFilter(key, filter)).length
  const chips = [
    { filter: 'all' as const, label: 'All', count: keys.length, tone: 'none' },
    { filter: 'failing' as const, label: 'Failing', count: count('failing'), tone: 'bad' },
    ...OUTCOME_ORDER.map((outcome) => {
      const filter: OutcomeFilter = outcome === 'not_tested' ? 'untested' : outcome
      return { filter, label: OUTCOME_WORDS[outcome].word, count: count(filter), tone: OUTCOME_WORDS[outcome].tone }
    }),
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
