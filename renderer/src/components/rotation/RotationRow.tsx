// One key in the Rotation list: provider mark, name, environment and provider, its state, when it is
// due in words and why (main's), a snooze or a rotation in progress, then Snooze and Rotate.
import { memo } from 'react'
import type { KeyRecord, RotationStatus } from '../../../../preload/contract'
import { formatDate, formatDateTime } from '../../format/describeTime'
import { EnvironmentBadge } from '../EnvironmentBadge'
import { ProviderMark } from '../ProviderMark'
import { RotationStateBadge } from './RotationStateBadge'
import { SnoozeMenu } from './SnoozeMenu'

interface RotationRowProps {
  status: RotationStatus
  /** 1-based: the row's place in the whole grid (only a screenful is drawn). */
  rowIndex: number
  record: KeyRecord | undefined
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

export const RotationRow = memo(function RotationRow({
  status,
  rowIndex,
  record,
  providerName,
  maxSnoozeDays,
  selected,
  onSelect,
  onChoose,
  onOpen,
  onRotate,
}: RotationRowProps) {
  const inFlow = status.rotationStage !== null
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
          <span className="rotation-row-reason" title={status.stateReason}>
            {status.dueReason}
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
          aria-label={`${inFlow ? 'Resume rotating' : 'Rotate'} ${status.name}`}
          onClick={() => {
            onSelect(status.keyId)
            onRotate(status)
          }}
        >
          {inFlow ? 'Resume' : 'Rotate'}
        </button>
      </div>
    </li>
  )
})
