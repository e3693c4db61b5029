// Narrow the findings: live keys, vault keys, still in the files, history only, or those set aside.
import { useMemo } from 'react'
import { matchesFindingFilter, useScannerStore, type FindingFilter } from '../../stores/scannerStore'
import { FilterChips, type FilterChip } from '../shared/FilterChips'

const CHIPS: { filter: Exclude<FindingFilter, 'all'>; label: string; tone: string }[] = [
  { filter: 'live', label: 'Live', tone: 'bad' },
  { filter: 'vault', label: 'Vault keys', tone: 'warn' },
  { filter: 'current', label: 'In the files', tone: 'none' },
  { filter: 'history', label: 'History only', tone: 'none' },
  { filter: 'set_aside', label: 'Set aside', tone: 'none' },
]

export function FindingFilterChips() {
  const results = useScannerStore((state) => state.results)
  const filter = useScannerStore((state) => state.filter)
  const setFilter = useScannerStore((state) => state.setFilter)
  const chips = useMemo<FilterChip<FindingFilter>[]>(
    () =>
      CHIPS.map((chip) => ({
        ...chip,
        count: results?.findings.filter((finding) => matchesFindingFilter(finding, chip.filter)).length ?? 0,
      })).filter((chip) => chip.count > 0 || chip.filter === filter),
    [results, filter],
  )
  if (chips.length === 0) return null
  return <FilterChips label="Show findings" chips={chips} active={filter} onChange={setFilter} />
}
