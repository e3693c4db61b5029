// Where the master password comes from: a hidden prompt on the terminal (the default), the first
// line of stdin (--password-stdin), or the first line of a file (--password-file or
// KEYWARD_PASSWORD_FILE). Never from an argument, where it would land in shell history and `ps`.
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { KeywardError } from '../common/errors'
import type { CliContext } from './context'
import { promptHidden } from './prompt'
import { readFirstLine } from './stdinText'

export interface PasswordOptions {
  passwordStdin?: boolean
  passwordFile?: string
}

export type PasswordSource =
  | { kind: 'prompt' }
  | { kind: 'stdin' }
  | { kind: 'file'; path: string; fromEnvironment: boolean }

export const choosePasswordSource = (options: PasswordOptions, context: CliContext): PasswordSource => {
  const { io } = context
  // On a terminal, --password-stdin would echo what is typed: ask with the hidden prompt instead.
  if (options.passwordStdin) return io.stdinIsTTY ? { kind: 'prompt' } : { kind: 'stdin' }
  if (options.passwordFile) return { kind: 'file', path: resolve(io.cwd, options.passwordFile), fromEnvironment: false }
  const fromEnvironment = io.env.KEYWARD_PASSWORD_FILE
  if (fromEnvironment) return { kind: 'file', path: resolve(io.cwd, fromEnvironment), fromEnvironment: true }
  return { kind: 'prompt' }
}

/** True when the password takes stdin, so nothing else (a key's value) can come from there. */
export const passwordUsesStdin = (source: PasswordSource): boolean => source.kind === 'stdin'

const readPasswordFile = (source: Extract<PasswordSource, { kind: 'file' }>, context: CliContext): string => {
  const label = source.fromEnvironment ? `KEYWARD_PASSWORD_FILE (${source.path})` : `The password file ${source.path}`
  let text: string
  try {
    text = readFileSync(source.path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : 'cannot be read'
    throw new KeywardError('invalid_argument', `${label} ${reason}. Its first line must hold the master password.`)
  }
  if (context.io.platform !== 'win32' && (statSync(source.path).mode & 0o077) !== 0) {
    context.io.stderr.write(
      `keyward: warning: ${source.path} can be read by other users; make it private (chmod 600).\n`,
    )
  }
  return text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? ''
}

const promptOrExplain = async (context: CliContext, question: string): Promise<string> => {
  const terminal = context.terminal()
  if (!terminal) {
    throw new KeywardError(
      'invalid_argument',
      'There is no terminal to ask for the master password. Give it with --password-file FILE (or KEYWARD_PASSWORD_FILE), or pipe it with --password-stdin.',
    )
  }
  return promptHidden(terminal, question)
}

const readRaw = async (source: PasswordSource, context: CliContext, question: string): Promise<string> => {
  switch (source.kind) {
    case 'prompt':
      return promptOrExplain(context, question)
    case 'stdin':
      return readFirstLine(context.io.stdin, 'the master password')
    case 'file':
      return readPasswordFile(source, context)
  }
}

const whereEmpty = (source: PasswordSource, password: string): string =>
  password !== ''
    ? ''
    : source.kind === 'stdin'
      ? ' (the first line of stdin was empty)'
      : source.kind === 'file'
        ? ` (the first line of ${source.path} is empty)`
        : ''

/** The master password of an existing vault. */
export const readMasterPassword = async (source: PasswordSource, context: CliContext): Promise<string> => {
  const password = await readRaw(source, context, 'Master password: ')
  // Imported here: choosing the source (a command the agent answers does) needs no schema.
  const { MasterPassword } = await import('#contract')
  const checked = MasterPassword.safeParse(password)
  if (!checked.success) {
    throw new KeywardError(
      'invalid_argument',
      `${checked.error.issues[0]?.message ?? 'Enter the master password'}${whereEmpty(source, password)}.`,
    )
  }
  return password
}

/** Tries a person gets at a new master password on the terminal, as passwd gives. */
export const NEW_PASSWORD_TRIES = 3

/** A new master password: at least 8 characters, and typed twice when it is typed at all. */
export const readNewMasterPassword = async (source: PasswordSource, context: CliContext): Promise<string> => {
  const { NewMasterPassword } = await import('#contract')
  if (source.kind !== 'prompt') {
    const password = await readRaw(source, context, '')
    const checked = NewMasterPassword.safeParse(password)
    if (!checked.success) {
      throw new KeywardError(
        'invalid_argument',
        `${checked.error.issues[0]?.message ?? 'Choose a master password'}${whereEmpty(source, password)}.`,
      )
    }
    return password
  }
  // On a terminal a slip (too short, mistyped the second time) is asked again, not a failed run.
  for (let attempt = 1; ; attempt += 1) {
    const password = await readRaw(source, context, 'New master password (at least 8 characters): ')
    const checked = NewMasterPassword.safeParse(password)
    let problem = checked.success
      ? null
      : (checked.error.issues[0]?.message ?? 'Choose a master password').replace(/\.$/, '')
    if (problem === null && (await readRaw(source, context, 'Type it again: ')) !== password)
      problem = 'The two passwords differ'
    if (problem === null) return password
    if (attempt === NEW_PASSWORD_TRIES) {
      throw new KeywardError(
        'invalid_argument',
        `${problem}; after ${NEW_PASSWORD_TRIES} tries nothing was created. Run keyward init again.`,
      )
    }
    context.terminal()?.output.write(`${problem}. Try again.\n`)
  }
}
