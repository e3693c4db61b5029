// One labelled row of the key detail: label on the left, editor and its error on the right.
import type { ReactNode } from 'react'
import { ErrorMessage } from '../../shared/ErrorMessage'

interface DetailFieldProps {
  label: string
  htmlFor?: string
  error?: string | null
  children: ReactNode
  aside?: ReactNode
  /** The error's id, for the editor's aria-describedby. */
  errorId?: string
}

export function DetailField({ label, htmlFor, error = null, children, aside, errorId }: DetailFieldProps) {
  return (
    <div className="detail-field">
      {htmlFor ? (
        <label className="detail-label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <span className="detail-label">{label}</span>
      )}
      <div className="detail-value">
        {children}
        {aside ? <div className="detail-aside">{aside}</div> : null}
        <ErrorMessage id={errorId} message={error} />
      </div>
    </div>
  )
}
