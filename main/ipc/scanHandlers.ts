// The contract's scan methods: the folders the user chose in main's dialog, one background scan, its
// results, findings set aside or tested, and where a scan last saw a key.
import { sightingsForWindow } from '../scan-service/index'
import type { Handlers } from './handlerTypes'
import type { MainServices } from './services'

type ScanHandlers = Pick<
  Handlers,
  | 'chooseScanFolder'
  | 'listScanFolders'
  | 'startScan'
  | 'getScanRun'
  | 'cancelScan'
  | 'getScanResults'
  | 'ignoreScanFinding'
  | 'unignoreScanFinding'
  | 'testScanFinding'
  | 'copyScanFindingPath'
  | 'listKeySightings'
>

/** Scans from the app, each a call into the scan service. */
export const createScanHandlers = ({ session, clipboard, dialogs, scans }: MainServices): ScanHandlers => ({
  chooseScanFolder: async () => {
    session.vault()
    const folder = await dialogs.chooseFolderToScan()
    if (folder === null) return { canceled: true as const }
    const remembered = scans.rememberFolder(folder)
    return { canceled: false as const, folder: remembered, shown: session.displayPath(remembered) }
  },
  listScanFolders: () => scans.recentFolders().map((folder) => ({ folder, shown: session.displayPath(folder) })),
  startScan: ({ folder, scopes }) => scans.start(folder, scopes),
  getScanRun: () => scans.status(),
  cancelScan: () => scans.cancel(),
  getScanResults: () => {
    session.vault()
    return scans.results()
  },
  ignoreScanFinding: ({ fingerprint, reason }) => scans.ignore(fingerprint, reason),
  unignoreScanFinding: ({ fingerprint }) => scans.unignore(fingerprint),
  testScanFinding: ({ fingerprint }) => scans.testFinding(fingerprint),
  copyScanFindingPath: async ({ fingerprint }) => {
    session.vault()
    const path = scans.findingPath(fingerprint)
    await clipboard.copyText(path)
    return { shown: session.displayPath(path) }
  },
  listKeySightings: ({ id }) => {
    const vault = session.vault()
    vault.keys.get(id)
    return sightingsForWindow(vault.scans.sightingsOf(id))
  },
})
