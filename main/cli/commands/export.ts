// keyward export --env ENV: write an environment's keys as NAME=value lines, to a private file
// (mode 0600, never through a symlink) or to a pipe; to a terminal only when asked explicitly.
import { resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { ENVIRONMENTS, type Environment } from '#contract'
import { KeywardError } from '../../common/errors'
import { checkPrivateFileDestination, writeEnvFile } from '../../envfile/index'
import type { CliContext } from '../context'
import { quoted } from '../keyDisplay'
import { withVaultJob, type GlobalOptions } from '../vaultAccess'

interface ExportOptions {
  env: Environment
  output?: string
  stdout?: boolean
  force?: boolean
}

export const registerExport = (program: Command, context: CliContext): Command =>
  program
    .command('export')
    .description("write an environment's keys as a .env file (NAME=value lines)")
    .addOption(
      new Option('--env <environment>', 'the environment to export').choices(ENVIRONMENTS).makeOptionMandatory(),
    )
    .option('-o, --output <file>', 'write to FILE (created with mode 0600)')
    .option('--force', 'replace FILE if it exists')
    .option('--stdout', 'print to stdout even when it is a terminal')
    .addHelpText(
      'after',
      `
Without -o the lines go to stdout, but only into a pipe or a file: printing secrets on a terminal
needs --stdout. Each key is exported under its env var (or a name made from its key name).

Examples:
  keyward export --env test -o .env.test
  keyward export --env live | ssh deploy@host 'cat > app/.env'
  keyward export --env test --stdout
`,
    )
    .action(async (_options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & ExportOptions>()
      const { io } = context
      const path = options.output === undefined ? undefined : resolve(io.cwd, options.output)
      if (path === undefined && io.stdoutIsTTY && !options.stdout) {
        throw new KeywardError(
          'invalid_argument',
          'Refusing to print secrets on the terminal. Write them to a file with -o FILE, pipe them, or add --stdout if you really mean it.',
        )
      }
      // Before the password is asked for: a destination that cannot be written is said at once.
      if (path !== undefined) checkPrivateFileDestination(path, { replace: Boolean(options.force) })
      const { text, count, clashes } = await withVaultJob(context, options, 'export', {
        env: options.env,
        subject: path ?? 'standard output',
      })
      for (const [variable, keys] of clashes) {
        io.stderr.write(
          `keyward: warning: ${variable} is set by ${keys.length} keys (${keys.map(quoted).join(', ')}); whoever reads the file gets the last one. Give them different env vars with "keyward edit NAME --env-var VAR".\n`,
        )
      }
      const plural = count === 1 ? 'key' : 'keys'
      if (path === undefined) {
        io.stdout.write(text)
        io.stderr.write(`keyward: exported ${count} ${options.env} ${plural}.\n`)
        return
      }
      writeEnvFile(path, text)
      io.stdout.write(`Exported ${count} ${options.env} ${plural} to ${path} (readable only by you).\n`)
    })
