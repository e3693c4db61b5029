// CLI start-up benchmark: the built keyward as a shell runs it, beside `node -e 0` in the same run:
// --version, --help, list through the unlocked agent and with a password file at each vault size, and
// a run's overhead over the bare command. Medians of several runs, wall and CPU time (processTimer.ts;
// the agent's own CPU is not in a command's). A script, never a timed test.
//   npm run build && npm run bench:cli [-- --keys 1000,10000 --runs 9]
//   npm run build:cli && npm run bench:cli -- --executable     (the single executable instead)
//   npm run bench:cli -- --keepassxc   (also keepassxc-cli on the same entries, Argon2id at the vault's cost)
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { readHeader } from '../../main/vault/file/header'
import { createVault, DEFAULT_KDF_COST } from '../../main/vault/index'
import { randomToken } from '../support/fakeKeys'
import { BUILT_CLI, CLI_EXECUTABLE, assertCliBuilt, assertExecutableBuilt } from '../integration/cli/builtCli'
import { keepassxcCommands, keepassxcVersion, makeKdbx, timeOpenMode } from './keepassxcBench'
import { timeProcess, type TimedRun } from './processTimer'
import { median } from './median'

const { values: options } = parseArgs({
  options: {
    keys: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '9' },
    executable: { type: 'boolean', default: false },
    keepassxc: { type: 'boolean', default: false },
  },
})
const SIZES = options.keys.split(',').map(Number)
const RUNS = Number(options.runs)
const PASSWORD = 'benchmark master password'
const KEYWARD = options.executable ? [CLI_EXECUTABLE] : [process.execPath, BUILT_CLI]

if (options.executable) assertExecutableBuilt()
else assertCliBuilt()
const KEEPASSXC = options.keepassxc ? keepassxcVersion() : null
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
const timed = (argv: readonly string[], env: Record<string, string> = baseEnv, stdin?: string): TimedRun => {
  const samples: TimedRun[] = []
  // One run first, not counted: it fills the compile cache and the file system's.
  for (let run = 0; run <= RUNS; run += 1) {
    const sample = timeProcess(argv, { env, cwd: directory, stdin })
    if (run > 0) samples.push(sample)
  }
  return { wall: median(samples.map((sample) => sample.wall)), cpu: median(samples.map((sample) => sample.cpu)) }
}
const keyward = (args: readonly string[], env?: Record<string, string>) => timed([...KEYWARD, ...args], env)
const line = (label: string, { wall, cpu }: TimedRun, floor?: TimedRun) =>
  console.log(
    `| ${label} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} |${floor ? ` ${ratio(wall, floor.wall)} / ${ratio(cpu, floor.cpu)}` : ''} | ${load()} |`,
  )
const ratio = (time: number, other: number) => (other > 0 ? `${(time / other).toFixed(1)}x` : '–')
/** Milliseconds, with a decimal under 10 (a command in keepassxc-cli's open database takes about one). */
const ms = (time: number) => time.toFixed(time < 10 ? 1 : 0)
/** Keyward's rows beside keepassxc-cli's, printed after the size's own table. */
const comparisons: string[] = []
const compare = (label: string, mine: TimedRun, theirs: TimedRun) =>
  comparisons.push(
    `| ${label} | ${ms(mine.wall)} / ${ms(mine.cpu)} | ${ms(theirs.wall)} / ${ms(theirs.cpu)} | ${ratio(mine.wall, theirs.wall)} / ${ratio(mine.cpu, theirs.cpu)} |`,
  )
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

const middleTitle = (size: number) => `bench key ${Math.floor(size / 2)}`

/** A Keyward vault of `size` keys, and the same entries in a KeePass database when comparing. */
const makeVaults = async (size: number) => {
  const keys = Array.from({ length: size }, (_, index) => ({
    name: `bench key ${index}`,
    value: `clipia_live_${randomToken(32)}`,
  }))
  const vaultPath = join(directory, `vault-${size}.keyward`)
  const vault = await createVault(vaultPath, PASSWORD)
  vault.keys.addMany(keys)
  vault.close()
  const { kdf } = readHeader(vaultPath)
  console.log(
    `\n${size} keys. Keyward's vault: ${kdf.algorithm}, ${kdf.memoryKiB / 1024} MiB, ${kdf.iterations} passes, ${kdf.parallelism} lanes`,
  )
  if (!KEEPASSXC) return { vaultPath, kdbxPath: null }
  const kdbxPath = join(directory, `vault-${size}.kdbx`)
  const entries = keys.map(({ name, value }) => ({ title: name, password: value }))
  console.log(
    `keepassxc-cli ${KEEPASSXC}'s database, as it saved it: ${makeKdbx(kdbxPath, PASSWORD, DEFAULT_KDF_COST, entries)}`,
  )
  return { vaultPath, kdbxPath }
}

/**
 * keepassxc-cli on the same entries, beside Keyward's rows doing the same (`read` with a password
 * file). The value read is the middle entry's: keepassxc-cli's `show` looks a title up entry by entry.
 */
const compareWithKeepassxc = async (
  size: number,
  kdbxPath: string,
  env: Record<string, string>,
  listed: TimedRun,
  agentRows: Record<string, TimedRun>,
) => {
  const title = middleTitle(size)
  const commands = keepassxcCommands(kdbxPath, PASSWORD, title)
  const read = keyward(['read', `keyward://${title}`, '--password-file', passwordFile], env)
  comparisons.push(
    `\n${size} entries, reading "${title}"; load ${load()}\n`,
    '| derives the key each time | Keyward wall / CPU | keepassxc-cli wall / CPU | Keyward ÷ keepassxc-cli |',
    '|---|---:|---:|---|',
  )
  compare(
    'every entry: `keyward list` / `keepassxc-cli ls -R -f`',
    listed,
    timed(commands.list.argv, baseEnv, commands.list.stdin),
  )
  compare(
    'one value: `keyward read` / `keepassxc-cli show -s -a Password`',
    read,
    timed(commands.show.argv, baseEnv, commands.show.stdin),
  )
  const open = await timeOpenMode(
    kdbxPath,
    PASSWORD,
    { list: 'ls -R -f', show: `show -s -a Password "${title}"` },
    RUNS,
  )
  comparisons.push(
    `\nload ${load()}\n`,
    '| key derived once | Keyward through the agent | keepassxc-cli `open`, a command typed in | Keyward ÷ keepassxc-cli |',
    '|---|---:|---:|---|',
  )
  compare('every entry: `keyward list` / `ls -R -f`', agentRows.list!, open.list!)
  compare('one value: `keyward read` / `show -s -a Password`', agentRows.read!, open.show!)
}

try {
  console.log(
    `${KEYWARD.join(' ')}; medians of ${RUNS} runs, milliseconds; load average (1, 5, 15 min) as each row ended`,
  )
  console.log('\n| command | wall | CPU | to node -e 0 (wall / CPU) | load |\n|---|---:|---:|---|---|')
  const bare = timed([process.execPath, '-e', '0'])
  line('`node -e 0`', bare)
  line('`keyward --version`', keyward(['--version']), bare)
  line('`keyward --help`', keyward(['--help']), bare)
  for (const size of SIZES) {
    const { vaultPath, kdbxPath } = await makeVaults(size)
    const env = { ...baseEnv, KEYWARD_VAULT: vaultPath }
    const unlocked = spawnSync(KEYWARD[0]!, [...KEYWARD.slice(1), 'unlock', '--password-stdin'], {
      env,
      input: `${PASSWORD}\n`,
    })
    if (unlocked.status !== 0) throw new Error(`unlock failed: ${unlocked.stderr.toString()}`)
    const agentRows: Record<string, TimedRun> = {}
    try {
      line(`\`keyward list\`, ${size} keys, through the agent`, (agentRows.list = keyward(['list'], env)), bare)
      line(`\`keyward list --json\`, ${size} keys, through the agent`, keyward(['list', '--json'], env), bare)
      const bareTrue = timed(['/bin/true'])
      const run = keyward(['run', '--only', 'bench key 1', '--', '/bin/true'], env)
      line(`\`keyward run -- /bin/true\`, ${size} keys, through the agent`, run, bare)
      line(`  its overhead over \`/bin/true\``, { wall: run.wall - bareTrue.wall, cpu: run.cpu - bareTrue.cpu })
      if (kdbxPath)
        line(
          `\`keyward read\`, ${size} keys, through the agent`,
          (agentRows.read = keyward(['read', `keyward://${middleTitle(size)}`], env)),
          bare,
        )
    } finally {
      spawnSync(KEYWARD[0]!, [...KEYWARD.slice(1), 'lock'], { env })
    }
    const listed = keyward(['list', '--password-file', passwordFile], env)
    line(`\`keyward list\`, ${size} keys, password file`, listed, bare)
    if (kdbxPath) await compareWithKeepassxc(size, kdbxPath, env, listed, agentRows)
  }
  if (comparisons.length) console.log(`\nBeside keepassxc-cli ${KEEPASSXC}, medians in ms\n\n${comparisons.join('\n')}`)
} finally {
  rmSync(directory, { recursive: true, force: true })
}
