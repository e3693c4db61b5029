// The middle column: search, the add / import / export actions, a count, and the list.
import { startEnvImport } from '../../actions/startEnvImport'
import { countNoun } from '../../format/countNoun'
import { hasActiveFilters, useKeysStore } from '../../stores/keysStore'
import { useSessionStore } from '../../stores/sessionStore'
import { useUiStore } from '../../stores/uiStore'
import { KeyList } from './KeyList'
import { SearchBox } from '../shared/SearchBox'

export function KeyListPane() {
  const openDialog = useUiStore((state) => state.openDialog)
  const total = useKeysStore((state) => state.total)
  const filtered = useKeysStore((state) => hasActiveFilters(state.searchText, state.filters))
  const clearFilters = useKeysStore((state) => state.clearFilters)
  const keyCount = useSessionStore((state) => state.status?.keyCount ?? null)

  return (
    <section className="list-pane" aria-label="Key list">
      <div className="list-toolbar">
        <SearchBox />
        <button
          type="button"
          className="button button-primary"
          onClick={() => openDialog({ kind: 'add-key' })}
          title="Add key… (Ctrl+N)"
        >
          Add key…
        </button>
        <button type="button" className="button" onClick={() => void startEnvImport()}>
          Import .env…
        </button>
        <button
          type="button"
          className="button"
          disabled={(keyCount ?? 0) === 0}
          title={(keyCount ?? 0) === 0 ? 'Add keys first: there is nothing to export yet' : undefined}
          onClick={() => openDialog({ kind: 'export-env' })}
        >
          Export…
        </button>
      </div>
      <div className="list-summary">
        <span>{filtered ? `${countNoun(total, 'match', 'matches')}` : countNoun(total, 'key')}</span>
        {filtered ? (
          <button type="button" className="link-button" onClick={clearFilters}>
            Clear filters
          </button>
        ) : null}
      </div>
      <KeyList />
    </section>
  )
}
