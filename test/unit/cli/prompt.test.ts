// The hidden prompt and the yes/no question, driven by a scripted terminal.
import { describe, expect, it } from 'vitest'
import { PromptCanceled, confirm, promptHidden } from '../../../main/cli/prompt'
import { FakeTerminal } from './fakeCliIo'

describe('the hidden prompt', () => {
  it('reads a line in raw mode, shows only the question, and restores the terminal', async () => {
    const terminal = new FakeTerminal().type('s3cret value\r')
    await expect(promptHidden(terminal, 'Master password: ')).resolves.toBe('s3cret value')
    expect(terminal.shown).toBe('Master password: \n')
    expect(terminal.rawModes).toEqual([true, false])
    expect(terminal.input.isRaw).toBe(false)
  })

  it('applies Backspace and Ctrl-U, and ignores arrow keys and other control characters', async () => {
    const terminal = new FakeTerminal().type('wrong\u0015pa\u001b[Dss\u0007x\u007fwörd\u001b[200~!\u001b[201~\r')
    await expect(promptHidden(terminal, '? ')).resolves.toBe('passwörd!')
    expect(terminal.shown).toBe('? \n')
  })

  it('keeps what was typed ahead for the next question', async () => {
    const terminal = new FakeTerminal().type('first\r\nsecond\r')
    await expect(promptHidden(terminal, 'one: ')).resolves.toBe('first')
    await expect(promptHidden(terminal, 'two: ')).resolves.toBe('second')
  })

  it('is canceled by Ctrl-C, and by Ctrl-D on an empty line', async () => {
    await expect(promptHidden(new FakeTerminal().type('abc\u0003'), '? ')).rejects.toBeInstanceOf(PromptCanceled)
    await expect(promptHidden(new FakeTerminal().type('\u0004'), '? ')).rejects.toBeInstanceOf(PromptCanceled)
    const terminal = new FakeTerminal()
    terminal.input.end()
    await expect(promptHidden(terminal, '? ')).rejects.toBeInstanceOf(PromptCanceled)
  })
})

describe('the confirmation', () => {
  it('takes only y or yes as yes, and echoes the answer in raw mode', async () => {
    const yes = new FakeTerminal().type('Yes\r')
    await expect(confirm(yes, 'Import 2 keys?')).resolves.toBe(true)
    expect(yes.shown).toBe('Import 2 keys? [y/N] Yes\n')
    await expect(confirm(new FakeTerminal().type('\r'), 'Import?')).resolves.toBe(false)
    await expect(confirm(new FakeTerminal().type('no\r'), 'Import?')).resolves.toBe(false)
    await expect(confirm(new FakeTerminal().type('yep\r'), 'Import?')).resolves.toBe(false)
  })
})
