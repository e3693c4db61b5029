// Copy is done by main (it clears the clipboard after 30 s); the renderer only asks and says so.
import { callPaced } from '../api/callPaced'
import { useUiStore } from '../stores/uiStore'

export const copyKeyValue = async (id: string): Promise<boolean> => {
  const result = await callPaced('copyKey', { id })
  const { pushToast } = useUiStore.getState()
  if (!result.ok) {
    pushToast(result.error.message, 'error')
    return false
  }
  pushToast(`Copied — clears in ${result.value.clearsInSeconds} s`, 'success')
  return true
}
