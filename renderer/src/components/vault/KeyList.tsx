// The list of keys: a listbox over every key that matches, drawn a screenful at a time, whose selection
// follows the arrow keys, Home/End and PageUp/PageDown (handled in useVaultShortcuts).
import { Fragment, useMemo } from 'react'
import { useListboxSelection } from '../../hooks/useListboxSelection'
import { useProviderNames } from '../../hooks/useProviderNames'
import { useVirtualRows } from '../../hooks/useVirtualRows'
import { hasActiveFilters, useKeysStore } from '../../stores/keysStore'
import { EmptyState } from '../shared/EmptyState'
import { KeyListEmptyState } from './KeyListEmptyState'
import { KeyRow, keyRowId } from './KeyRow'
import { ListSpacer } from '../shared/ListSpacer'

export const KEY_LIST_ID = 'key-list'
/** .key-row's height in key-list.css. */
const KEY_ROW_HEIGHT = 46
const keyRowHeight = (): number => KEY_ROW_HEIGHT

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
  const selectedIndex = useMemo(() => keys.findIndex((key) => key.id === selectedId), [keys, selectedId])
  const { scrollRef, rows, spaceAfter } = useVirtualRows<HTMLUListElement>({
    count: keys.length,
    rowHeight: keyRowHeight,
    selectedIndex,
  })

  if (loadError) return <EmptyState title="The keys could not be listed" text={loadError} />
  if (!isKeyListShown({ loadError, loaded, keys })) return <KeyListEmptyState filtered={filtered} />

  return (
    <ul ref={scrollRef} id={KEY_LIST_ID} className="key-list" aria-label="Keys" {...listboxProps}>
      {rows.map(({ index, spaceBefore }) => {
        const record = keys[index]!
        return (
          <Fragment key={record.id}>
            <ListSpacer height={spaceBefore} />
            <KeyRow
              record={record}
              position={index + 1}
              count={keys.length}
              providerName={providerName(record.provider)}
              selected={record.id === selectedId}
              onSelect={onSelect}
              onOpen={onOpen}
            />
          </Fragment>
        )
      })}
      <ListSpacer height={spaceAfter} />
    </ul>
  )
}
