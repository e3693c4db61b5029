// What an empty list teaches: how to add the first key, or how to get out of filters that match nothing.
import { startEnvImport } from '../../actions/startEnvImport'
import { useKeysStore } from '../../stores/keysStore'
import { useUiStore } from '../../stores/uiStore'
import { EmptyState } from '../shared/EmptyState'

export function KeyListEmptyState({ filtered }: { filtered: boolean }) {
  const openDialog = useUiStore((state) => state.openDialog)
  const clearFilters = useKeysStore((state) => state.clearFilters)

  if (filtered) {
    return (
      <EmptyState
        title="No keys match"
        text="Nothing in the vault matches this search and these filters."
        actions={[{ label: 'Clear filters', onClick: clearFilters }]}
      />
    )
  }
  return (
    <EmptyState
      title="No keys yet. Add one, or import a .env file."
      text="Values are encrypted in the vault file; lists show only a mask like clipia_live_••••7hQx."
      actions={[
        { label: 'Add key…', onClick: () => openDialog({ kind: 'add-key' }), primary: true },
        { label: 'Import .env…', onClick: () => void startEnvImport() },
      ]}
    />
  )
}
