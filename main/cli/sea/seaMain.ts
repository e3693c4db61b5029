// Entry of the single executable `keyward` (npm run build:cli): loads the native parts beside it
// before any command runs, so a missing or damaged one stops it with a message and changes nothing,
// then runs the CLI exactly as main.ts does under Node.
import { NATIVE_PARTS, loadNativePart } from '../../common/singleExecutable'

// Saying its version or usage needs no native part: that still works from a lone copy.
const ASKS_ONLY_ABOUT_ITSELF = new Set(['--version', '-V', '--help', '-h'])

const args = process.argv.slice(2)
if (!(args.length === 1 && ASKS_ONLY_ABOUT_ITSELF.has(args[0] ?? ''))) {
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
import('../main').catch((error: unknown) => {
  process.stderr.write(`keyward: could not start (${error instanceof Error ? error.name : 'Error'}).\n`)
  process.exit(1)
})
