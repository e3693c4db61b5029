// Entry point of the `keyward` command (built to out/main/cli.js): runs one command line in this
// process with the real terminal and streams. No Electron here: the services run under plain Node.
import { describeFailure } from './failures'
import { processIo } from './io'
import { runCli } from './program'

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

// No top-level await: the single executable (main/cli/sea) runs this file as CommonJS.
runCli(process.argv.slice(2), processIo()).then((exitCode) => {
  process.exitCode = exitCode
}, failHard)
