// Scanning again, from a key's "Found in", a folder the Scanner was pointed at before: the Scanner opens
// on that folder and the scan starts with the parts (tree, staged, history) last ticked there. Main
// scans only folders chosen in its dialog, so only such folders are offered (scannedFromHere).
import type { ScanFolderChoice } from '#contract'
import { useScannerStore } from '../stores/scannerStore'
import { useUiStore } from '../stores/uiStore'

export const scannedFromHere = (folders: readonly ScanFolderChoice[], folder: string): boolean =>
  folders.some((known) => known.folder === folder)

export const scanFolderAgain = async (folder: string): Promise<void> => {
  useUiStore.getState().showSection('scanner')
  const scanner = useScannerStore.getState()
  scanner.setFolder(folder)
  await scanner.startScan()
}
