// From a test result to the key itself: the Vault section with that key selected and its detail
// focused (filters that would hide it are cleared), where its provider, plan and value are edited.
import { useKeysStore } from '../stores/keysStore'
import { useUiStore } from '../stores/uiStore'

export const openKeyInVault = async (id: string): Promise<void> => {
  const keys = useKeysStore.getState()
  const ui = useUiStore.getState()
  keys.selectKey(id)
  ui.showSection('vault')
  if (!keys.keys.some((key) => key.id === id)) {
    keys.clearFilters()
    await useKeysStore.getState().loadKeys()
    useKeysStore.getState().selectKey(id)
  }
  ui.focusDetail()
}
