// The Tests list: every key (or those matching the outcome filter) as a listbox whose selection
// follows the arrow keys, like the vault's (handled in useVaultShortcuts).
import { useCallback, useEffect, useMemo } from 'react'
import { useNow } from '../../hooks/useNow'
import { useProviderNames } from '../../hooks/useProviderNames'
import { matchesOutcomeFilter, useTestsStore } from '../../stores/testsStore'
import { useUiStore } from '../../stores/uiStore'
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
  const focusDetail = useUiStore((state) => state.focusDetail)
  const showSection = useUiStore((state) => state.showSection)
  const providerName = useProviderNames()
  const now = useNow()
  const visible = useMemo(() => keys.filter((key) => matchesOutcomeFilter(key, filter)), [keys, filter])

  useEffect(() => {
    if (selectedId) document.getElementById(testRowId(selectedId))?.scrollIntoView({ block: 'nearest' })
  }, [selectedId])

  const onOpen = useCallback(
    (id: string) => {
      selectKey(id)
      focusDetail()
    },
    [selectKey, focusDetail],
  )
  const onTest = useCallback((id: string) => void testKey(id), [testKey])

  if (loadError) {
    return (
      <div className="empty-state">
        <p className="empty-title">The keys could not be listed</p>
        <p className="empty-text">{loadError}</p>
      </div>
    )
  }
  if (loaded && keys.length === 0) {
    return (
      <div className="empty-state">
        <p className="empty-title">No keys to test yet.</p>
        <p className="empty-text">Add a key in the Vault; a test sends its provider's read-only verify request and says what the answer means.</p>
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
        <p className="empty-title">No keys with this outcome</p>
        <p className="empty-text">None of the keys' last tests match this filter.</p>
        <div className="empty-actions">
          <button type="button" className="button" onClick={() => setFilter('all')}>
            Show all keys
          </button>
        </div>
      </div>
    )
  }

  return (
    <ul
      id={TEST_LIST_ID}
      className="test-list"
      role="listbox"
      aria-label="Keys and their last tests"
      tabIndex={0}
      aria-activedescendant={selectedId ? testRowId(selectedId) : undefined}
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
          onOpen={onOpen}
          onTest={onTest}
        />
      ))}
    </ul>
  )
}
