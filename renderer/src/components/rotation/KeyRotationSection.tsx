// A key's rotation, in both detail panes: its state and when it is due in words, why (main's reason),
// a snooze, its own period, and Rotate (Resume while a rotation is in progress).
import type { RotationStatus } from '#contract'
import { openRotateDialog } from '../../actions/openRotateDialog'
import { formatDate, formatDateTime } from '../../format/describeTime'
import { selectStatusOf, useRotationStore } from '../../stores/rotationStore'
import { RotationPeriodField } from './RotationPeriodField'
import { RotationStateBadge } from './RotationStateBadge'
import { SnoozeMenu } from './SnoozeMenu'

/** States whose reason is news (what the test or the scanner said, when it expired); the others say why the date. */
const SPEAKS_FOR_ITSELF = new Set<RotationStatus['state']>(['expired', 'revoked', 'leaked'])

function RotationSummary({ status, maxSnoozeDays }: { status: RotationStatus; maxSnoozeDays: number }) {
  const inFlow = status.rotationStage !== null
  return (
    <>
      <div className="test-panel-head">
        <h3 className="test-panel-title">Rotation</h3>
        <span className="rotation-panel-actions">
          <SnoozeMenu status={status} maxSnoozeDays={maxSnoozeDays} />
          <button
            type="button"
            className={`button button-small${status.state === 'ok' && !inFlow ? '' : ' button-primary'}`}
            onClick={() => openRotateDialog(status.keyId, status.name)}
          >
            {inFlow ? 'Resume rotation…' : 'Rotate…'}
          </button>
        </span>
      </div>
      <div className="test-result-head">
        <RotationStateBadge state={status.state} />
        <span className="test-result-meta">
          <time className="rotation-due-words" dateTime={status.dueAt} title={formatDateTime(status.dueAt)}>
            {status.dueInWords}
          </time>
          <span>due {formatDate(status.dueAt)}</span>
        </span>
      </div>
      <p className="test-result-sentence">
        {SPEAKS_FOR_ITSELF.has(status.state) ? (
          status.stateReason
        ) : (
          <>
            <span className="muted">Due by</span> {status.dueReason}
          </>
        )}
      </p>
      {status.snoozedUntil ? (
        <p className="rotation-note">Reminders snoozed until {formatDateTime(status.snoozedUntil)}.</p>
      ) : null}
      {inFlow ? (
        <p className="rotation-note rotation-flow-note">
          A rotation is in progress: Resume picks it up where it stopped.
        </p>
      ) : null}
    </>
  )
}

export function KeyRotationSection({ keyId }: { keyId: string }) {
  const status = useRotationStore(selectStatusOf(keyId))
  const maxSnoozeDays = useRotationStore((state) => state.overview?.policy.maxSnoozeDays ?? 14)
  if (!status) return null
  return (
    <section className="test-panel rotation-panel" aria-label="Rotation">
      <RotationSummary status={status} maxSnoozeDays={maxSnoozeDays} />
      <div className="rotation-panel-fields">
        <RotationPeriodField status={status} />
      </div>
    </section>
  )
}
