// The options of Keyward's one BrowserWindow. Every web preference that matters for security is
// spelled out here, even where it matches Electron's default, so a test can hold each one.
import type { BrowserWindowConstructorOptions } from 'electron'

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (out/preload/index.cjs). */
  preloadPath: string
  /** The OS prefers a dark theme: paint the window's background to match before the page loads. */
  dark: boolean
  /** Allow opening DevTools (development builds only). */
  devTools?: boolean
}

export const LIGHT_BACKGROUND = '#ffffff'
export const DARK_BACKGROUND = '#1b1c1f'

export const createWindowOptions = ({
  preloadPath,
  dark,
  devTools = false,
}: WindowOptionsInput): BrowserWindowConstructorOptions => ({
  title: 'Keyward',
  width: 1180,
  height: 760,
  minWidth: 760,
  minHeight: 480,
  // Shown on ready-to-show, so the user never sees an empty frame.
  show: false,
  backgroundColor: dark ? DARK_BACKGROUND : LIGHT_BACKGROUND,
  webPreferences: {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Middle-click (auxclick) is another way to open a link in a new window; the page needs none.
    disableBlinkFeatures: 'Auxclick',
    devTools,
  },
})
