// One key in the Rotation list: provider mark, name, environment and provider, its state, when it is
// due in words and why (main's), a snooze or a rotation in progress, then Snooze and Rotate. A leaked
// or rejected key says where it was found or the provider's reason instead, and asks "Rotate now".
import { memo } from 'react'
import type { KeyRecord, KeySighting, RotationStatus } from '#contract'
import { formatDate, formatDateTime } from '../../format/describeTime'
import { sightingFullPlace, sightingPlace } from '../../format/keySightings'
import { shortCommit } from '../../format/scanFindings'
import { EnvironmentBadge } from '../shared/EnvironmentBadge'
import { ProviderMark } from '../shared/ProviderMark'
import { RotationStateBadge } from './RotationStateBadge'
import { SnoozeMenu } from './SnoozeMenu'

interface RotationRowProps {
  status: RotationStatus
  /** 1-based: the row's place in the whole grid (only a screenful is drawn). */
  rowIndex: number
  record: KeyRecord | undefined
  /** For a leaked key: where the scanner found it exposed, once asked. */
  leakPlace: KeySighting | undefined
  providerName: string
  maxSnoozeDays: number
  selected: boolean
  /** Selects the row only (its Snooze and Rotate buttons). */
  onSelect: (id: string) => void
  /** Selects the row and opens its detail (a click on the row). */
  onChoose: (id: string) => void
  onOpen: (id: string) => void
  onRotate: (status: RotationStatus) => void
}

export const rotationRowId = (id: string): string => `rotation-row-${id}`

/** Leaked and rejected keys are rotated now, whatever their date: the row says why instead of the policy. */
const needsRotatingNow = (status: RotationStatus): boolean => status.state === 'leaked' || status.state === 'revoked'

/**
 * The second line's words: for a leak, the repository, path and line it was found exposed at (and the
 * commit when it is in the history only); for a rejected key, the provider's reason; else the due date's why.
 */
const secondLine = (status: RotationStatus, record: KeyRecord | undefined, leakPlace: KeySighting | undefined) => {
  if (status.state === 'leaked' && leakPlace) {
    const history = !leakPlace.inHead && leakPlace.commit ? ` (history, ${shortCommit(leakPlace.commit)})` : ''
    return { text: `Found in ${sightingPlace(leakPlace)}${history}`, title: sightingFullPlace(leakPlace) }
  }
  if (status.state === 'revoked') {
    const reason = record?.lastTest?.outcome === 'invalid' ? record.lastTest.reason : status.stateReason
    return { text: reason, title: status.stateReason }
  }
  if (status.state === 'leaked') return { text: status.stateReason, title: status.stateReason }
  return { text: status.dueReason, title: status.stateReason }
}

export const RotationRow = memo(function RotationRow({
  status,
  rowIndex,
  record,
  leakPlace,
  providerName,
  maxSnoozeDays,
  selected,
  onSelect,
  onChoose,
  onOpen,
  onRotate,
}: RotationRowProps) {
  const inFlow = status.rotationStage !== null
  const now = needsRotatingNow(status)
  const why = secondLine(status, record, leakPlace)
  return (
    <li
      id={rotationRowId(status.keyId)}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      className={`rotation-row${selected ? ' selected' : ''}${status.snoozedUntil ? ' snoozed' : ''}`}
      data-key-name={status.name}
      onMouseDown={(event) => {
        if (event.button === 0 && !(event.target as Element).closest('button, [role="menu"]')) onChoose(status.keyId)
      }}
      onDoubleClick={() => onOpen(status.keyId)}
    >
      <span role="gridcell" className="row-mark-cell">
        <ProviderMark provider={record?.provider ?? null} name={providerName} />
      </span>
      <div role="gridcell" className="rotation-row-main">
        <div className="rotation-row-line">
          <span className="rotation-row-name" title={status.name}>
            {status.name}
          </span>
          {record ? <EnvironmentBadge environment={record.environment} /> : null}
          <span className="rotation-row-provider">{providerName}</span>
        </div>
        <div className="rotation-row-line rotation-row-secondary">
          <span className={`rotation-row-reason${now ? ' rotation-row-urgent' : ''}`} title={why.title}>
            {why.text}
          </span>
          {status.snoozedUntil ? (
            <span className="rotation-row-note" title={formatDateTime(status.snoozedUntil)}>
              Snoozed until {formatDate(status.snoozedUntil)}
            </span>
          ) : null}
          {inFlow ? <span className="rotation-row-note rotation-row-flow">Rotation in progress</span> : null}
        </div>
      </div>
      <div role="gridcell" className="rotation-row-due">
        <RotationStateBadge state={status.state} size="small" />
        <time className="rotation-row-words" dateTime={status.dueAt} title={`Due ${formatDateTime(status.dueAt)}`}>
          {status.dueInWords}
        </time>
      </div>
      <div role="gridcell" className="rotation-row-actions">
        <SnoozeMenu status={status} maxSnoozeDays={maxSnoozeDays} inList />
        <button
          type="button"
          className={`button button-small${status.state === 'ok' ? '' : ' button-primary'}`}
          tabIndex={-1}
          aria-label={
            inFlow ? `Resume rotating ${status.name}` : now ? `Rotate now: ${status.name}` : `Rotate ${status.name}`
          }
          onClick={() => {
            onSelect(status.keyId)
            onRotate(status)
          }}
        >
          {inFlow ? 'Resume rotation…' : now ? 'Rotate now…' : 'Rotate…'}
        </button>
      </div>
    </li>
  )
})
