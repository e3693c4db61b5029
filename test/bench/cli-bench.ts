// CLI start-up benchmark: the built keyward as a shell runs it, beside `node -e 0` in the same run:
// --version, --help, list through the unlocked agent and with a password file at each vault size, and
// a run's overhead over the bare command. Medians of several runs. A script, never a timed test.
//   npm run build && npm run bench:cli [-- --keys 1000,10000 --runs 9]
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { createVault } from '../../main/vault/index'
import { randomToken } from '../support/fakeKeys'
import { BUILT_CLI, assertCliBuilt } from '../integration/cli/builtCli'

const { values: options } = parseArgs({
  options: { keys: { type: 'string', default: '1000,10000' }, runs: { type: 'string', default: '9' } },
})
const SIZES = options.keys.split(',').map(Number)
const RUNS = Number(options.runs)
const PASSWORD = 'benchmark master password'

const median = (samples: number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

assertCliBuilt()
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

/** The median wall time of a command, in milliseconds; fails loudly when it does not succeed. */
const timed = (command: string, args: readonly string[], env: Record<string, string> = baseEnv, stdin = ''): number => {
  const samples: number[] = []
  // One run first, not counted: it fills the compile cache and the file system's.
  for (let run = 0; run <= RUNS; run += 1) {
    const start = performance.now()
    const result = spawnSync(command, args, { env, input: stdin, stdio: ['pipe', 'ignore', 'pipe'] })
    const elapsed = performance.now() - start
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.toString()}`)
    if (run > 0) samples.push(elapsed)
  }
  return median(samples)
}
const keyward = (args: readonly string[], env?: Record<string, string>, stdin?: string) =>
  timed(process.execPath, [BUILT_CLI, ...args], env, stdin)
const line = (label: string, ms: number, floor?: number) =>
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms${floor ? `  (${(ms / floor).toFixed(1)}x node -e 0)` : ''}`,
  )

try {
  const bare = timed(process.execPath, ['-e', '0'])
  line('node -e 0', bare)
  line('keyward --version', keyward(['--version']), bare)
  line('keyward --help', keyward(['--help']), bare)
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
    const unlocked = spawnSync(process.execPath, [BUILT_CLI, 'unlock', '--password-stdin'], {
      env,
      input: `${PASSWORD}\n`,
    })
    if (unlocked.status !== 0) throw new Error(`unlock failed: ${unlocked.stderr.toString()}`)
    try {
      line(`keyward list, ${size} keys, through the agent`, keyward(['list'], env), bare)
      line(`keyward list --json, ${size} keys, agent`, keyward(['list', '--json'], env), bare)
      const bareTrue = timed('/bin/true', [])
      const run = keyward(['run', '--only', 'bench key 1', '--', '/bin/true'], env)
      line(`keyward run -- true, ${size} keys, agent`, run, bare)
      console.log(`${'  overhead over /bin/true'.padEnd(44)} ${(run - bareTrue).toFixed(0).padStart(6)} ms`)
    } finally {
      spawnSync(process.execPath, [BUILT_CLI, 'lock'], { env })
    }
    line(`keyward list, ${size} keys, password file`, keyward(['list', '--password-file', passwordFile], env), bare)
  }
} finally {
  rmSync(directory, { recursive: true, force: true })
}
