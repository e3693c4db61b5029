// keyward run -- COMMAND: runs a command with keys in its environment, so their values are never
// written to disk or typed; variables holding keyward:// references are resolved; the values are
// masked in the command's output unless --no-mask. The command's exit code is keyward's.
import { basename } from 'node:path'
import { Option, type Command } from 'commander'
import { ENVIRONMENTS } from '#contract/contractWords'
import { isReference } from '../../common/referenceScheme'
import { dieOfSameSignal, exitCodeFor, inTerminalForeground, runChildCommand } from '../childProcess'
import type { CliContext } from '../context'
import { stdinFirstLine } from '../stdinFirstLine'
import { CommandStopped } from '../failures'
import { choosePasswordSource, passwordUsesStdin } from '../passwordSource'
import { withVaultJob, type GlobalOptions } from '../vaultAccess'
import { commandEnvironment } from '../commandEnvironment'
import type { RunOptions } from '../keyInjection'
import { printable } from '../table'

/**
 * Each value given, with the mask its output shows instead: as the vault answered them, or (from an
 * agent that sends none) made here, which loads the vault's modules for the mask rule.
 */
const masksOf = async (
  variables: readonly [string, string][],
  masks: readonly string[] | undefined,
): Promise<Map<string, string>> => {
  const maskFor =
    masks?.length === variables.length
      ? (index: number) => masks[index]!
      : await import('../../vault/index').then(
          ({ maskValue }) =>
            (index: number) =>
              maskValue(variables[index]![1]),
        )
  return new Map(variables.map(([, value], index) => [value, maskFor(index)]))
}

// Longer than 80 lines: commander's declaration (options, and help whose examples docs/cli.md
// repeats) with its one action: resolve the references, start the child, mask its output.
export const registerRun = (program: Command, context: CliContext): Command =>
  program
    .command('run')
    .description('run a command with keys in its environment (never written to disk; masked in its output)')
    .usage('[--env E] [--tag T] [--only NAME...] [--no-mask] -- COMMAND [ARGS...]')
    .argument('[command...]', 'the command and its arguments, after --')
    .addOption(new Option('--env <environment>', 'give the keys of this environment').choices(ENVIRONMENTS))
    .option('--tag <tag>', 'give the keys with this tag')
    .option('--only <names...>', 'give only these keys (names, or keyward:// references)')
    .option('--no-mask', "pass the command's output on unmasked (its stdout and stderr stay a terminal)")
    .addHelpText(
      'after',
      `
Each key is given as its env var (keyward edit NAME --env-var VAR), else its provider's (CLIPIA_KEY),
else one made from its name. Variables whose value is a reference (CLIPIA_KEY=keyward://Clipia live)
are resolved too. Two keys landing on one variable is an error, and nothing is run.

The values are masked wherever they appear in the command's stdout and stderr, which are then pipes;
with --no-mask they are Keyward's own (a terminal stays a terminal). stdin is always the command's.
The exit code is the command's; a command killed by a signal ends keyward the same way (128 + n).
Give the password with --password-file when the command reads stdin.

The command is not given Keyward's own variables (KEYWARD_VAULT, KEYWARD_PASSWORD_FILE, any
KEYWARD_*): it gets the keys chosen, not the way to the vault. A command that needs the vault's path
can be given it by hand: keyward run --env test -- env KEYWARD_VAULT="$KEYWARD_VAULT" npm test.

Examples:
  keyward run --env test -- npm test
  keyward run --only "Clipia live" -- ./deploy.sh --prod
  CLIPIA_KEY="keyward://Clipia live" keyward run -- node server.js
  keyward run --env live --no-mask -- psql
`,
    )
    .action(async (words: string[], _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & RunOptions>()
      const { io } = context
      if (words.length === 0) {
        self.error('the command to run is missing: write it after --, as in keyward run --env test -- npm test', {
          exitCode: 2,
          code: 'keyward.run.noCommand',
        })
      }
      // Commander keeps the command line as given in rawArgs (untyped): the only place that shows
      // whether the command came after --.
      const raw = (self.parent as { rawArgs?: string[] } | null)?.rawArgs ?? []
      const separator = raw.indexOf('--')
      if (separator < 0 || raw.length - separator - 1 !== words.length) {
        self.error(
          `put -- before the command, so that its own options are not read as keyward's: keyward run [options] -- ${words.map(printable).join(' ')}`,
          { exitCode: 2, code: 'keyward.run.noSeparator' },
        )
      }
      const references = Object.entries(io.env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && isReference(entry[1]),
      )
      if (!options.env && !options.tag && !options.only && references.length === 0) {
        self.error(
          'choose the keys to give the command with --env, --tag or --only, or set variables to keyward:// references; nothing was run.',
          { exitCode: 2, code: 'keyward.run.nothingChosen' },
        )
      }
      // With --password-stdin, only the password's line is read: the rest of stdin is the command's.
      const source = choosePasswordSource(options, context)
      const vaultContext =
        passwordUsesStdin(source) && io.stdin === process.stdin
          ? { ...context, io: { ...io, stdin: stdinFirstLine() } }
          : context
      const { variables, masks } = await withVaultJob(
        vaultContext,
        options,
        'run',
        { env: options.env, tag: options.tag, only: options.only, references, subject: basename(words[0]!) },
        source,
      )
      const injection = { variables: new Map(variables), masks: await masksOf(variables, masks) }
      const env = commandEnvironment(io.env, injection.variables)
      const [command, ...args] = words
      const end = await runChildCommand(io, {
        command: command!,
        args,
        env,
        cwd: io.cwd,
        masks: options.mask ? injection.masks : null,
        forwardTerminalSignals: !inTerminalForeground(io),
      })
      injection.variables.clear()
      injection.masks.clear()
      if (end.kind === 'not_started') {
        const why =
          end.reason === 'not_found'
            ? 'command not found'
            : end.reason === 'not_executable'
              ? 'cannot be run (permission denied, or not a program)'
              : `could not be started (${end.code})`
        throw new CommandStopped(`${printable(command!)}: ${why}. Nothing was run.`, exitCodeFor(end))
      }
      // The real process dies of the command's signal, so its parent sees what happened.
      if (end.kind === 'signaled' && io.stdout === process.stdout) await dieOfSameSignal(end.signal)
      context.exitCode = exitCodeFor(end)
    })
