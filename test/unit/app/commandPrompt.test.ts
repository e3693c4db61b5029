// The prompt for a command asking the open app for values, as Electron's message box: modal to the
// window, naming the command, its folder, the keys and the process; Deny first, default and the
// answer to Escape; "Allow this terminal" only where the terminal is known; closed by main's signal.
import { describe, expect, it } from 'vitest'
import type { MessageBoxOptions } from 'electron'
import { createCommandPrompt } from '../../../main/app/commandPrompt'
import type { MessageBoxLike } from '../../../main/app/electronConfirmations'
import type { CommandPrompt } from '../../../main/cli/index'

type Window = { id: number }
const window: Window = { id: 1 }

const prompt: CommandPrompt = {
  command: 'keyward run',
  folder: '~/shop',
  keyNames: ['Clipia prod', 'Airclou payments'],
  sentTo: [],
  extraCa: false,
  process: 'pid 4242: node /usr/bin/keyward run -- npm start',
  terminalKnown: true,
  terminalMinutes: 10,
}

const scriptedMessageBox = (response: number) => {
  const shown: { window: Window; options: MessageBoxOptions }[] = []
  const dialog: MessageBoxLike<Window> = {
    async showMessageBox(shownOn, options) {
      shown.push({ window: shownOn, options })
      return { response }
    },
  }
  return { dialog, shown }
}

describe("the app's prompt for a command's values", () => {
  it('names the command, its folder, the keys and the process, with Deny as the default, closed by the signal', async () => {
    const { dialog, shown } = scriptedMessageBox(1)
    const signal = new AbortController().signal
    expect(await createCommandPrompt(dialog, () => window)(prompt, signal)).toBe('once')
    const { options } = shown[0]!
    expect(shown[0]!.window).toBe(window)
    expect(options.message).toBe('keyward run in ~/shop wants Clipia prod, Airclou payments')
    expect(options.detail).toContain('Asked by pid 4242: node /usr/bin/keyward run -- npm start')
    expect(options.buttons).toEqual(['Deny', 'Allow once', 'Allow this terminal for 10 minutes'])
    expect(options.defaultId).toBe(0)
    expect(options.cancelId).toBe(0)
    expect(options.signal).toBe(signal)
  })

  it('answers each button, denies without a window, and offers only Allow once for an unknown terminal', async () => {
    const signal = new AbortController().signal
    expect(await createCommandPrompt(scriptedMessageBox(0).dialog, () => window)(prompt, signal)).toBe('deny')
    expect(await createCommandPrompt(scriptedMessageBox(2).dialog, () => window)(prompt, signal)).toBe('terminal')
    const none = scriptedMessageBox(1)
    expect(await createCommandPrompt(none.dialog, () => null)(prompt, signal)).toBe('deny')
    expect(none.shown).toHaveLength(0)
    const unknown = scriptedMessageBox(0)
    await createCommandPrompt(unknown.dialog, () => window)(
      { ...prompt, folder: null, process: null, terminalKnown: false, sentTo: ['proxy.example'] },
      signal,
    )
    expect(unknown.shown[0]!.options.buttons).toEqual(['Deny', 'Allow once'])
    expect(unknown.shown[0]!.options.message).toMatch(/^keyward run in an unknown folder wants/)
    expect(unknown.shown[0]!.options.detail).toContain('It sends them to proxy.example for a test.')
  })
})
