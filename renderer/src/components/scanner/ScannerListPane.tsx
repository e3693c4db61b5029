// The Scanner section's middle column: the folder and scopes, Scan, the scan's progress, what the last
// scan covered, filters, and the findings.
import { useEffect } from 'react'
import { useScannerStore } from '../../stores/scannerStore'
import { ListPane } from '../shared/ListPane'
import { FindingFilterChips } from './FindingFilterChips'
import { FindingList } from './FindingList'
import { ScanRunProgress } from './ScanRunProgress'
import { ScanSetup } from './ScanSetup'
import { ScanSummary } from './ScanSummary'

export function ScannerListPane() {
  const folder = useScannerStore((state) => state.folder)
  const scopes = useScannerStore((state) => state.scopes)
  const running = useScannerStore((state) => state.run?.state === 'running')
  const results = useScannerStore((state) => state.results)
  const loadFolders = useScannerStore((state) => state.loadFolders)
  const refreshRun = useScannerStore((state) => state.refreshRun)
  const startScan = useScannerStore((state) => state.startScan)
  const nothingChosen = !scopes.tree && !scopes.index && !scopes.history

  useEffect(() => {
    void loadFolders()
    // A scan started before this window (re)loaded keeps going in main: pick up its progress.
    void refreshRun()
  }, [loadFolders, refreshRun])

  return (
    <ListPane
      title="Scanner"
      actions={
        <button
          type="button"
          className="button button-primary"
          disabled={running || !folder || nothingChosen}
          title={
            !folder
              ? 'Choose a folder first'
              : nothingChosen
                ? 'Choose the working tree, staged files or history'
                : `Scan ${folder}`
          }
          onClick={() => void startScan()}
        >
          {running ? 'Scanning…' : 'Scan'}
        </button>
      }
    >
      <ScanSetup />
      <ScanRunProgress />
      {results && !running ? <ScanSummary results={results} /> : null}
      {!running ? <FindingFilterChips /> : null}
      {!running ? <FindingList /> : null}
    </ListPane>
  )
}
