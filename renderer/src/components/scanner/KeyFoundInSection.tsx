// The key's detail: where scans last found its values, grouped by exposure (exposed copies, copies stored
// here in plain text, places seen before Keyward recorded which), with what to do about each, and Scan
// again for the folders the Scanner was pointed at. A key no scan has found has no such section: there
// is nothing to act on. Asked again when a scan ends and when the key gets a new value.
import { useEffect, useState } from 'react'
import type { KeyRecord, KeySighting } from '#contract'
import { scanFolderAgain, scannedFromHere } from '../../actions/scanFolderAgain'
import { callKeyward } from '../../api/callKeyward'
import { sightingFolders } from '../../format/keySightings'
import { folderName } from '../../format/scanFindings'
import { useScannerStore } from '../../stores/scannerStore'
import { useUiStore } from '../../stores/uiStore'
import { SightingGroups } from './SightingGroups'

function ScanAgain({ sightings }: { sightings: readonly KeySighting[] }) {
  const knownFolders = useScannerStore((state) => state.folders)
  const loadFolders = useScannerStore((state) => state.loadFolders)
  const running = useScannerStore((state) => state.run?.state === 'running')
  const showSection = useUiStore((state) => state.showSection)
  useEffect(() => {
    void loadFolders()
  }, [loadFolders])
  const folders = sightingFolders(sightings)
  const rescannable = folders.filter((folder) => scannedFromHere(knownFolders, folder))
  // Scanned with keyward scan, or chosen so long ago that the Scanner no longer lists them.
  const others = folders.filter((folder) => !scannedFromHere(knownFolders, folder))
  return (
    <p className="sighting-rescan">
      {rescannable.map((folder) => (
        <button
          key={folder}
          type="button"
          className="button button-small"
          disabled={running}
          title={running ? 'A scan is running' : folder}
          onClick={() => void scanFolderAgain(folder)}
        >
          Scan {folderName(folder)} again
        </button>
      ))}
      {others.length > 0 ? (
        <span className="muted">
          To scan {others.map(folderName).join(', ')} again,{' '}
          <button type="button" className="link-button" onClick={() => showSection('scanner')}>
            choose {others.length === 1 ? 'it' : 'them'} in the Scanner
          </button>
          .
        </span>
      ) : null}
    </p>
  )
}

export function KeyFoundInSection({ record }: { record: KeyRecord }) {
  // A new report (a scan ended, a finding set aside) may have moved where the key is seen.
  const report = useScannerStore((state) => state.results)
  const [sightings, setSightings] = useState<KeySighting[]>([])
  useEffect(() => {
    let current = true
    void callKeyward('listKeySightings', { id: record.id }).then((result) => {
      if (current && result.ok) setSightings(result.value)
    })
    return () => {
      current = false
    }
  }, [record.id, record.versionCount, report])
  if (sightings.length === 0) return null
  const titleId = `found-in-title-${record.id}`
  return (
    <section className="detail-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="detail-section-title">
        Found in <span className="detail-section-count">{sightings.length}</span>
      </h3>
      <SightingGroups keyId={record.id} sightings={sightings} headingLevel={4} showVersions={record.versionCount > 1} />
      <ScanAgain sightings={sightings} />
    </section>
  )
}
