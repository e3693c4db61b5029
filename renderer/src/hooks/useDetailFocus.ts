// Focuses a detail pane when asked (Enter on a list, "Open in vault"). Each request is served once, by
// whichever pane is showing then: a pane mounted later (switching sections) does not take focus for an
// old request, but one mounted by the same action that asked (Open in vault) does.
import { useEffect, type RefObject } from 'react'
import { useUiStore } from '../stores/uiStore'

let servedRequest = 0

export const useDetailFocus = (paneRef: RefObject<HTMLElement | null>): void => {
  const focusRequest = useUiStore((state) => state.detailFocusRequest)
  useEffect(() => {
    if (focusRequest <= servedRequest) return
    servedRequest = focusRequest
    paneRef.current?.focus()
  }, [focusRequest, paneRef])
}
