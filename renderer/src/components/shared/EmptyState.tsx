// What a list shows instead of rows: a title, an optional explanation, and optional buttons.
import type { ReactNode } from 'react'

export interface EmptyStateAction {
  label: string
  onClick: () => void
  primary?: boolean
}

interface EmptyStateProps {
  title: string
  text?: ReactNode
  actions?: EmptyStateAction[]
}

export function EmptyState({ title, text, actions = [] }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {text !== undefined ? <p className="empty-text">{text}</p> : null}
      {actions.length > 0 ? (
        <div className="empty-actions">
          {actions.map((action) => (
            <button
              key={action.label}
              type="button"
              className={action.primary ? 'button button-primary' : 'button'}
              onClick={action.onClick}
            >
              {action.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  )
}
