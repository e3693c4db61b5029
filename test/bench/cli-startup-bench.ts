// Start-up of `keyward`: the single executable (with and without V8's code cache) beside
// `node main/cli/keyward.mjs`, each run alternately so the machine's noise falls on all alike.
// Usage: npx tsx test/bench/cli-startup-bench.ts [--runs N]   (npx electron-vite build first)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT, buildCliExecutable, cliEnvironment } from '../integration/cli/builtCli'

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
// --version loads no native part; `list` on a missing vault loads and checks all three first.
const commands: Record<string, string[]> = {
  '--version': ['--version'],
  'list, no vault (natives loaded)': ['list', '--vault', join(work, 'none.keyward'), '--password-file', '/dev/null'],
}

/**
 * One run's wall time and CPU time (user + system, from wait4's rusage, in microseconds): on a loaded
 * shared machine the CPU time is the steadier figure. python3 does the timing so nothing of Node's
 * own spawn sits in it.
 */
const TIMER = `
import json, os, sys, time
argv = json.loads(sys.argv[1])
devnull = os.open(os.devnull, os.O_RDWR)
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    for fd in (0, 1, 2): os.dup2(devnull, fd)
    os.execv(argv[0], argv)
_, status, usage = os.wait4(pid, 0)
print(json.dumps([(time.perf_counter() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000]))
`
const timeOnce = (command: string[], args: string[]): { wall: number; cpu: number } => {
  const run = spawnSync('python3', ['-c', TIMER, JSON.stringify([...command, ...args])], {
    env,
    cwd: work,
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(run.stderr)
  const [wall, cpu] = JSON.parse(run.stdout) as [number, number]
  return { wall, cpu }
}
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

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
