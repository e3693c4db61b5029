// The `keyward` program: global options, the commands a line needs (commandTable.ts), and one place
// where a run ends (an exit code, and a one-line message on stderr when something stopped it).
import { Command, Option } from 'commander'
import { loadCommandsFor, type RegisterCommand } from './commandTable'
import { createCliContext, type CliContext, type CliContextOptions } from './context'
import { describeFailure } from './failures'
import type { CliIo } from './io'
import { VERSION_LINE } from './versionLine'

/**
 * Commander's usage error, reworded for keyward. Commander quotes what it could not use; a secret
 * typed where it does not belong (keyward add NAME VALUE, --password=…) must not be echoed back.
 */
const usageErrorText = (text: string): string => {
  const message = text.replace(/^error: /, '').replace(/(unknown option '[^'=]*)=[^']*'/, "$1=…'")
  if (/^unknown option '--password(=…)?'/.test(message)) {
    return `${message.replace(/\n$/, '')}: a master password is never an argument, where it would stay in shell history and show in ps. Give it with --password-file FILE or --password-stdin, or type it when asked.\n`
  }
  const surplus = /^(too many arguments(?: for '([^']+)')?\. Expected \d+ arguments? but got \d+)(?::.*)?$/s.exec(
    message.trimEnd(),
  )
  if (!surplus) return message
  const valueHint =
    surplus[2] === 'add' || surplus[2] === 'edit'
      ? " A key's value is never an argument: pipe it on stdin or type it at the hidden prompt."
      : ''
  return `${surplus[1]}.${valueHint}\n`
}

/** The program with the commands given (commandTable.ts chooses them for a command line). */
export const createProgram = (context: CliContext, commands: readonly RegisterCommand[]): Command => {
  const { io } = context
  const program = new Command('keyward')
    .description('Keyward on the command line: the API keys in your vault, without the window.')
    .version(VERSION_LINE, '-V, --version')
    .addOption(new Option('--vault <path>', "the vault file (default: $KEYWARD_VAULT, else the app's vault)"))
    .addOption(
      new Option('--password-stdin', 'read the master password from the first line of stdin').conflicts('passwordFile'),
    )
    .addOption(
      new Option(
        '--password-file <file>',
        'read the master password from the first line of FILE (or set $KEYWARD_PASSWORD_FILE)',
      ),
    )
    // Settings below are inherited by every command added after them.
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`keyward: ${usageErrorText(text)}`),
      getOutHelpWidth: () => (io.stdoutIsTTY ? (process.stdout.columns ?? 80) : 100),
      getErrHelpWidth: () => 100,
    })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .exitOverride()
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `
The master password is asked for on the terminal (nothing is shown as you type). Scripts give it with
--password-stdin or --password-file; it is never accepted as an argument, and neither is a key's value.

Examples:
  keyward init
  printf %s "$CLIPIA_KEY" | keyward add "Clipia prod" --tag billing
  keyward list --env live
  keyward export --env test -o .env.test
  keyward test --all
  keyward due
  keyward scan --history
  keyward hook install
  keyward run --env test -- npm test
  keyward inject -i .env.template -o .env
  keyward unlock --for 1h      # then no password until it locks
`,
    )
  for (const register of commands) {
    const command = register(program, context)
    command.showHelpAfterError(`(run "keyward ${command.name()} --help" for usage and examples)`)
  }
  return program
}

/** Runs one command line and answers its exit code; never throws. */
export const runCli = async (argv: readonly string[], io: CliIo, options: CliContextOptions = {}): Promise<number> => {
  const context = createCliContext(io, options)
  try {
    await createProgram(context, await loadCommandsFor(argv)).parseAsync([...argv], { from: 'user' })
    return context.exitCode
  } catch (error) {
    const failure = describeFailure(error, { debug: Boolean(io.env.KEYWARD_DEBUG) })
    if (failure.message) io.stderr.write(`keyward: ${failure.message}\n`)
    return failure.exitCode
  } finally {
    context.dispose()
  }
}
