// One group of sidebar filters (provider, environment or tag): each value with its count, a toggle.
import type { FilterKind } from '../stores/keysStore'

interface FilterGroupProps {
  title: string
  kind: FilterKind
  counts: { value: string; count: number }[]
  active: string | undefined
  onToggle: (kind: FilterKind, value: string) => void
  labelFor?: (value: string) => string
}

export function FilterGroup({ title, kind, counts, active, onToggle, labelFor }: FilterGroupProps) {
  if (counts.length === 0) return null
  return (
    <section className="filter-group" aria-label={`Filter by ${title.toLowerCase()}`}>
      <h3 className="sidebar-heading">{title}</h3>
      <ul className="filter-list">
        {counts.map(({ value, count }) => {
          const isActive = active === value
          const label = labelFor ? labelFor(value) : value
          return (
            <li key={value}>
              <button
                type="button"
                className={`filter-item filter-${kind}${isActive ? ' active' : ''}`}
                aria-pressed={isActive}
                onClick={() => onToggle(kind, value)}
              >
                {kind === 'environment' ? (
                  <span className={`filter-swatch environment-${value}`} aria-hidden="true" />
                ) : null}
                <span className="filter-label">{label}</span>
                <span className="filter-count">{count.toLocaleString('en-US')}</span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
