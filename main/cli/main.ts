// Entry point of the `keyward` command (built to out/main/cli.js): runs one command line in this
// process with the real terminal and streams. No Electron here: the services run under plain Node.
// --version answers before anything else is loaded; the rest (commander, zod, the vault's native
// modules) is imported only for a command, with V8's compile cache kept in the user's own folder.
import { enableCompileCache } from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { VERSION_LINE } from './versionLine'

const argv = process.argv.slice(2)

const run = async (): Promise<void> => {
  const { describeFailure } = await import('./failures')
  const { processIo } = await import('./io')
  const { runCli } = await import('./program')

  // Whatever escapes a command still ends as one line on stderr, never a stack trace.
  const failHard = (error: unknown): void => {
    const failure = describeFailure(error, { debug: Boolean(process.env.KEYWARD_DEBUG) })
    process.stderr.write(`keyward: ${failure.message ?? 'failed'}\n`)
    process.exit(failure.exitCode || 1)
  }
  process.on('uncaughtException', failHard)
  process.on('unhandledRejection', failHard)

  // `keyward list | head` closes the pipe early; that is not an error worth reporting.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    failHard(error)
  })

  process.exitCode = await runCli(argv, processIo())
}

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION_LINE}\n`)
} else {
  // The user's own cache folder, never the shared temp folder, where another user could plant code.
  enableCompileCache(
    join(
      process.env.XDG_CACHE_HOME?.startsWith('/') ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache'),
      'keyward',
      'compile-cache',
    ),
  )
  // No top-level await: the single executable (main/cli/sea) runs this file as CommonJS.
  run().catch((error: unknown) => {
    process.stderr.write(`keyward: ${error instanceof Error ? error.message : 'failed'}\n`)
    process.exit(1)
  })
}
