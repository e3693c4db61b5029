// The pane beside each section's list (a key, its tests, its rotation, a finding): it takes focus when
// a row is opened, scrolls to the top for a new selection, Escape on it returns to the list, and on a
// narrow window a Back button leads to the list. One frame, so the four sections behave alike.
import { useRef, type ReactNode } from 'react'
import { useDetailFocus } from '../../hooks/useDetailFocus'
import { useScrollTopOnSelection } from '../../hooks/useScrollTopOnSelection'
import { DetailBackButton } from './DetailBackButton'

interface DetailPaneProps {
  id: string
  /** What the pane shows, for assistive technology ("Details of Stripe live"). */
  label: string
  /** The list Escape returns to. */
  listId: string
  /** The list as the Back button names it ("keys", "findings"). */
  listName: string
  /** What is selected: a new one scrolls the pane back to its top. */
  selection: string | null
  children: ReactNode
}

export function DetailPane({ id, label, listId, listName, selection, children }: DetailPaneProps) {
  const paneRef = useRef<HTMLElement>(null)
  useDetailFocus(paneRef)
  useScrollTopOnSelection(paneRef, selection)
  return (
    <section
      ref={paneRef}
      id={id}
      className="detail-pane"
      aria-label={label}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && event.target === event.currentTarget) document.getElementById(listId)?.focus()
      }}
    >
      <DetailBackButton listName={listName} />
      {children}
    </section>
  )
}
