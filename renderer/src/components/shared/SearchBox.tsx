// The key search: `/` or Ctrl/Cmd+F lands here; Escape clears it, then hands focus to the list.
import { useEffect, useRef } from 'react'
import { useKeysStore } from '../../stores/keysStore'
import { useUiStore } from '../../stores/uiStore'
import { isKeyListShown, KEY_LIST_ID } from '../vault/KeyList'

export const SEARCH_INPUT_ID = 'key-search'

export function SearchBox() {
  const searchText = useKeysStore((state) => state.searchText)
  const setSearchText = useKeysStore((state) => state.setSearchText)
  // An empty state has no list to control: aria-controls names only what is there.
  const listShown = useKeysStore(isKeyListShown)
  const focusRequest = useUiStore((state) => state.searchFocusRequest)
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (focusRequest === 0) return
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [focusRequest])

  return (
    <div className="search-box">
      <span className="search-icon" aria-hidden="true" />
      <input
        ref={inputRef}
        id={SEARCH_INPUT_ID}
        className="search-input"
        type="search"
        placeholder="Search keys"
        aria-label="Search keys"
        aria-controls={listShown ? KEY_LIST_ID : undefined}
        autoComplete="off"
        spellCheck={false}
        value={searchText}
        onChange={(event) => setSearchText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return
          event.preventDefault()
          if (searchText) setSearchText('')
          else document.getElementById(KEY_LIST_ID)?.focus()
        }}
      />
      <kbd className="search-hint" aria-hidden="true">
        /
      </kbd>
    </div>
  )
}
