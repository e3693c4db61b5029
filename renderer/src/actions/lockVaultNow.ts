// Locks the vault at once (the lock button and Ctrl/Cmd+L).
import { useSessionStore } from '../stores/sessionStore'
import { useUiStore } from '../stores/uiStore'

export const lockVaultNow = async (): Promise<void> => {
  const message = await useSessionStore.getState().lockVault()
  if (message) useUiStore.getState().pushToast(message, 'error')
}
