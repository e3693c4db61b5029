// The Tests list: every key (or those matching the outcome filter) as a grid drawn a screenful at a
// time, whose selection follows the arrow keys, Home/End and PageUp/PageDown like the vault's
// (handled in useVaultShortcuts).
import { Fragment, useCallback, useMemo } from 'react'
import { useListboxSelection } from '../../hooks/useListboxSelection'
import { useNow } from '../../hooks/useNow'
import { useProviderNames } from '../../hooks/useProviderNames'
import { useVirtualRows } from '../../hooks/useVirtualRows'
import { useTestsStore, visibleTestKeys } from '../../stores/testsStore'
import { useUiStore } from '../../stores/uiStore'
import { EmptyState } from '../shared/EmptyState'
import { ListSpacer } from '../shared/ListSpacer'
import { TestRow, testRowId } from './TestRow'

export const TEST_LIST_ID = 'test-list'
/** .test-row's height in tests.css. */
const TEST_ROW_HEIGHT = 48
const testRowHeight = (): number => TEST_ROW_HEIGHT

export function TestList() {
  const keys = useTestsStore((state) => state.keys)
  const loaded = useTestsStore((state) => state.loaded)
  const loadError = useTestsStore((state) => state.loadError)
  const selectedId = useTestsStore((state) => state.selectedId)
  const testing = useTestsStore((state) => state.testing)
  const selectKey = useTestsStore((state) => state.selectKey)
  const setFilter = useTestsStore((state) => state.setFilter)
  const testKey = useTestsStore((state) => state.testKey)
  const showSection = useUiStore((state) => state.showSection)
  const providerName = useProviderNames()
  const now = useNow()
  const visible = useTestsStore(visibleTestKeys)
  const inFlight = useTestsStore((state) => (state.run?.state === 'running' ? state.run.inFlight : undefined))
  // Keys under way in a Test all, beside those tested one at a time: their rows say "Testing…".
  const underWay = useMemo(() => new Set(inFlight ?? []), [inFlight])

  const { onSelect, onOpen, listboxProps } = useListboxSelection(selectedId, testRowId, selectKey, 'grid')
  const onTest = useCallback((id: string) => void testKey(id), [testKey])
  const selectedIndex = useMemo(() => visible.findIndex((key) => key.id === selectedId), [visible, selectedId])
  const { scrollRef, rows, spaceAfter } = useVirtualRows<HTMLUListElement>({
    count: visible.length,
    rowHeight: testRowHeight,
    selectedIndex,
  })

  if (loadError) return <EmptyState title="The keys could not be listed" text={loadError} />
  if (loaded && keys.length === 0) {
    return (
      <EmptyState
        title="No keys to test yet."
        text="Add a key in the Vault; a test sends its provider's read-only verify request and says what the answer means."
        actions={[{ label: 'Go to the vault', onClick: () => showSection('vault') }]}
      />
    )
  }
  if (loaded && visible.length === 0) {
    return (
      <EmptyState
        title="No keys with this outcome"
        text="None of the keys' last tests match this filter."
        actions={[{ label: 'Show all keys', onClick: () => setFilter('all') }]}
      />
    )
  }

  return (
    <ul
      ref={scrollRef}
      id={TEST_LIST_ID}
      className="test-list"
      aria-label="Keys and their last tests"
      aria-rowcount={visible.length}
      {...listboxProps}
    >
      {rows.map(({ index, spaceBefore }) => {
        const record = visible[index]!
        return (
          <Fragment key={record.id}>
            <ListSpacer height={spaceBefore} />
            <TestRow
              record={record}
              rowIndex={index + 1}
              providerName={providerName(record.provider)}
              selected={record.id === selectedId}
              testing={Boolean(testing[record.id]) || underWay.has(record.id)}
              now={now}
              onSelect={selectKey}
              onChoose={onSelect}
              onOpen={onOpen}
              onTest={onTest}
            />
          </Fragment>
        )
      })}
      <ListSpacer height={spaceAfter} />
    </ul>
  )
}
