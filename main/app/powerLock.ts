// Locks the vault when the machine goes to sleep or the screen locks: nobody should find it open
// when they come back. Takes a minimal power monitor so a test drives it with a plain EventEmitter.
export type PowerLockReason = 'suspend' | 'screen-lock'

export interface PowerMonitorLike {
  on(event: 'suspend' | 'lock-screen', listener: () => void): unknown
  removeListener(event: 'suspend' | 'lock-screen', listener: () => void): unknown
}

export interface LockableSession {
  lock(reason: PowerLockReason): void
}

/** Subscribes to suspend and lock-screen; answers a function that unsubscribes both. */
export const wireAutoLock = (
  powerMonitor: PowerMonitorLike,
  session: LockableSession,
  onError: (error: unknown) => void = () => {},
): (() => void) => {
  const lockFor = (reason: PowerLockReason) => () => {
    try {
      session.lock(reason)
    } catch (error) {
      // A failed lock must not take the main process down with it.
      onError(error)
    }
  }
  const onSuspend = lockFor('suspend')
  const onLockScreen = lockFor('screen-lock')
  powerMonitor.on('suspend', onSuspend)
  powerMonitor.on('lock-screen', onLockScreen)
  return () => {
    powerMonitor.removeListener('suspend', onSuspend)
    powerMonitor.removeListener('lock-screen', onLockScreen)
  }
}
