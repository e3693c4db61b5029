// Where a list's selection lands after a move (an arrow: ±1, a page: ±rows, Home/End: ±Infinity),
// kept within the list; with nothing selected yet a move down starts at the top, a move up at the end,
// and Home/End go to their end.
export const movedIndex = (length: number, index: number, delta: number): number => {
  if (index < 0) {
    if (Math.abs(delta) === Number.POSITIVE_INFINITY) return delta > 0 ? length - 1 : 0
    return delta > 0 ? 0 : length - 1
  }
  return Math.min(length - 1, Math.max(0, index + delta))
}
