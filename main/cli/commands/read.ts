// keyward read keyward://KEY: prints one key's value for a script ($(keyward read …)), refusing a
// terminal stdout unless --reveal, so a value is not left on the screen or in its scrollback.
import type { Command } from 'commander'
import { KeywardError } from '../../common/errors'
import { parseReference } from '../../reference-service/index'
import type { CliContext } from '../context'
import { withVaultJob, type GlobalOptions } from '../vaultAccess'

interface ReadOptions {
  reveal?: boolean
  /** false with --no-newline. */
  newline: boolean
}

export const registerRead = (program: Command, context: CliContext): Command =>
  program
    .command('read')
    .description("print one key's value, for a script (refused on a terminal unless --reveal)")
    .argument('<reference>', 'keyward://KEY NAME or keyward://provider/environment/name')
    .option('--reveal', 'print the value even when stdout is a terminal')
    .option('--no-newline', 'print the value without a newline after it')
    .addHelpText(
      'after',
      `
Examples:
  CLIPIA_KEY="$(keyward read "keyward://Clipia prod")" ./deploy.sh
  keyward read keyward://clipia/live/billing | pbcopy
`,
    )
    .action(async (written: string, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & ReadOptions>()
      const reference = parseReference(written)
      // Refused before anything is unlocked or read: the value would stay on the screen.
      if (context.io.stdoutIsTTY && !options.reveal) {
        throw new KeywardError(
          'invalid_argument',
          'Refusing to print a secret on the terminal. Use it in a script ($(keyward read …)), pipe it, or add --reveal if you really mean to see it.',
        )
      }
      const { results } = await withVaultJob(context, options, 'resolve', {
        references: [reference],
        audit: {
          action: 'value read',
          subject: reference.text,
          detail: context.io.stdoutIsTTY ? 'shown on the terminal' : 'printed for a script',
        },
      })
      const result = results[0]
      if (!result) throw new KeywardError('internal', 'The vault gave no answer for the reference.')
      if (!result.ok) throw new KeywardError('not_found', `${result.message} Nothing was printed.`)
      context.io.stdout.write(options.newline ? `${result.value}\n` : result.value)
    })
