// Copying a key in the forms a config wants: NAME=value (a secret: main clears it after 30 s like a
// copied value) or its keyward:// reference (not a secret: a template can hold it).
import { callKeyward } from '../api/callKeyward'
import { callPaced } from '../api/callPaced'
import { useUiStore } from '../stores/uiStore'

export const copyKeyEnvLine = async (id: string): Promise<void> => {
  const result = await callPaced('copyKeyEnvLine', { id })
  const { pushToast } = useUiStore.getState()
  if (!result.ok) pushToast(result.error.message, 'error')
  else pushToast(`Copied ${result.value.variable}=… — clears in ${result.value.clearsInSeconds} s`, 'success')
}

export const copyKeyReference = async (id: string): Promise<void> => {
  const result = await callKeyward('copyKeyReference', { id })
  const { pushToast } = useUiStore.getState()
  if (!result.ok) pushToast(result.error.message, 'error')
  else pushToast(`Copied ${result.value.reference}`, 'success')
}
