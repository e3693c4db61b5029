// A row of filter chips over a list: each chip names a filter, its count and its tone (a coloured dot
// unless 'none'). Pressing a chip narrows the list to it; pressing the active chip again shows all.
export interface FilterChip<F extends string> {
  filter: F
  label: string
  count: number
  tone: string
}

interface FilterChipsProps<F extends string> {
  label: string
  chips: FilterChip<F>[]
  active: F
  onChange: (filter: NoInfer<F> | 'all') => void
}

export function FilterChips<F extends string>({ label, chips, active, onChange }: FilterChipsProps<F>) {
  return (
    <div className="outcome-filters" role="group" aria-label={label}>
      {chips.map((chip) => (
        <button
          key={chip.filter}
          type="button"
          className={`filter-chip tone-${chip.tone}${active === chip.filter ? ' active' : ''}`}
          aria-pressed={active === chip.filter}
          onClick={() => onChange(active === chip.filter ? 'all' : chip.filter)}
        >
          {chip.tone !== 'none' ? <span className="outcome-dot" aria-hidden="true" /> : null}
          {chip.label}
          <span className="filter-chip-count">{chip.count.toLocaleString('en-US')}</span>
        </button>
      ))}
    </div>
  )
}
