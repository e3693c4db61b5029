// Entry of the single executable `keyward` (npm run build:cli): runs the CLI exactly as main.ts does
// under Node. The native parts beside it are checked and loaded when a command first needs one
// (common/singleExecutable.ts): --version, --help and a command the agent answers load none.
import { AGENT_PROCESS_ARGUMENT } from '../agent/agentArgument'
import { otherKeywardFirstNote } from '../otherKeywardFirst'

/** main/cli/versionLine.ts's VERSION_LINE, put in by the build (main/cli/sea/build.mjs). */
declare const KEYWARD_VERSION_LINE: string

const args = process.argv.slice(2)
const onlyArgument = args.length === 1 ? args[0] : undefined
// Said without loading the CLI at all: 38 ms of CPU instead of 150 (docs/benchmarks.md). It needs no
// native part, so a lone copy still says which keyward it is.
if (onlyArgument === '--version' || onlyArgument === '-V') {
  process.stdout.write(`${KEYWARD_VERSION_LINE}\n`)
  // An older keyward earlier on PATH: said on stderr, so scripts reading the version line are unaffected.
  const note = otherKeywardFirstNote(process.env['PATH'])
  if (note !== null) process.stderr.write(note)
  process.exit(0)
}
// Imported only now: a static import would load the CLI before --version could answer.
// keyward unlock starts this executable again as its agent process (agent/agentArgument.ts).
const entry = args.length === 1 && args[0] === AGENT_PROCESS_ARGUMENT ? import('../agent/agentMain') : import('../main')
entry.catch((error: unknown) => {
  process.stderr.write(`keyward: could not start (${error instanceof Error ? error.name : 'Error'}).\n`)
  process.exit(1)
})
