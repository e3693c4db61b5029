// A detail pane shows a new item from its top: the scroll position of the last one means nothing here.
import { useLayoutEffect, type RefObject } from 'react'

export const useScrollTopOnSelection = (paneRef: RefObject<HTMLElement | null>, selectedId: string | null): void => {
  useLayoutEffect(() => {
    if (paneRef.current) paneRef.current.scrollTop = 0
  }, [paneRef, selectedId])
}
