// The Rotation list: keys grouped by state (leaked, rejected, expired, overdue, due soon, ok), each
// group with its count, as one grid drawn a screenful at a time whose selection follows the arrow
// keys, Home/End and PageUp/PageDown (useVaultShortcuts).
import { Fragment, useCallback, useMemo } from 'react'
import { ROTATION_STATE_WORDS, ROTATION_STATES, type RotationState, type RotationStatus } from '#contract'
import { openRotateDialog } from '../../actions/openRotateDialog'
import { useListboxSelection } from '../../hooks/useListboxSelection'
import { useProviderNames } from '../../hooks/useProviderNames'
import { useVirtualRows } from '../../hooks/useVirtualRows'
import { useRotationStore, visibleStatuses } from '../../stores/rotationStore'
import { useUiStore } from '../../stores/uiStore'
import { EmptyState } from '../shared/EmptyState'
import { ListSpacer } from '../shared/ListSpacer'
import { RotationRow, rotationRowId } from './RotationRow'

export const ROTATION_LIST_ID = 'rotation-list'
/** .rotation-group-title's and .rotation-row's heights in rotation.css. */
const GROUP_TITLE_HEIGHT = 24
const ROTATION_ROW_HEIGHT = 48

type RotationEntry = { kind: 'title'; state: RotationState; count: number } | { kind: 'key'; status: RotationStatus }

/** The list as one run of rows: each state's title, then its keys. */
const rotationEntries = (visible: RotationStatus[]): RotationEntry[] =>
  ROTATION_STATES.flatMap((state) => {
    const keys = visible.filter((status) => status.state === state)
    if (keys.length === 0) return []
    return [
      { kind: 'title', state, count: keys.length } as const,
      ...keys.map((status) => ({ kind: 'key', status }) as const),
    ]
  })

// Longer than 80 lines: the list's filters, counts, selection and virtualised rows read one store's
// overview; the rows themselves are RotationRow.
export function RotationList() {
  const overview = useRotationStore((state) => state.overview)
  const records = useRotationStore((state) => state.records)
  const leakPlaces = useRotationStore((state) => state.leakPlaces)
  const filter = useRotationStore((state) => state.filter)
  const loaded = useRotationStore((state) => state.loaded)
  const loadError = useRotationStore((state) => state.loadError)
  const selectedId = useRotationStore((state) => state.selectedId)
  const selectKey = useRotationStore((state) => state.selectKey)
  const setFilter = useRotationStore((state) => state.setFilter)
  const showSection = useUiStore((state) => state.showSection)
  const providerName = useProviderNames()
  const visible = useMemo(() => visibleStatuses(overview, filter), [overview, filter])
  const entries = useMemo(() => rotationEntries(visible), [visible])
  const selectedIndex = useMemo(
    () => entries.findIndex((entry) => entry.kind === 'key' && entry.status.keyId === selectedId),
    [entries, selectedId],
  )
  const entryHeight = useCallback(
    (index: number) => (entries[index]?.kind === 'title' ? GROUP_TITLE_HEIGHT : ROTATION_ROW_HEIGHT),
    [entries],
  )
  // The title of the group at the top of the view stays drawn, so it can stick there.
  const titleAbove = useCallback(
    (firstInView: number) => {
      for (let index = Math.min(firstInView, entries.length - 1); index >= 0; index--)
        if (entries[index]?.kind === 'title') return [index]
      return []
    },
    [entries],
  )
  const { scrollRef, rows, spaceAfter } = useVirtualRows<HTMLDivElement>({
    count: entries.length,
    rowHeight: entryHeight,
    selectedIndex,
    stickyHeight: GROUP_TITLE_HEIGHT,
    pinned: titleAbove,
  })

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
    return (
      <EmptyState
        title="No keys in this state"
        actions={[{ label: 'Show all keys', onClick: () => setFilter('all') }]}
      />
    )
  }

  const maxSnoozeDays = overview?.policy.maxSnoozeDays ?? 14
  // The drawn entries, each run of one state in its own rowgroup named after the state.
  const drawnGroups: {
    state: RotationState
    count: number
    entries: { entry: RotationEntry; index: number; spaceBefore: number }[]
  }[] = []
  for (const { index, spaceBefore } of rows) {
    const entry = entries[index]!
    const state = entry.kind === 'title' ? entry.state : entry.status.state
    const current = drawnGroups.at(-1)
    if (current?.state === state) current.entries.push({ entry, index, spaceBefore })
    else
      drawnGroups.push({
        state,
        count: visible.filter((status) => status.state === state).length,
        entries: [{ entry, index, spaceBefore }],
      })
  }
  return (
    <div
      ref={scrollRef}
      id={ROTATION_LIST_ID}
      className="rotation-list"
      aria-label="Keys by rotation state"
      aria-rowcount={entries.length}
      {...listboxProps}
    >
      {drawnGroups.map((group) => (
        <ul
          key={group.state}
          className="rotation-group"
          role="rowgroup"
          aria-label={`${ROTATION_STATE_WORDS[group.state].word} ${group.count.toLocaleString('en-US')}`}
          data-state={group.state}
        >
          {group.entries.map(({ entry, index, spaceBefore }) => (
            <Fragment key={entry.kind === 'title' ? `title-${entry.state}` : entry.status.keyId}>
              <ListSpacer height={spaceBefore} />
              {entry.kind === 'title' ? (
                <li role="row" aria-rowindex={index + 1} className="rotation-group-title">
                  <span role="rowheader">
                    {ROTATION_STATE_WORDS[entry.state].word}
                    <span className="rotation-group-count">{entry.count.toLocaleString('en-US')}</span>
                  </span>
                </li>
              ) : (
                <RotationRow
                  status={entry.status}
                  rowIndex={index + 1}
                  record={records[entry.status.keyId]}
                  leakPlace={leakPlaces[entry.status.keyId]}
                  providerName={providerName(records[entry.status.keyId]?.provider ?? null)}
                  maxSnoozeDays={maxSnoozeDays}
                  selected={entry.status.keyId === selectedId}
                  onSelect={selectKey}
                  onChoose={onSelect}
                  onOpen={onOpen}
                  onRotate={onRotate}
                />
              )}
            </Fragment>
          ))}
        </ul>
      ))}
      <ListSpacer as="div" height={spaceAfter} />
    </div>
  )
}
