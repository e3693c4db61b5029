// One group of sidebar filters (provider, environment or tag): each value with its count, a toggle. A
// long group (tags grow without end) shows its first values and folds the rest behind "Show all".
import { useState } from 'react'
import type { FilterKind } from '../../stores/keysStore'

interface FilterGroupProps {
  title: string
  kind: FilterKind
  counts: { value: string; count: number }[]
  active: string | undefined
  onToggle: (kind: FilterKind, value: string) => void
  labelFor?: (value: string) => string
  /** How many values show while the group is folded (all of them when not given). */
  foldAfter?: number
}

export function FilterGroup({ title, kind, counts, active, onToggle, labelFor, foldAfter }: FilterGroupProps) {
  const [unfolded, setUnfolded] = useState(false)
  if (counts.length === 0) return null
  const foldable = foldAfter !== undefined && counts.length > foldAfter
  // Folded, the chosen value stays in sight even when it sorts past the first few.
  const shown =
    foldable && !unfolded ? counts.filter(({ value }, index) => index < (foldAfter ?? 0) || value === active) : counts
  const listId = `filter-list-${kind}`
  const noun = title.toLowerCase()
  return (
    <section className="filter-group" aria-label={`Filter by ${noun}`}>
      <h3 className="sidebar-heading">{title}</h3>
      <ul className="filter-list" id={listId}>
        {shown.map(({ value, count }) => {
          const isActive = active === value
          const label = labelFor ? labelFor(value) : value
          return (
            <li key={value}>
              <button
                type="button"
                className={`filter-item filter-${kind}${isActive ? ' active' : ''}`}
                aria-pressed={isActive}
                title={label}
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
      {foldable ? (
        <button
          type="button"
          className="link-button filter-fold"
          aria-expanded={unfolded}
          aria-controls={listId}
          onClick={() => setUnfolded(!unfolded)}
        >
          {unfolded ? `Show fewer ${noun}s` : `Show all ${counts.length.toLocaleString('en-US')} ${noun}s`}
        </button>
      ) : null}
    </section>
  )
}
