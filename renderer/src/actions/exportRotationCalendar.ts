// The calendar of due dates is written by main (it shows the save dialog, writes the file 0600); the
// renderer only asks and says where it went.
import { callKeyward } from '../api/callKeyward'
import { countNoun } from '../format/countNoun'
import { useUiStore } from '../stores/uiStore'

export const exportRotationCalendar = async (): Promise<void> => {
  const { pushToast } = useUiStore.getState()
  const result = await callKeyward('exportRotationCalendar')
  if (!result.ok) {
    pushToast(result.error.message, 'error')
    return
  }
  if (result.value.canceled) return
  pushToast(`Saved ${countNoun(result.value.count, 'due date')} to ${result.value.path}`, 'success')
}
