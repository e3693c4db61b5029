// What an empty list teaches: how to add the first key, or how to get out of filters that match nothing.
import { startEnvImport } from '../actions/startEnvImport'
import { useKeysStore } from '../stores/keysStore'
import { useUiStore } from '../stores/uiStore'

export function KeyListEmptyState({ filtered }: { filtered: boolean }) {
  const openDialog = useUiStore((state) => state.openDialog)
  const clearFilters = useKeysStore((state) => state.clearFilters)

  if (filtered) {
    return (
      <div className="empty-state">
        <p className="empty-title">No keys match</p>
        <p className="empty-text">Nothing in the vault matches this search and these filters.</p>
        <div className="empty-actions">
          <button type="button" className="button" onClick={clearFilters}>
            Clear filters
          </button>
        </div>
      </div>
    )
  }
  return (
    <div className="empty-state">
      <p className="empty-title">No keys yet. Paste one, or import a .env file.</p>
      <p className="empty-text">Values are encrypted in the vault file; lists show only a mask like clipia_live_••••7hQx.</p>
      <div className="empty-actions">
        <button type="button" className="button button-primary" onClick={() => openDialog({ kind: 'add-key' })}>
          Paste a key
        </button>
        <button type="button" className="button" onClick={() => void startEnvImport()}>
          Import .env file
        </button>
      </div>
    </div>
  )
}
