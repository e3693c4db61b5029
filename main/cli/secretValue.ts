// Reading a key's value: from stdin when something is piped in, else from a hidden prompt. Never
// from an argument, which shell history, `ps` and CI logs would keep.
import { MAX_VALUE_BYTES, SecretValue } from '#contract'
import { KeywardError } from '../common/errors'
import type { CliContext } from './context'
import { passwordUsesStdin, type PasswordSource } from './passwordSource'
import { promptHidden } from './prompt'
import { readAllWithoutFinalNewline } from './stdinText'

export type ValueSource = 'stdin' | 'prompt'

/** Stdin when it is a pipe or a file, the terminal otherwise; checked before anything is read. */
export const chooseValueSource = (
  context: CliContext,
  passwordSource: PasswordSource,
  preferPrompt = false,
): ValueSource => {
  if (preferPrompt || context.io.stdinIsTTY) return 'prompt'
  if (passwordUsesStdin(passwordSource)) {
    throw new KeywardError(
      'invalid_argument',
      'The master password and the key value cannot both come from stdin. Give the password with --password-file FILE (or KEYWARD_PASSWORD_FILE), or run the command in a terminal to be asked for the value.',
    )
  }
  return 'stdin'
}

export const readSecretValue = async (context: CliContext, source: ValueSource, question: string): Promise<string> => {
  let value: string
  if (source === 'stdin') {
    value = await readAllWithoutFinalNewline(context.io.stdin, MAX_VALUE_BYTES, 'The value')
  } else {
    const terminal = context.terminal()
    if (!terminal) {
      throw new KeywardError(
        'invalid_argument',
        'There is no terminal to ask for the value. Pipe it in on stdin instead.',
      )
    }
    value = await promptHidden(terminal, question)
  }
  const checked = SecretValue.safeParse(value)
  if (!checked.success) {
    const reason = checked.error.issues[0]?.message ?? 'The key value is not valid'
    throw new KeywardError(
      'invalid_argument',
      `${reason}${source === 'stdin' ? ' (read from stdin)' : ''}; nothing was stored.`,
    )
  }
  return value
}
