// Import .env starts in main: it shows the file dialog and parses the file; values never come back here.
// A preview arrives with masked values, and the import dialog opens on it.
import { callKeyward } from '../api/callKeyward'
import { useUiStore } from '../stores/uiStore'

export const startEnvImport = async (): Promise<void> => {
  const { openDialog, pushToast } = useUiStore.getState()
  const result = await callKeyward('previewEnvImport')
  if (!result.ok) {
    pushToast(result.error.message, 'error')
    return
  }
  if (result.value.canceled) return
  openDialog({ kind: 'import-env', preview: result.value })
}
