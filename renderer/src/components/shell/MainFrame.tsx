// The open vault: sidebar, list and detail (vault, tests or rotation) or settings, status line, dialogs and toasts.
import { useEffect, useRef } from 'react'
import { useActivityReporting } from '../../hooks/useActivityReporting'
import { useVaultShortcuts } from '../../hooks/useVaultShortcuts'
import { useKeysStore } from '../../stores/keysStore'
import { useProvidersStore } from '../../stores/providersStore'
import { useTestsStore } from '../../stores/testsStore'
import { useRotationStore } from '../../stores/rotationStore'
import { useSessionStore } from '../../stores/sessionStore'
import { useUiStore } from '../../stores/uiStore'
import { DialogHost } from './DialogHost'
import { KeyDetailPane } from '../vault/KeyDetailPane'
import { KEY_LIST_ID } from '../vault/KeyList'
import { KeyListPane } from '../vault/KeyListPane'
import { SettingsPane } from '../settings/SettingsPane'
import { Sidebar } from './Sidebar'
import { StatusLine } from './StatusLine'
import { TruncationTip } from '../shared/TruncationTip'
import { RotationDetailPane } from '../rotation/RotationDetailPane'
import { RotationListPane } from '../rotation/RotationListPane'
import { TestDetailPane } from '../key-tests/TestDetailPane'
import { TestsListPane } from '../key-tests/TestsListPane'
import { FindingDetailPane } from '../scanner/FindingDetailPane'
import { ScannerListPane } from '../scanner/ScannerListPane'

/**
 * The section's h1, outside its panes: it stays when a narrow window shows the detail instead of the
 * list. Hidden from sight (the toolbar shows the title), not from screen readers. Settings has its own.
 */
function SectionHeading({ section }: { section: string }) {
  return <h1 className="visually-hidden">{section}</h1>
}

/** Back from a pushed detail: the list takes the focus again, its selected row in view. */
const useFocusListOnBack = (): void => {
  const listFocusRequest = useUiStore((state) => state.listFocusRequest)
  useEffect(() => {
    if (listFocusRequest === 0) return
    const list = document.querySelector<HTMLElement>('.workspace :is([role="listbox"], [role="grid"])')
    list?.focus()
    list?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [listFocusRequest])
}

/**
 * The vault just opened (created or unlocked): once its keys are listed, the focus goes where work
 * starts, the key list, or Add key in an empty vault, unless something took it already.
 */
const useFocusWhereWorkStarts = (): void => {
  const loaded = useKeysStore((state) => state.loaded)
  const placed = useRef(false)
  useEffect(() => {
    if (!loaded || placed.current) return
    placed.current = true
    if (document.activeElement && document.activeElement !== document.body) return
    const target =
      document.getElementById(KEY_LIST_ID) ?? document.querySelector<HTMLElement>('.list-toolbar .button-primary')
    target?.focus()
  }, [loaded])
}

export function MainFrame() {
  const section = useUiStore((state) => state.section)
  const detailOpen = useUiStore((state) => state.detailOpen)
  const keyCount = useSessionStore((state) => state.status?.keyCount ?? null)
  const loadKeys = useKeysStore((state) => state.loadKeys)
  const loadProviders = useProvidersStore((state) => state.loadProviders)
  const loadTestKeys = useTestsStore((state) => state.loadKeys)
  const refreshRun = useTestsStore((state) => state.refreshRun)
  const loadOverview = useRotationStore((state) => state.loadOverview)
  // Every new list of keys (an edit, a test, a value changed) may move a due date: the badge follows.
  const keysVersion = useKeysStore((state) => state.keys)
  const testKeysVersion = useTestsStore((state) => state.keys)
  useVaultShortcuts()
  useActivityReporting()
  useFocusListOnBack()
  useFocusWhereWorkStarts()

  useEffect(() => {
    void loadProviders()
    // A run started before this window (re)loaded keeps going in main: pick up its progress.
    void refreshRun()
  }, [loadProviders, refreshRun])

  // The key count in the status also moves when keys change outside this window (the CLI): reload then.
  useEffect(() => {
    void loadKeys()
    void loadTestKeys()
  }, [keyCount, loadKeys, loadTestKeys])

  useEffect(() => {
    void loadOverview()
  }, [keysVersion, testKeysVersion, loadOverview])

  return (
    <div className="app-frame">
      <Sidebar />
      {section === 'vault' ? (
        <main className="workspace" data-detail-open={detailOpen ? '' : undefined}>
          <SectionHeading section="Vault" />
          <KeyListPane />
          <KeyDetailPane />
        </main>
      ) : section === 'tests' ? (
        <main className="workspace" data-detail-open={detailOpen ? '' : undefined}>
          <SectionHeading section="Tests" />
          <TestsListPane />
          <TestDetailPane />
        </main>
      ) : section === 'rotation' ? (
        <main className="workspace" data-detail-open={detailOpen ? '' : undefined}>
          <SectionHeading section="Rotation" />
          <RotationListPane />
          <RotationDetailPane />
        </main>
      ) : section === 'scanner' ? (
        <main className="workspace" data-detail-open={detailOpen ? '' : undefined}>
          <SectionHeading section="Scanner" />
          <ScannerListPane />
          <FindingDetailPane />
        </main>
      ) : (
        <main className="workspace workspace-single">
          <SettingsPane />
        </main>
      )}
      <StatusLine />
      <DialogHost />
      <TruncationTip />
    </div>
  )
}
