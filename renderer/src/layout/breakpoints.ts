// The window widths where the frame changes shape; frame.css holds the same numbers in its @media rules.
/** Below this width the detail is a view pushed over the list, not a column beside it. */
export const PUSHED_DETAIL_QUERY = '(max-width: 999px)'

export const detailIsPushed = (): boolean => window.matchMedia(PUSHED_DETAIL_QUERY).matches
