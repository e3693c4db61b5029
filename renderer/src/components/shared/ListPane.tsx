// A section's middle column (Tests, Rotation, Scanner): a toolbar with the section's title and its
// action, then whatever the section lists under it. The section's h1 is the frame's (MainFrame).
import type { ReactNode } from 'react'

interface ListPaneProps {
  title: string
  /** The toolbar's button(s), at its right end. */
  actions: ReactNode
  children: ReactNode
}

export function ListPane({ title, actions, children }: ListPaneProps) {
  return (
    <section className="list-pane" aria-label={`${title} list`}>
      <div className="list-toolbar">
        <h2 className="toolbar-title">{title}</h2>
        <span className="toolbar-spacer" />
        {actions}
      </div>
      {children}
    </section>
  )
}
