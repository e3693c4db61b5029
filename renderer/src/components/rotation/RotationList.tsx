// The Rotation list: keys grouped by state (expired, overdue, due soon, leaked, revoked, ok), each
// group with its count, as one listbox whose selection follows the arrow keys (useVaultShortcuts).
import { useCallback, useMemo } from 'react'
import { ROTATION_STATES, type RotationStatus } from '../../../../preload/contract'
import { openRotateDialog } from '../../actions/openRotateDialog'
import { STATE_LOOKS } from '../../format/rotationStates'
import { useListboxSelection } from '../../hooks/useListboxSelection'
import { useProviderNames } from '../../hooks/useProviderNames'
import { useRotationStore, visibleStatuses } from '../../stores/rotationStore'
import { useUiStore } from '../../stores/uiStore'
import { EmptyState } from '../EmptyState'
import { RotationRow, rotationRowId } from './RotationRow'

export const ROTATION_LIST_ID = 'rotation-list'

export function RotationList() {
  const overview = useRotationStore((state) => state.overview)
  const records = useRotationStore((state) => state.records)
  const filter = useRotationStore((state) => state.filter)
  const loaded = useRotationStore((state) => state.loaded)
  const loadError = useRotationStore((state) => state.loadError)
  const selectedId = useRotationStore((state) => state.selectedId)
  const selectKey = useRotationStore((state) => state.selectKey)
  const setFilter = useRotationStore((state) => state.setFilter)
  const showSection = useUiStore((state) => state.showSection)
  const providerName = useProviderNames()
  const visible = useMemo(() => visibleStatuses(overview, filter), [overview, filter])
  const groups = useMemo(
    () => ROTATION_STATES.map((state) => ({ state, keys: visible.filter((status) => status.state === state) })).filter((group) => group.keys.length > 0),
    [visible],
  )

  const { onSelect, onOpen, listboxProps } = useListboxSelection(selectedId, rotationRowId, selectKey, 'grid')
  const onRotate = useCallback((status: RotationStatus) => openRotateDialog(status.keyId, status.name), [])

  if (loadError) return <EmptyState title="The due dates could not be worked out" text={loadError} />
  if (loaded && (overview?.keys.length ?? 0) === 0) {
    return (
      <EmptyState
        title="No keys to rotate yet."
        text="Each key you add gets a due date: its expiry, or its last rotation plus its period. Keys due soon show here first."
        actions={[{ label: 'Go to the vault', onClick: () => showSection('vault') }]}
      />
    )
  }
  if (loaded && visible.length === 0) {
    return <EmptyState title="No keys in this state" actions={[{ label: 'Show all keys', onClick: () => setFilter('all') }]} />
  }

  const maxSnoozeDays = overview?.policy.maxSnoozeDays ?? 14
  return (
    <div
      id={ROTATION_LIST_ID}
      className="rotation-list"
      aria-label="Keys by rotation state"
      {...listboxProps}
    >
      {groups.map((group) => (
        <ul key={group.state} className="rotation-group" role="rowgroup" aria-labelledby={`rotation-group-${group.state}`} data-state={group.state}>
          <li role="row" className="rotation-group-title">
            <span role="rowheader" id={`rotation-group-${group.state}`}>
              {STATE_LOOKS[group.state].label}
              <span className="rotation-group-count">{group.keys.length}</span>
            </span>
          </li>
          {group.keys.map((status) => (
            <RotationRow
              key={status.keyId}
              status={status}
              record={records[status.keyId]}
              providerName={providerName(records[status.keyId]?.provider ?? null)}
              maxSnoozeDays={maxSnoozeDays}
              selected={status.keyId === selectedId}
              onSelect={selectKey}
              onChoose={onSelect}
              onOpen={onOpen}
              onRotate={onRotate}
            />
          ))}
        </ul>
      ))}
    </div>
  )
}
