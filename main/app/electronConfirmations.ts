// The Confirmations main/ipc asks for (main/ipc/confirmations.ts), as Electron's native message box:
// drawn by the system for main, modal to the window, so no page script can draw, move or answer it.
// dialog comes in through a minimal interface so a test checks the options and the cancel paths.
import type { MessageBoxOptions } from 'electron'
import type { Confirmations, WideningRequest } from '../ipc/index'

export interface MessageBoxLike<Window> {
  showMessageBox(window: Window, options: MessageBoxOptions): Promise<{ response: number }>
}

/** Cancel first: it is the default (Enter) and the answer to Escape; Allow must be chosen. */
export const CONFIRM_BUTTONS = ['Cancel', 'Allow'] as const
const ALLOW = CONFIRM_BUTTONS.indexOf('Allow')
/** Names this many keys, then counts the rest. */
const KEYS_NAMED = 10

/** The first keys' names as `shown` writes them, then "N more" for the rest: a message box's key list. */
export const keysNamedThenCounted = (names: readonly string[], shown = (name: string) => name): string[] => {
  const named = names.slice(0, KEYS_NAMED).map(shown)
  if (names.length > KEYS_NAMED) named.push(`${names.length - KEYS_NAMED} more`)
  return named
}

const keysInWords = ({ keyNames, laterKeysOf }: WideningRequest): string => {
  const named = keysNamedThenCounted(keyNames, (name) => `“${name}”`)
  if (laterKeysOf !== null) named.push(`every ${laterKeysOf} key you add later`)
  return named.length === 0 ? 'No key yet.' : `Keys sent there: ${named.join(', ')}.`
}

export const wideningMessageBoxOptions = (request: WideningRequest): MessageBoxOptions => ({
  type: 'warning',
  title: 'Allow keys to go to a new place?',
  message: `Send key values to ${request.hosts.join(', ')}?`,
  detail: [
    `${request.change}.`,
    keysInWords(request),
    request.caCertificate ? `Requests there will also trust the CA certificate ${request.caCertificate}.` : null,
    'Allow this only if you asked for it yourself: whoever runs that host receives the keys each time they are tested.',
  ]
    .filter((line) => line !== null)
    .join('\n\n'),
  buttons: [...CONFIRM_BUTTONS],
  defaultId: CONFIRM_BUTTONS.indexOf('Cancel'),
  cancelId: CONFIRM_BUTTONS.indexOf('Cancel'),
  noLink: true,
})

/** Asks as a modal of the main window; with no window to belong to, nothing is allowed. */
export const createElectronConfirmations = <Window>(
  dialog: MessageBoxLike<Window>,
  currentWindow: () => Window | null,
): Confirmations => ({
  async confirmWiderReach(request) {
    const window = currentWindow()
    if (window === null) return false
    const { response } = await dialog.showMessageBox(window, wideningMessageBoxOptions(request))
    return response === ALLOW
  },
})
