// What to scan: the folder (chosen in main's dialog, then kept among the recent ones) and which of its
// working tree, staged index and full history.
import type { ScanScopes } from '#contract'
import { useScannerStore } from '../../stores/scannerStore'

const SCOPES: { scope: keyof ScanScopes; label: string; hint: string }[] = [
  { scope: 'tree', label: 'Working tree', hint: 'every file in the folder: tracked, untracked and git-ignored' },
  { scope: 'index', label: 'Staged', hint: 'what is staged for the next commit' },
  { scope: 'history', label: 'Full history', hint: 'every version of every file in every branch, tag and stash' },
]

export function ScanSetup() {
  const folders = useScannerStore((state) => state.folders)
  const folder = useScannerStore((state) => state.folder)
  const scopes = useScannerStore((state) => state.scopes)
  const running = useScannerStore((state) => state.run?.state === 'running')
  const chooseFolder = useScannerStore((state) => state.chooseFolder)
  const setFolder = useScannerStore((state) => state.setFolder)
  const setScope = useScannerStore((state) => state.setScope)

  return (
    <div className="scan-setup">
      <div className="scan-folder-row">
        {folders.length > 0 ? (
          <select
            className="scan-folder-select mono"
            aria-label="Folder to scan"
            value={folder ?? ''}
            disabled={running}
            onChange={(event) => setFolder(event.target.value)}
          >
            {folders.map((known) => (
              <option key={known.folder} value={known.folder}>
                {known.shown}
              </option>
            ))}
          </select>
        ) : (
          <span className="scan-folder-none">No folder chosen yet</span>
        )}
        <button type="button" className="button button-small" disabled={running} onClick={() => void chooseFolder()}>
          Choose folder…
        </button>
      </div>
      <fieldset className="scan-scopes" disabled={running}>
        <legend className="visually-hidden">What to scan</legend>
        {SCOPES.map(({ scope, label, hint }) => (
          <label key={scope} className="scan-scope" title={hint}>
            <input
              type="checkbox"
              checked={scopes[scope]}
              onChange={(event) => setScope(scope, event.target.checked)}
            />
            {label}
          </label>
        ))}
      </fieldset>
    </div>
  )
}
