// The prompt for a command that asks the open app for values ("keyward run in ~/shop wants Clipia
// prod, Airclou payments"), as Electron's native message box: drawn by the system for main, modal to
// the window, so no page script can draw, move or answer it, and no bridge method reaches it. Deny is
// the default (Enter) and the answer to Escape; main closes the box when its time is up or the vault locks.
import type { MessageBoxOptions } from 'electron'
import type { AskUser, CommandPrompt, PromptAnswer } from '../cli/index'
import { requestInWords } from '../cli/index'
import { keysNamedThenCounted, type MessageBoxLike } from './electronConfirmations'

const DENY = 'Deny'
const ONCE = 'Allow once'
const keysInWords = (names: readonly string[]): string => keysNamedThenCounted(names).join(', ')

export const commandPromptButtons = (prompt: CommandPrompt): string[] =>
  prompt.terminalKnown ? [DENY, ONCE, `Allow this terminal for ${prompt.terminalMinutes} minutes`] : [DENY, ONCE]

export const commandPromptOptions = (prompt: CommandPrompt, signal: AbortSignal): MessageBoxOptions => ({
  type: 'question',
  title: 'Allow a command to use keys?',
  message: `${requestInWords(prompt)} wants ${keysInWords(prompt.keyNames)}`,
  detail: [
    prompt.sentTo.length > 0 ? `It sends them to ${prompt.sentTo.join(', ')} for a test.` : null,
    prompt.extraCa ? 'Its test trusts a CA certificate the command brought.' : null,
    prompt.process ? `Asked by ${prompt.process}` : 'The asking process could not be told.',
    prompt.terminalKnown
      ? `Allow once gives the values to this command only; allowing this terminal lets commands run in the same terminal session have values without asking for ${prompt.terminalMinutes} minutes, until the vault locks.`
      : 'Only this command can be allowed: the terminal it runs in could not be told, or its keys would go to another host.',
    'Deny unless you just ran this command yourself.',
  ]
    .filter((line) => line !== null)
    .join('\n\n'),
  buttons: commandPromptButtons(prompt),
  defaultId: 0,
  cancelId: 0,
  noLink: true,
  signal,
})

/** Asks as a modal of the main window; with no window to belong to, the request is denied. */
export const createCommandPrompt =
  <Window>(dialog: MessageBoxLike<Window>, currentWindow: () => Window | null): AskUser =>
  async (prompt, signal) => {
    const window = currentWindow()
    if (window === null) return 'deny'
    const { response } = await dialog.showMessageBox(window, commandPromptOptions(prompt, signal))
    const answers: PromptAnswer[] = ['deny', 'once', 'terminal']
    return answers[response] ?? 'deny'
  }
