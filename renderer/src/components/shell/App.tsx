// Chooses the screen from the vault's state: create (first run), unlock, or the open vault. Leaving the
// open vault (a lock of any kind) drops the lists, the selection, test results, due dates, providers and any dialog.
import { useEffect } from 'react'
import { useStatusPolling } from '../../hooks/useStatusPolling'
import { useKeysStore } from '../../stores/keysStore'
import { useProvidersStore } from '../../stores/providersStore'
import { useRotationStore } from '../../stores/rotationStore'
import { useScannerStore } from '../../stores/scannerStore'
import { useTestsStore } from '../../stores/testsStore'
import { useSessionStore } from '../../stores/sessionStore'
import { useReauthStore } from '../../stores/reauthStore'
import { useUiStore } from '../../stores/uiStore'
import { CreateVaultScreen } from '../lock/CreateVaultScreen'
import { MainFrame } from './MainFrame'
import { ReauthDialog } from '../lock/ReauthDialog'
import { ToastStack } from './ToastStack'
import { UnlockScreen } from '../lock/UnlockScreen'

function ScreenForState() {
  const status = useSessionStore((state) => state.status)
  const statusError = useSessionStore((state) => state.statusError)
  if (!status) {
    return (
      <main className="lock-screen" aria-busy={!statusError}>
        {statusError ? (
          <p className="error-message" role="alert">
            {statusError}
          </p>
        ) : null}
      </main>
    )
  }
  switch (status.state) {
    case 'missing':
      return <CreateVaultScreen vaultPath={status.vaultPath} />
    case 'locked':
      return <UnlockScreen status={status} />
    case 'unlocked':
      return <MainFrame />
  }
}

export function App() {
  const vaultState = useSessionStore((state) => state.status?.state)
  useStatusPolling()

  useEffect(() => {
    if (vaultState !== 'unlocked') {
      useKeysStore.getState().reset()
      useTestsStore.getState().reset()
      useProvidersStore.getState().reset()
      useRotationStore.getState().reset()
      useScannerStore.getState().reset()
      useUiStore.getState().reset()
      useReauthStore.getState().settle(false)
    }
  }, [vaultState])

  return (
    <>
      <ScreenForState />
      <ToastStack />
      <ReauthDialog />
    </>
  )
}
