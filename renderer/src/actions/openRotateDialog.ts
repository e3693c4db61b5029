// Opens the rotate flow for a key; it picks up a rotation already in progress where it was left.
import { useUiStore } from '../stores/uiStore'

export const openRotateDialog = (keyId: string, keyName: string): void => {
  useUiStore.getState().openDialog({ kind: 'rotate-key', keyId, keyName })
}
