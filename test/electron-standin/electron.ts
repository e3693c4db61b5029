// The `electron` module the built main entry (out/main/index.js) gets when run by the e2e tests'
// stand-in mode (register.mjs): just what main/app uses, each member typed against Electron's own
// declarations so tsc reports a drift, and tsconfig.standin.json type-checks main/app against this
// file. What it guesses about Electron: docs/electron-standin.md. Tests only; never shipped.
// The global Electron namespace comes from electron.d.ts (tsconfig.node.json) or from its copy without
// the ambient module (tsconfig.standin.json).
import './control'

export { app } from './lifecycle'
export { protocol, net } from './schemes'
export { BrowserWindow, WebContents } from './windows'
export { ipcMain } from './ipc'
export { clipboard, dialog, Menu, nativeTheme, Notification, powerMonitor, session, shell } from './system'

// The types main/app names, from Electron's declarations.
export type IpcMainInvokeEvent = Electron.IpcMainInvokeEvent
export type OpenDialogOptions = Electron.OpenDialogOptions
export type SaveDialogOptions = Electron.SaveDialogOptions
export type MessageBoxOptions = Electron.MessageBoxOptions
export type BrowserWindowConstructorOptions = Electron.BrowserWindowConstructorOptions
export type MenuItemConstructorOptions = Electron.MenuItemConstructorOptions
