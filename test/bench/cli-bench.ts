// CLI start-up benchmark: the built keyward as a shell runs it, beside `node -e 0` in the same run:
// --version, --help, list through the unlocked agent and with a password file at each vault size, and
// a run's overhead over the bare command. Medians of several runs, wall and CPU time (processTimer.ts;
// the agent's own CPU is not in a command's). A script, never a timed test.
//   npm run build && npm run bench:cli [-- --keys 1000,10000 --runs 9]
//   npm run build:cli && npm run bench:cli -- --executable     (the single executable instead)
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createVault } from '../../main/vault/index'
import { randomToken } from '../support/fakeKeys'
import { BUILT_CLI, CLI_EXECUTABLE, assertCliBuilt, assertExecutableBuilt } from '../integration/cli/builtCli'
import { median, timeProcess, type TimedRun } from './processTimer'

const { values: options } = parseArgs({
  options: {
    keys: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '9' },
    executable: { type: 'boolean', default: false },
  },
})
const SIZES = options.keys.split(',').map(Number)
const RUNS = Number(options.runs)
const PASSWORD = 'benchmark master password'
const KEYWARD = options.executable ? [CLI_EXECUTABLE] : [process.execPath, BUILT_CLI]

if (options.executable) assertExecutableBuilt()
else assertCliBuilt()
const directory = mkdtempSync(join(tmpdir(), 'keyward-cli-bench-'))
const runtime = join(directory, 'run')
mkdirSync(runtime, { mode: 0o700 })
const passwordFile = join(directory, 'password')
writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 })
const baseEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: directory,
  XDG_RUNTIME_DIR: runtime,
  LANG: 'C.UTF-8',
}

/** Median wall and CPU time of a command, in milliseconds; fails loudly when it does not succeed. */
const timed = (argv: readonly string[], env: Record<string, string> = baseEnv): TimedRun => {
  const samples: TimedRun[] = []
  // One run first, not counted: it fills the compile cache and the file system's.
  for (let run = 0; run <= RUNS; run += 1) {
    const sample = timeProcess(argv, { env, cwd: directory })
    if (run > 0) samples.push(sample)
  }
  return { wall: median(samples.map((sample) => sample.wall)), cpu: median(samples.map((sample) => sample.cpu)) }
}
const keyward = (args: readonly string[], env?: Record<string, string>) => timed([...KEYWARD, ...args], env)
const line = (label: string, { wall, cpu }: TimedRun, floor?: TimedRun) =>
  console.log(
    `| ${label} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} |${floor ? ` ${(wall / floor.wall).toFixed(1)}x / ${(cpu / floor.cpu).toFixed(1)}x` : ''} |`,
  )

try {
  console.log(`${KEYWARD.join(' ')}; medians of ${RUNS} runs, milliseconds\n`)
  console.log('| command | wall | CPU | to node -e 0 (wall / CPU) |\n|---|---:|---:|---|')
  const bare = timed([process.execPath, '-e', '0'])
  line('`node -e 0`', bare)
  line('`keyward --version`', keyward(['--version']), bare)
  line('`keyward --help`', keyward(['--help']), bare)
  for (const size of SIZES) {
    const vaultPath = join(directory, `vault-${size}.keyward`)
    const vault = await createVault(vaultPath, PASSWORD)
    vault.keys.addMany(
      Array.from({ length: size }, (_, index) => ({
        name: `bench key ${index}`,
        value: `clipia_live_${randomToken(32)}`,
      })),
    )
    vault.close()
    const env = { ...baseEnv, KEYWARD_VAULT: vaultPath }
    const unlocked = spawnSync(KEYWARD[0]!, [...KEYWARD.slice(1), 'unlock', '--password-stdin'], {
      env,
      input: `${PASSWORD}\n`,
    })
    if (unlocked.status !== 0) throw new Error(`unlock failed: ${unlocked.stderr.toString()}`)
    try {
      line(`\`keyward list\`, ${size} keys, through the agent`, keyward(['list'], env), bare)
      line(`\`keyward list --json\`, ${size} keys, through the agent`, keyward(['list', '--json'], env), bare)
      const bareTrue = timed(['/bin/true'])
      const run = keyward(['run', '--only', 'bench key 1', '--', '/bin/true'], env)
      line(`\`keyward run -- /bin/true\`, ${size} keys, through the agent`, run, bare)
      line(`  its overhead over \`/bin/true\``, { wall: run.wall - bareTrue.wall, cpu: run.cpu - bareTrue.cpu })
    } finally {
      spawnSync(KEYWARD[0]!, [...KEYWARD.slice(1), 'lock'], { env })
    }
    line(`\`keyward list\`, ${size} keys, password file`, keyward(['list', '--password-file', passwordFile], env), bare)
  }
} finally {
  rmSync(directory, { recursive: true, force: true })
}
