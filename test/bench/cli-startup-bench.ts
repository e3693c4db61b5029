// Start-up of `keyward`: the single executable (with and without V8's code cache) beside
// `node main/cli/keyward.mjs`, each run alternately so the machine's noise falls on all alike.
// Usage: npx tsx test/bench/cli-startup-bench.ts [--runs N]   (npx electron-vite build first)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT, buildCliExecutable, cliEnvironment } from '../integration/cli/builtCli'
import { timeProcess, type TimedRun } from './processTimer'
import { median } from './median'

const runsIndex = process.argv.indexOf('--runs')
const RUNS = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 40

const work = mkdtempSync(join(tmpdir(), 'keyward-startup-bench-'))
const withCache = buildCliExecutable(join(work, 'cache'))
const spawnCli = (folder: string): string[] => {
  const built = spawnSync(
    process.execPath,
    [join(PROJECT_ROOT, 'main/cli/sea/build.mjs'), '--out', folder, '--no-code-cache'],
    { encoding: 'utf8' },
  )
  if (built.status !== 0) throw new Error(built.stderr)
  return [join(folder, 'keyward')]
}
const withoutCache = spawnCli(join(work, 'no-cache'))

const env = cliEnvironment(work)
const contenders: Record<string, string[]> = {
  'node main/cli/keyward.mjs': [process.execPath, join(PROJECT_ROOT, 'main/cli/keyward.mjs')],
  'keyward executable, code cache': [withCache],
  'keyward executable, no code cache': withoutCache,
}
// --version loads nothing of the CLI; `list` of a missing vault loads the command and the vault's
// modules (no native part: it stops before opening anything).
const commands: Record<string, string[]> = {
  '--version': ['--version'],
  'list, no vault': ['list', '--vault', join(work, 'none.keyward'), '--password-file', '/dev/null'],
}

const timeOnce = (command: string[], args: string[]): TimedRun =>
  timeProcess([...command, ...args], { env, cwd: work, anyExit: true })

console.log(`${RUNS} runs each, alternating; milliseconds from start to exit (wall) and of CPU (user + system)\n`)
console.log('| command | contender | wall median | wall p10 | CPU median | CPU p10 |\n|---|---|---:|---:|---:|---:|')
for (const [commandName, args] of Object.entries(commands)) {
  const times: Record<string, { wall: number; cpu: number }[]> = Object.fromEntries(
    Object.keys(contenders).map((name) => [name, []]),
  )
  for (const command of Object.values(contenders)) timeOnce(command, args) // warm the page cache
  for (let run = 0; run < RUNS; run++) {
    for (const [name, command] of Object.entries(contenders)) times[name]!.push(timeOnce(command, args))
  }
  for (const [name, values] of Object.entries(times)) {
    const p10 = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 10)]!.toFixed(1)
    const walls = values.map((value) => value.wall)
    const cpus = values.map((value) => value.cpu)
    console.log(
      `| \`${commandName}\` | ${name} | ${median(walls).toFixed(1)} | ${p10(walls)} | ${median(cpus).toFixed(1)} | ${p10(cpus)} |`,
    )
  }
}
rmSync(work, { recursive: true, force: true })
