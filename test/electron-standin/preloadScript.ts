// Runs the app's bundled preload (webPreferences.preload) in each new document of a window, with a
// require('electron') that gives it contextBridge and ipcRenderer: invoke goes to main through a
// Playwright binding (windows.ts), which the script takes out of the page's reach before the page runs.
export const IPC_BINDING = '__electronStandinInvoke'

export const buildPreloadScript = (preloadSource: string): string => `(() => {
  const invoke = globalThis[${JSON.stringify(IPC_BINDING)}]
  delete globalThis[${JSON.stringify(IPC_BINDING)}]
  // Electron runs the preload in the main frame only (nodeIntegrationInSubFrames is false).
  if (window !== window.top) return
  if (typeof invoke !== 'function') throw new Error('electron stand-in: the IPC binding is missing')
  const contextBridge = Object.freeze({
    exposeInMainWorld(key, api) {
      if (Object.prototype.hasOwnProperty.call(window, key)) throw new Error('Cannot bind an API on top of an existing property on the window object')
      Object.defineProperty(window, key, { value: api, enumerable: true, writable: false, configurable: false })
    },
  })
  const ipcRenderer = Object.freeze({ invoke: (channel, ...args) => invoke(String(channel), args) })
  const electron = Object.freeze({ contextBridge, ipcRenderer })
  // A sandboxed preload may require electron and little else; this app's needs only electron.
  const require = (name) => {
    if (name === 'electron') return electron
    throw new Error('module not found: ' + name)
  }
  const module = { exports: {} }
  ;(function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports)
})()
`
