// The Rotation list: keys grouped by state (expired, overdue, due soon, leaked, revoked, ok), each
// group with its count, as one listbox whose selection follows the arrow keys (useVaultShortcuts).
import { useCallback, useEffect, useMemo } from 'react'
import { ROTATION_STATES, type RotationStatus } from '../../../../preload/contract'
import { openRotateDialog } from '../../actions/openRotateDialog'
import { STATE_LOOKS } from '../../format/rotationStates'
import { useProviderNames } from '../../hooks/useProviderNames'
import { useRotationStore, visibleStatuses } from '../../stores/rotationStore'
import { useUiStore } from '../../stores/uiStore'
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
  const focusDetail = useUiStore((state) => state.focusDetail)
  const showSection = useUiStore((state) => state.showSection)
  const providerName = useProviderNames()
  const visible = useMemo(() => visibleStatuses(overview, filter), [overview, filter])
  const groups = useMemo(
    () => ROTATION_STATES.map((state) => ({ state, keys: visible.filter((status) => status.state === state) })).filter((group) => group.keys.length > 0),
    [visible],
  )

  useEffect(() => {
    if (selectedId) document.getElementById(rotationRowId(selectedId))?.scrollIntoView({ block: 'nearest' })
  }, [selectedId])

  const onOpen = useCallback(
    (id: string) => {
      selectKey(id)
      focusDetail()
    },
    [selectKey, focusDetail],
  )
  const onRotate = useCallback((status: RotationStatus) => openRotateDialog(status.keyId, status.name), [])

  if (loadError) {
    return (
      <div className="empty-state">
        <p className="empty-title">The due dates could not be worked out</p>
        <p className="empty-text">{loadError}</p>
      </div>
    )
  }
  if (loaded && (overview?.keys.length ?? 0) === 0) {
    return (
      <div className="empty-state">
        <p className="empty-title">No keys to rotate yet.</p>
        <p className="empty-text">
          Each key you add gets a due date: its expiry, or its last rotation plus its period. Keys due soon show here first.
        </p>
        <div className="empty-actions">
          <button type="button" className="button" onClick={() => showSection('vault')}>
            Go to the vault
          </button>
        </div>
      </div>
    )
  }
  if (loaded && visible.length === 0) {
    return (
      <div className="empty-state">
        <p className="empty-title">No keys in this state</p>
        <div className="empty-actions">
          <button type="button" className="button" onClick={() => setFilter('all')}>
            Show all keys
          </button>
        </div>
      </div>
    )
  }

  const maxSnoozeDays = overview?.policy.maxSnoozeDays ?? 14
  return (
    <div
      id={ROTATION_LIST_ID}
      className="rotation-list"
      role="listbox"
      aria-label="Keys by rotation state"
      tabIndex={0}
      aria-activedescendant={selectedId ? rotationRowId(selectedId) : undefined}
    >
      {groups.map((group) => (
        <ul key={group.state} className="rotation-group" role="group" aria-labelledby={`rotation-group-${group.state}`} data-state={group.state}>
          <li role="presentation" id={`rotation-group-${group.state}`} className="rotation-group-title">
            {STATE_LOOKS[group.state].label}
            <span className="rotation-group-count">{group.keys.length}</span>
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
              onOpen={onOpen}
              onRotate={onRotate}
            />
          ))}
        </ul>
      ))}
    </div>
  )
}
