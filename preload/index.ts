// The sandboxed preload: exposes window.keyward (one function per contract method) and nothing else.
// Bundled as CommonJS (out/preload/index.cjs); a sandboxed preload may require only 'electron'.
import { contextBridge, ipcRenderer } from 'electron'
import { buildBridgeApi } from './bridge'

contextBridge.exposeInMainWorld(
  'keyward',
  buildBridgeApi((channel, argument) => ipcRenderer.invoke(channel, argument)),
)
