// The room a virtualised list keeps for rows it does not draw, so the scrollbar spans every row.
interface ListSpacerProps {
  height: number
  as?: 'li' | 'div'
}

export function ListSpacer({ height, as: Element = 'li' }: ListSpacerProps) {
  if (height <= 0) return null
  return <Element role="presentation" aria-hidden="true" className="list-spacer" style={{ height }} />
}
