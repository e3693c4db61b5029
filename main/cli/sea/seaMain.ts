// Entry of the single executable `keyward` (npm run build:cli): loads the native parts beside it
// before any command runs, so a missing or damaged one stops it with a message and changes nothing,
// then runs the CLI exactly as main.ts does under Node.
import { NATIVE_PARTS, loadNativePart } from '../../common/singleExecutable'
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
// Usage needs no native part either.
if (onlyArgument !== '--help' && onlyArgument !== '-h') {
  const problems: string[] = []
  for (const part of Object.values(NATIVE_PARTS)) {
    try {
      loadNativePart(part)
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error))
    }
  }
  if (problems.length > 0) {
    process.stderr.write(`keyward: this keyward (${process.execPath}) cannot run without its native parts:\n`)
    for (const problem of problems) process.stderr.write(`  ${problem}\n`)
    process.exit(1)
  }
}

// Imported only now: a static import would load the CLI, and Argon2 and SQLite's wrappers, first.
// keyward unlock starts this executable again as its agent process (agent/agentArgument.ts).
const entry = args.length === 1 && args[0] === AGENT_PROCESS_ARGUMENT ? import('../agent/agentMain') : import('../main')
entry.catch((error: unknown) => {
  process.stderr.write(`keyward: could not start (${error instanceof Error ? error.name : 'Error'}).\n`)
  process.exit(1)
})
