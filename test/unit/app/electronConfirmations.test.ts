// Main's confirmation of a wider reach as Electron's message box: modal to the window, Cancel first
// and default, the hosts and keys named; anything but Allow is a no.
import { describe, expect, it } from 'vitest'
import type { MessageBoxOptions } from 'electron'
import { createElectronConfirmations, type MessageBoxLike } from '../../../main/app/electronConfirmations'
import type { WideningRequest } from '../../../main/ipc/confirmations'

type Window = { id: number }

const request: WideningRequest = {
  change: "Send Airclou's key tests to https://proxy.example:8443",
  hosts: ['proxy.example:8443'],
  keyNames: ['Airclou prod', 'Airclou staging'],
  laterKeysOf: 'Airclou',
  caCertificate: 'proxy-ca.pem',
}

const scriptedMessageBox = (response: number) => {
  const shown: { window: Window; options: MessageBoxOptions }[] = []
  const dialog: MessageBoxLike<Window> = {
    async showMessageBox(window, options) {
      shown.push({ window, options })
      return { response }
    },
  }
  return { dialog, shown }
}

describe('the Electron confirmation of a wider reach', () => {
  const window: Window = { id: 1 }

  it('asks as a modal of the window, naming the host, the keys and the CA, with Cancel as the default', async () => {
    const { dialog, shown } = scriptedMessageBox(1)
    expect(await createElectronConfirmations(dialog, () => window).confirmWiderReach(request)).toBe(true)
    expect(shown).toHaveLength(1)
    const { options } = shown[0]!
    expect(shown[0]!.window).toBe(window)
    expect(options.message).toBe('Send key values to proxy.example:8443?')
    expect(options.detail).toContain('“Airclou prod”, “Airclou staging”, every Airclou key you add later')
    expect(options.detail).toContain('proxy-ca.pem')
    expect(options.buttons).toEqual(['Cancel', 'Allow'])
    expect(options.defaultId).toBe(0)
    expect(options.cancelId).toBe(0)
  })

  it('answers no for Cancel (or Escape), and asks nothing without a window', async () => {
    expect(
      await createElectronConfirmations(scriptedMessageBox(0).dialog, () => window).confirmWiderReach(request),
    ).toBe(false)
    const { dialog, shown } = scriptedMessageBox(1)
    expect(await createElectronConfirmations(dialog, () => null).confirmWiderReach(request)).toBe(false)
    expect(shown).toHaveLength(0)
  })

  it('names ten keys, then counts the rest', async () => {
    const { dialog, shown } = scriptedMessageBox(0)
    const many = { ...request, keyNames: Array.from({ length: 14 }, (_, index) => `Key ${index}`), laterKeysOf: null }
    await createElectronConfirmations(dialog, () => window).confirmWiderReach(many)
    expect(shown[0]!.options.detail).toContain('“Key 9”, 4 more.')
  })
})
