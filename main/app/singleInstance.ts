// One Keyward at a time: one process owns the vault file, so a second launch hands over to the
// first, which brings its window forward, and quits (its --vault argument is ignored). Takes minimal
// app and window shapes so a test drives it with fakes.
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean
  quit(): void
  on(event: 'second-instance', listener: () => void): unknown
}

export interface FocusableWindow {
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  show(): void
  focus(): void
}

/** Brings the window forward: restored if minimized, shown if hidden, focused. */
export const focusWindow = (window: FocusableWindow | null): void => {
  if (window === null || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

/**
 * Takes the single-instance lock. The first instance answers true and from then on focuses its
 * window whenever another launch starts; a later one asks the app to quit and answers false, and
 * must then start nothing (no window, no vault).
 */
export const claimSingleInstance = (app: SingleInstanceApp, currentWindow: () => FocusableWindow | null): boolean => {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => focusWindow(currentWindow()))
  return true
}
