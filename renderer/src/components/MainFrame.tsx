// The open vault: sidebar, list and detail (or settings), status line, dialogs and toasts.
import { useEffect } from 'react'
import { useActivityReporting } from '../hooks/useActivityReporting'
import { useVaultShortcuts } from '../hooks/useVaultShortcuts'
import { useKeysStore } from '../stores/keysStore'
import { useSessionStore } from '../stores/sessionStore'
import { useUiStore } from '../stores/uiStore'
import { DialogHost } from './DialogHost'
import { KeyDetailPane } from './KeyDetailPane'
import { KeyListPane } from './KeyListPane'
import { SettingsPane } from './SettingsPane'
import { Sidebar } from './Sidebar'
import { StatusLine } from './StatusLine'

export function MainFrame() {
  const section = useUiStore((state) => state.section)
  const keyCount = useSessionStore((state) => state.status?.keyCount ?? null)
  const loadKeys = useKeysStore((state) => state.loadKeys)
  const loadProviders = useKeysStore((state) => state.loadProviders)
  useVaultShortcuts()
  useActivityReporting()

  useEffect(() => {
    void loadProviders()
  }, [loadProviders])

  // The key count in the status also moves when keys change outside this window (the CLI): reload then.
  useEffect(() => {
    void loadKeys()
  }, [keyCount, loadKeys])

  return (
    <div className="app-frame">
      <Sidebar />
      {section === 'vault' ? (
        <main className="workspace">
          <KeyListPane />
          <KeyDetailPane />
        </main>
      ) : (
        <main className="workspace workspace-single">
          <SettingsPane />
        </main>
      )}
      <StatusLine />
      <DialogHost />
    </div>
  )
}
