// What the Vault, Tests, Rotation and Scanner listboxes share: a click selects the row and opens its
// detail (pushed over the list in a narrow window), a double click (or Enter, via useVaultShortcuts)
// also moves the focus to the detail pane, and the listbox names its selected option as the active
// descendant. Lists whose rows hold buttons (Tests, Rotation) are grids of rows and cells instead, so no
// control sits inside another. The arrows live in useVaultShortcuts;
// the selected row is scrolled into view by the list itself (useVirtualRows, or FindingList's own effect).
import { useCallback } from 'react'
import { useUiStore } from '../stores/uiStore'

interface ListboxProps {
  role: 'listbox' | 'grid'
  tabIndex: number
  'aria-activedescendant': string | undefined
}

export const useListboxSelection = (
  selectedId: string | null,
  rowId: (id: string) => string,
  selectKey: (id: string) => void,
  role: ListboxProps['role'] = 'listbox',
): { onSelect: (id: string) => void; onOpen: (id: string) => void; listboxProps: ListboxProps } => {
  const focusDetail = useUiStore((state) => state.focusDetail)
  const openDetail = useUiStore((state) => state.openDetail)

  const onSelect = useCallback(
    (id: string) => {
      selectKey(id)
      openDetail()
    },
    [selectKey, openDetail],
  )

  const onOpen = useCallback(
    (id: string) => {
      selectKey(id)
      focusDetail()
    },
    [selectKey, focusDetail],
  )

  return {
    onSelect,
    onOpen,
    listboxProps: { role, tabIndex: 0, 'aria-activedescendant': selectedId ? rowId(selectedId) : undefined },
  }
}
