// A long list drawn a screenful at a time (@tanstack/react-virtual): the rows in view and a few more,
// spacers standing in for the rest, and the selected row scrolled into view by its index (it may not
// be drawn yet, so the DOM cannot be asked for it). The selected row is always drawn, even out of view
// or in a hidden list, so the list's aria-activedescendant always names an element.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef } from 'react'

/** Rows drawn beyond each edge of the view, so a fast scroll or an arrow key never shows a gap. */
const OVERSCAN = 10

export interface DrawnRow {
  index: number
  /** The height of the undrawn rows between the previous drawn row (or the top) and this one. */
  spaceBefore: number
}

interface VirtualRowsOptions {
  count: number
  rowHeight: (index: number) => number
  selectedIndex: number
  /** What a sticky title covers at the list's top, so a row scrolled into view is not hidden under it. */
  stickyHeight?: number
  /** Rows drawn whatever is in view (a group's sticky title), given the first row in view. */
  pinned?: (firstInView: number) => number[]
}

export const useVirtualRows = <Scroller extends HTMLElement>({
  count,
  rowHeight,
  selectedIndex,
  stickyHeight = 0,
  pinned,
}: VirtualRowsOptions) => {
  const scrollRef = useRef<Scroller | null>(null)
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = new Set(defaultRangeExtractor(range))
      if (selectedIndex >= 0 && selectedIndex < count) indexes.add(selectedIndex)
      for (const index of pinned?.(range.startIndex) ?? []) if (index >= 0 && index < count) indexes.add(index)
      return [...indexes].sort((a, b) => a - b)
    },
    [selectedIndex, count, pinned],
  )
  // The app is not built with the React Compiler, and what this hook answers is read afresh on every render.
  // oxlint-disable-next-line react/incompatible-library -- no memoised value holds the virtualizer's functions
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowHeight,
    overscan: OVERSCAN,
    scrollPaddingStart: stickyHeight,
    rangeExtractor,
  })

  useEffect(() => {
    if (selectedIndex >= 0 && selectedIndex < count) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, count, virtualizer])

  // A hidden list (the detail pushed over it) or one not laid out yet has no view to draw rows for:
  // its selected row is drawn alone, where it will sit.
  const inView = virtualizer.getVirtualItems()
  const selectedItem = virtualizer.measurementsCache[selectedIndex]
  const items = inView.length === 0 && selectedItem ? [selectedItem] : inView
  let drawnEnd = 0
  const rows: DrawnRow[] = items.map((item) => {
    const row = { index: item.index, spaceBefore: item.start - drawnEnd }
    drawnEnd = item.end
    return row
  })
  return {
    scrollRef,
    rows,
    /** The height of the undrawn rows after the last drawn one. */
    spaceAfter: Math.max(0, virtualizer.getTotalSize() - drawnEnd),
  }
}
