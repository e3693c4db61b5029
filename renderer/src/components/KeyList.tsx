// The list of keys: a listbox whose selection follows the arrow keys (handled in useVaultShortcuts).
import { useListboxSelection } from '../hooks/useListboxSelection'
import { useProviderNames } from '../hooks/useProviderNames'
import { hasActiveFilters, useKeysStore } from '../stores/keysStore'
import { EmptyState } from './EmptyState'
import { KeyListEmptyState } from './KeyListEmptyState'
import { KeyRow, keyRowId } from './KeyRow'

export const KEY_LIST_ID = 'key-list'

/** Whether the listbox is on screen (not an error or an empty state): what the search box may point at. */
export const isKeyListShown = (state: { loadError: string | null; loaded: boolean; keys: unknown[] }): boolean =>
  !state.loadError && !(state.loaded && state.keys.length === 0)

export function KeyList() {
  const keys = useKeysStore((state) => state.keys)
  const loaded = useKeysStore((state) => state.loaded)
  const loadError = useKeysStore((state) => state.loadError)
  const selectedId = useKeysStore((state) => state.selectedId)
  const selectKey = useKeysStore((state) => state.selectKey)
  const filtered = useKeysStore((state) => hasActiveFilters(state.searchText, state.filters))
  const providerName = useProviderNames()
  const { onSelect, onOpen, listboxProps } = useListboxSelection(selectedId, keyRowId, selectKey)

  if (loadError) return <EmptyState title="The keys could not be listed" text={loadError} />
  if (!isKeyListShown({ loadError, loaded, keys })) return <KeyListEmptyState filtered={filtered} />

  return (
    <ul
      id={KEY_LIST_ID}
      className="key-list"
      aria-label="Keys"
      {...listboxProps}
    >
      {keys.map((record) => (
        <KeyRow
          key={record.id}
          record={record}
          providerName={providerName(record.provider)}
          selected={record.id === selectedId}
          onSelect={onSelect}
          onOpen={onOpen}
        />
      ))}
    </ul>
  )
}
