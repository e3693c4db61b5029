// What the Vault, Tests and Rotation listboxes share: the selected row scrolls into view, a double
// click (or Enter, via useVaultShortcuts) selects the row and moves the focus to the detail pane, and
// the listbox names its selected option as the active descendant. The arrows live in useVaultShortcuts.
import { useCallback, useEffect } from 'react'
import { useUiStore } from '../stores/uiStore'

interface ListboxProps {
  role: 'listbox'
  tabIndex: number
  'aria-activedescendant': string | undefined
}

export const useListboxSelection = (
  selectedId: string | null,
  rowId: (id: string) => string,
  selectKey: (id: string) => void,
): { onOpen: (id: string) => void; listboxProps: ListboxProps } => {
  const focusDetail = useUiStore((state) => state.focusDetail)

  useEffect(() => {
    if (selectedId) document.getElementById(rowId(selectedId))?.scrollIntoView({ block: 'nearest' })
  }, [selectedId, rowId])

  const onOpen = useCallback(
    (id: string) => {
      selectKey(id)
      focusDetail()
    },
    [selectKey, focusDetail],
  )

  return {
    onOpen,
    listboxProps: { role: 'listbox', tabIndex: 0, 'aria-activedescendant': selectedId ? rowId(selectedId) : undefined },
  }
}
