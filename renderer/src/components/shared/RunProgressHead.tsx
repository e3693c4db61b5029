// What a background run (Test all, a scan) shows alike: at the top of its progress, the headline as a
// live status, Cancel while it runs and the time it ended once it has; before any run, the error of
// starting one, alone.
import type { ReactNode, RefObject } from 'react'
import { formatClockTime } from '../../format/describeTime'

interface RunProgressHeadProps {
  headline: string
  running: boolean
  finishedAt: string | null
  onCancel: () => void
  /** For a caller that moves the focus to Cancel when the run starts. */
  cancelRef?: RefObject<HTMLButtonElement | null>
  /** Said between the headline and Cancel (the wait for a plan's limits). */
  note?: ReactNode
}

export function RunProgressHead({ headline, running, finishedAt, onCancel, cancelRef, note }: RunProgressHeadProps) {
  return (
    <div className="run-progress-head">
      <span className="run-headline" role="status">
        {headline}
      </span>
      {note}
      {running ? (
        <button ref={cancelRef} type="button" className="button button-small run-cancel" onClick={onCancel}>
          Cancel
        </button>
      ) : (
        <span className="run-done-at">{finishedAt ? `at ${formatClockTime(finishedAt)}` : ''}</span>
      )}
    </div>
  )
}

/** Before any run: why the last one could not start, said at once, or nothing. */
export function RunStartError({ message }: { message: string | null }) {
  return message ? (
    <p className="error-message run-error" role="alert">
      {message}
    </p>
  ) : null
}
