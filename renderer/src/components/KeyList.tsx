// The list of keys: a listbox whose selection follows the arrow keys (handled in useVaultShortcuts).
import { useCallback, useEffect } from 'react'
import { useProviderNames } from '../hooks/useProviderNames'
import { hasActiveFilters, useKeysStore } from '../stores/keysStore'
import { useUiStore } from '../stores/uiStore'
import { KeyListEmptyState } from './KeyListEmptyState'
import { KeyRow, keyRowId } from './KeyRow'

export const KEY_LIST_ID = 'key-list'

export function KeyList() {
  const keys = useKeysStore((state) => state.keys)
  const loaded = useKeysStore((state) => state.loaded)
  const loadError = useKeysStore((state) => state.loadError)
  const selectedId = useKeysStore((state) => state.selectedId)
  const selectKey = useKeysStore((state) => state.selectKey)
  const filtered = useKeysStore((state) => hasActiveFilters(state.searchText, state.filters))
  const focusDetail = useUiStore((state) => state.focusDetail)
  const providerName = useProviderNames()

  useEffect(() => {
    if (selectedId) document.getElementById(keyRowId(selectedId))?.scrollIntoView({ block: 'nearest' })
  }, [selectedId])

  const onOpen = useCallback(
    (id: string) => {
      selectKey(id)
      focusDetail()
    },
    [selectKey, focusDetail],
  )

  if (loadError) {
    return (
      <div className="empty-state">
        <p className="empty-title">The keys could not be listed</p>
        <p className="empty-text">{loadError}</p>
      </div>
    )
  }
  if (loaded && keys.length === 0) return <KeyListEmptyState filtered={filtered} />

  return (
    <ul
      id={KEY_LIST_ID}
      className="key-list"
      role="listbox"
      aria-label="Keys"
      tabIndex={0}
      aria-activedescendant={selectedId ? keyRowId(selectedId) : undefined}
    >
      {keys.map((record) => (
        <KeyRow
          key={record.id}
          record={record}
          providerName={providerName(record.provider)}
          selected={record.id === selectedId}
          onSelect={selectKey}
          onOpen={onOpen}
        />
      ))}
    </ul>
  )
}
