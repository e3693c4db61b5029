// The script the harness serves as /__keyward-bridge.js: it defines window.keyward the way preload
// does in Electron (one function per contract method, nothing else), but each call is a POST to the
// harness. The token comes from the page's URL (?token=…).
import { methodNames } from '#contract'

export const BRIDGE_PATH = '/__keyward-bridge.js'

export const buildBridgeScript =
  (): string => `// Keyward e2e harness bridge: window.keyward over loopback HTTP (tests only).
(() => {
  'use strict'
  const token = new URLSearchParams(window.location.search).get('token') || ''
  const methodNames = ${JSON.stringify(methodNames)}
  const unreachable = (message) => ({ ok: false, error: { code: 'internal', message } })
  const call = async (name, argument) => {
    let response
    try {
      response = await fetch('/rpc/' + encodeURIComponent(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-keyward-token': token },
        body: JSON.stringify({ argument }),
        cache: 'no-store',
      })
    } catch {
      return unreachable('The Keyward test harness is not answering. Is it still running?')
    }
    try {
      return await response.json()
    } catch {
      return unreachable('The Keyward test harness answered something that is not JSON.')
    }
  }
  const api = {}
  for (const name of methodNames) api[name] = (argument) => call(name, argument)
  Object.defineProperty(window, 'keyward', { value: Object.freeze(api), enumerable: true })
})()
`
