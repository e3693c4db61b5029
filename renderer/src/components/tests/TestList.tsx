// The Tests list: every key (or those matching the outcome filter) as a listbox whose selection
// follows the arrow keys, like the vault's (handled in useVaultShortcuts).
import { useCallback, useMemo } from 'react'
import { useListboxSelection } from '../../hooks/useListboxSelection'
import { useNow } from '../../hooks/useNow'
import { useProviderNames } from '../../hooks/useProviderNames'
import { matchesOutcomeFilter, useTestsStore } from '../../stores/testsStore'
import { useUiStore } from '../../stores/uiStore'
import { EmptyState } from '../EmptyState'
import { TestRow, testRowId } from './TestRow'

export const TEST_LIST_ID = 'test-list'

export function TestList() {
  const keys = useTestsStore((state) => state.keys)
  const filter = useTestsStore((state) => state.filter)
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
  const visible = useMemo(() => keys.filter((key) => matchesOutcomeFilter(key, filter)), [keys, filter])

  const { onSelect, onOpen, listboxProps } = useListboxSelection(selectedId, testRowId, selectKey, 'grid')
  const onTest = useCallback((id: string) => void testKey(id), [testKey])

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
      id={TEST_LIST_ID}
      className="test-list"
      aria-label="Keys and their last tests"
      {...listboxProps}
    >
      {visible.map((record) => (
        <TestRow
          key={record.id}
          record={record}
          providerName={providerName(record.provider)}
          selected={record.id === selectedId}
          testing={Boolean(testing[record.id])}
          now={now}
          onSelect={selectKey}
          onChoose={onSelect}
          onOpen={onOpen}
          onTest={onTest}
        />
      ))}
    </ul>
  )
}
