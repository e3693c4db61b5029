// The left column: sections, the filters with their counts, and the lock button at the bottom. In a
// narrow window it shows icons only; its Filters button lays the whole column over the window.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { ENVIRONMENTS, type Environment } from '#contract'
import { lockVaultNow } from '../../actions/lockVaultNow'
import { useProviderNames } from '../../hooks/useProviderNames'
import { useKeysStore } from '../../stores/keysStore'
import { useSessionStore } from '../../stores/sessionStore'
import { countFailingKeys, useTestsStore } from '../../stores/testsStore'
import { useRotationStore } from '../../stores/rotationStore'
import { useScannerStore } from '../../stores/scannerStore'
import { useUiStore, type Section } from '../../stores/uiStore'
import { FilterGroup } from '../shared/FilterGroup'
import { KeywardLogo } from '../shared/KeywardLogo'
import { SectionIcon } from '../shared/SectionIcon'

const SECTIONS: { id: Section; label: string }[] = [
  { id: 'vault', label: 'Vault' },
  { id: 'tests', label: 'Tests' },
  { id: 'rotation', label: 'Rotation' },
  { id: 'scanner', label: 'Scanner' },
  { id: 'settings', label: 'Settings' },
]

/** Tags shown before "Show all": a vault's tags grow without end, the column does not. */
const TAGS_SHOWN_FOLDED = 8

/** The laid-over column folds on Esc (before any other shortcut sees it) or a click outside it. */
const useFoldOnEscapeOrOutside = (expanded: boolean, navRef: RefObject<HTMLElement | null>, fold: () => void): void => {
  useEffect(() => {
    if (!expanded) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return
      event.preventDefault()
      fold()
    }
    const onPointerDown = (event: PointerEvent) => {
      if (!navRef.current?.contains(event.target as Node)) fold()
    }
    window.addEventListener('keydown', onKeyDown, true)
    window.addEventListener('pointerdown', onPointerDown, true)
    return () => {
      window.removeEventListener('keydown', onKeyDown, true)
      window.removeEventListener('pointerdown', onPointerDown, true)
    }
  }, [expanded, navRef, fold])
}

// Longer than 80 lines for its markup: the sections, then the filter groups with their counts, each
// reading the same stores.
export function Sidebar() {
  const section = useUiStore((state) => state.section)
  const showSection = useUiStore((state) => state.showSection)
  const facets = useKeysStore((state) => state.facets)
  const filters = useKeysStore((state) => state.filters)
  const toggleFilter = useKeysStore((state) => state.toggleFilter)
  const keyCount = useSessionStore((state) => state.status?.keyCount ?? 0)
  const failingCount = useTestsStore((state) => countFailingKeys(state.keys))
  const dueCount = useRotationStore((state) => state.overview?.counts.needsAction ?? 0)
  const findingCount = useScannerStore(
    (state) => state.results?.findings.filter((finding) => finding.suppressed === null).length ?? 0,
  )
  const scanning = useScannerStore((state) => state.run?.state === 'running')
  const providerName = useProviderNames()
  const [expanded, setExpanded] = useState(false)
  const navRef = useRef<HTMLElement>(null)
  const fold = useCallback(() => setExpanded(false), [])
  useFoldOnEscapeOrOutside(expanded, navRef, fold)
  // The filters narrow the Vault list only, so they show on the Vault panel only.
  const showsFilters = section === 'vault'
  // Choosing one shows the list it narrows (in a narrow window the detail may be over it).
  const onToggle = (...args: Parameters<typeof toggleFilter>) => {
    showSection('vault')
    toggleFilter(...args)
  }

  return (
    <nav ref={navRef} className={`sidebar${expanded ? ' expanded' : ''}`} aria-label="Keyward">
      <div className="sidebar-brand">
        <KeywardLogo size={20} />
        <span className="sidebar-brand-name">Keyward</span>
      </div>
      <ul className="section-list">
        {SECTIONS.map(({ id, label }) => (
          <li key={id}>
            <button
              type="button"
              className={`section-item${section === id ? ' active' : ''}`}
              aria-current={section === id ? 'page' : undefined}
              onClick={() => {
                setExpanded(false)
                showSection(id)
              }}
              title={label}
            >
              <SectionIcon section={id} />
              <span className="section-label">{label}</span>
              {id === 'vault' ? <span className="section-count">{keyCount.toLocaleString('en-US')}</span> : null}
              {id === 'tests' && failingCount > 0 ? (
                <span
                  className="section-attention"
                  title={`${failingCount} failing: rejected, expired, forbidden or quota used up`}
                >
                  {failingCount}
                  <span className="visually-hidden"> failing</span>
                </span>
              ) : null}
              {id === 'scanner' && scanning ? (
                <span className="section-count" title="A scan is running">
                  …<span className="visually-hidden"> scanning</span>
                </span>
              ) : null}
              {id === 'scanner' && !scanning && findingCount > 0 ? (
                <span className="section-attention" title={`${findingCount} found by the last scan`}>
                  {findingCount}
                  <span className="visually-hidden"> findings</span>
                </span>
              ) : null}
              {id === 'rotation' && dueCount > 0 ? (
                <span
                  className="section-attention"
                  title={`${dueCount} to rotate: leaked, rejected, expired, overdue or due soon (snoozed keys left out)`}
                >
                  {dueCount}
                  <span className="visually-hidden"> need action</span>
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      {showsFilters ? (
        <button
          type="button"
          className="section-item sidebar-expand"
          aria-expanded={expanded}
          aria-controls="sidebar-filters"
          title={expanded ? 'Hide filters' : 'Filters'}
          onClick={() => setExpanded(!expanded)}
        >
          <SectionIcon section="filters" />
          <span className="section-label">Filters</span>
        </button>
      ) : null}
      <div className="sidebar-filters" id="sidebar-filters">
        {showsFilters ? (
          <>
            <FilterGroup
              title="Environment"
              kind="environment"
              counts={[...facets.environments].sort(
                (left, right) =>
                  ENVIRONMENTS.indexOf(left.value as Environment) - ENVIRONMENTS.indexOf(right.value as Environment),
              )}
              active={filters.environment}
              onToggle={onToggle}
            />
            <FilterGroup
              title="Provider"
              kind="provider"
              counts={facets.providers}
              active={filters.provider}
              onToggle={onToggle}
              labelFor={(value) => providerName(value)}
            />
            <FilterGroup
              title="Tag"
              kind="tag"
              counts={facets.tags}
              active={filters.tag}
              onToggle={onToggle}
              foldAfter={TAGS_SHOWN_FOLDED}
            />
          </>
        ) : null}
      </div>
      <div className="sidebar-footer">
        <span className="lock-state">
          <span className="lock-state-dot" aria-hidden="true" />
          <span className="lock-state-text">Unlocked</span>
        </span>
        <button type="button" className="button button-small" onClick={() => void lockVaultNow()} title="Lock (Ctrl+L)">
          Lock
        </button>
      </div>
    </nav>
  )
}
