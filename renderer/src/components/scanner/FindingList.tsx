// The findings of the last scan as a listbox (arrows move, Enter opens the detail), or what to do when
// there is nothing to list: scan a folder, or nothing was found.
import { useEffect, useMemo } from 'react'
import { useListboxSelection } from '../../hooks/useListboxSelection'
import { useScannerStore, visibleFindings } from '../../stores/scannerStore'
import { EmptyState } from '../shared/EmptyState'
import { FindingRow, findingRowId } from './FindingRow'

export const FINDING_LIST_ID = 'finding-list'

export function FindingList() {
  const results = useScannerStore((state) => state.results)
  const run = useScannerStore((state) => state.run)
  const folder = useScannerStore((state) => state.folder)
  const filter = useScannerStore((state) => state.filter)
  const selectedId = useScannerStore((state) => state.selectedId)
  const selectFinding = useScannerStore((state) => state.selectFinding)
  const setFilter = useScannerStore((state) => state.setFilter)
  const chooseFolder = useScannerStore((state) => state.chooseFolder)
  const startScan = useScannerStore((state) => state.startScan)
  const visible = useMemo(() => visibleFindings(results, filter), [results, filter])
  const { onSelect, onOpen, listboxProps } = useListboxSelection(selectedId, findingRowId, selectFinding)
  // Every finding is drawn (a scan's findings are few), so the selected row can be asked to scroll itself.
  useEffect(() => {
    if (selectedId) document.getElementById(findingRowId(selectedId))?.scrollIntoView({ block: 'nearest' })
  }, [selectedId])

  if (!results) {
    if (run?.state === 'running') return null
    return (
      <EmptyState
        title="Find leaked keys in a folder"
        text="Keyward reads a folder's files, what is staged, and every commit of its git history, and matches your vault's own keys exactly, so it also finds keys without a known prefix. Nothing it finds leaves this machine."
        actions={
          folder
            ? [{ label: 'Scan this folder', onClick: () => void startScan(), primary: true }]
            : [{ label: 'Choose folder…', onClick: () => void chooseFolder(), primary: true }]
        }
      />
    )
  }
  if (results.findings.length === 0) {
    return (
      <EmptyState
        title={results.canceled ? 'Nothing found before the scan was canceled' : 'No leaked keys found'}
        text={
          results.canceled
            ? 'Scan again and let it finish to cover the whole folder.'
            : 'Neither your vault’s keys nor any known key format appear in what was scanned.'
        }
      />
    )
  }
  if (visible.length === 0) {
    return (
      <EmptyState
        title={filter === 'all' ? 'Every finding is set aside' : 'No findings match this filter'}
        text={filter === 'all' ? 'You marked each one a false positive or accepted it.' : undefined}
        actions={[
          {
            label: filter === 'all' ? 'Show set aside' : 'Show all findings',
            onClick: () => setFilter(filter === 'all' ? 'set_aside' : 'all'),
          },
        ]}
      />
    )
  }
  return (
    <ul id={FINDING_LIST_ID} className="finding-list" aria-label="Findings" {...listboxProps}>
      {visible.map((finding) => (
        <FindingRow
          key={finding.fingerprint}
          finding={finding}
          selected={finding.fingerprint === selectedId}
          onSelect={onSelect}
          onOpen={onOpen}
        />
      ))}
    </ul>
  )
}
