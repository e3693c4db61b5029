// Scan benchmark: Keyward's scanner on a repository's full history and working tree, beside git's own
// floor (one `git cat-file --batch` handing over every unique blob of the history), `git secrets
// --scan-history` (Debian's git-secrets, with patterns for the seed providers' prefixes and AWS) and
// secretlint with its recommended preset (on the tree, and on the history as `git log -p --all`).
// The history twice: blobs read from the packs (the default) and every blob through git cat-file (what
// a machine without the pack reader gets). Medians of several runs; MB/s over the history's unique blob bytes; peak memory; CPU seconds (every
// thread and child process: git's included). Each run measures the floor, the history and the tree one
// after another, with the load average before it, so a busy machine slows a run's floor and scans
// alike: read each run's history against that run's floor. A script, not a test.
//   npm run bench:scan -- PATH [--runs 3] [--vault-values 50] [--no-others]
//   npm run bench:scan -- --synthetic 5000          (generates a repository of N commits first)
//   --findings DIR writes the last run's findings (history.json, tree.json; fingerprints under a fixed key,
//   sorted) so that a change to the scanner can be checked to find exactly what it found before.
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startScan, type ScanReport, type VaultValue } from '../../main/scanner/index'
import { generateSyntheticRepository } from './synthetic-repository'
import { catFileFloor, readTimeFile, timed, type Measured, measureCommand } from './measuredCommands'
import { median } from './median'

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    'vault-values': { type: 'string', default: '50' },
    'no-others': { type: 'boolean', default: false },
    synthetic: { type: 'string' },
    'run-scan': { type: 'string' },
    scope: { type: 'string' },
    'through-cat-file': { type: 'boolean', default: false },
    findings: { type: 'string' },
  },
})
const RUNS = Number(options.runs)
const temporary = mkdtempSync(join(tmpdir(), 'keyward-scan-bench-'))
process.on('exit', () => rmSync(temporary, { recursive: true, force: true }))

const git = (gitDirectory: string, ...args: string[]): string =>
  execFileSync('git', ['--git-dir', gitDirectory, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`

const oneMinuteLoad = (): number => loadavg()[0]!

interface ScanRun extends Measured {
  baselineBytes: number
  /** CPU the child spent before the scan (starting, loading modules). */
  cpuBeforeMilliseconds: number
  findings: number
  withoutCommit: number
  blobs: number
  problems: number
  skipped: ScanReport['skipped']
}

/**
 * In a child process of its own (this script with --run-scan), so its peak memory is the scan's alone;
 * its CPU (threads and git processes) is GNU time's count less what the process spent before the scan.
 */
const runScanInChild = (
  root: string,
  scope: 'tree' | 'history',
  vaultValueCount: number,
  readPacks = true,
): ScanRun => {
  const timeFile = join(temporary, 'scan-time.txt')
  rmSync(timeFile, { force: true })
  const [command, args] = timed(timeFile, '%U %S', process.execPath, [
    ...process.execArgv,
    process.argv[1]!,
    '--run-scan',
    root,
    '--scope',
    scope,
    '--vault-values',
    String(vaultValueCount),
    ...(readPacks ? [] : ['--through-cat-file']),
    ...(options.findings ? ['--findings', resolve(options.findings)] : []),
  ])
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 })
  const line = result.stdout.trim().split('\n').pop() ?? ''
  let run: ScanRun
  try {
    run = JSON.parse(line) as ScanRun
  } catch {
    throw new Error(`The scan child failed: ${result.stderr.slice(-1000)}`)
  }
  const total = readTimeFile(timeFile)
  return { ...run, cpuMilliseconds: total === null ? null : total - run.cpuBeforeMilliseconds }
}

const scanInThisProcess = async (
  root: string,
  scope: 'tree' | 'history',
  vaultValueCount: number,
  readPacks: boolean,
): Promise<void> => {
  const vaultValues = randomVaultValues(vaultValueCount)
  const cpuBefore = process.cpuUsage()
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  const started = performance.now()
  const report = await startScan({
    root,
    scopes: { tree: scope === 'tree', index: false, history: scope === 'history' },
    vaultValues,
    readPacks,
    fingerprintKey: options.findings ? FIXED_FINGERPRINT_KEY : undefined,
  })
  const milliseconds = performance.now() - started
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  const run: ScanRun = {
    milliseconds,
    peakBytes: peak,
    baselineBytes: baseline,
    cpuBeforeMilliseconds: (cpuBefore.user + cpuBefore.system) / 1000,
    findings: report.findings.length,
    withoutCommit: report.findings.filter(
      (finding) => finding.location.kind === 'history' && finding.location.commit === null,
    ).length,
    blobs: report.stats.blobs,
    problems: report.problems.length,
    skipped: report.skipped,
  }
  if (options.findings) saveFindings(options.findings, `${scope}${readPacks ? '' : '-cat-file'}.json`, report)
  console.log(JSON.stringify(run))
}

/** A key of its own for the saved findings' fingerprints, the same in every run, so two runs compare. */
const FIXED_FINGERPRINT_KEY = new Uint8Array(32).fill(7)

/** The report's findings and counts, in an order that does not depend on which worker finished first. */
const saveFindings = (folder: string, name: string, report: ScanReport): void => {
  const sorted = <T>(items: T[]): T[] =>
    items
      .map((item) => JSON.stringify(item))
      .sort()
      .map((line) => JSON.parse(line) as T)
  const { durationMs: _duration, ...stats } = report.stats
  mkdirSync(folder, { recursive: true })
  writeFileSync(
    join(folder, name),
    `${JSON.stringify(
      {
        findings: sorted(report.findings),
        suppressed: sorted(report.suppressed),
        problems: sorted(report.problems),
        skipped: report.skipped,
        stats,
      },
      null,
      1,
    )}\n`,
  )
}

const randomVaultValues = (count: number): VaultValue[] =>
  Array.from({ length: count }, (_, index) => ({
    keyId: `bench-${index}`,
    keyName: `Bench key ${index}`,
    version: 1,
    current: true,
    value: index % 2 ? randomBytes(30).toString('base64url') : `sk_live_${randomBytes(24).toString('base64url')}`,
  }))

const main = async () => {
  let source = positionals[0]
  if (options.synthetic) {
    source = join(temporary, 'synthetic')
    const started = performance.now()
    await generateSyntheticRepository({ path: source, commits: Number(options.synthetic) })
    console.log(
      `Synthetic repository of ${options.synthetic} commits generated in ${seconds(performance.now() - started)}.`,
    )
  }
  if (!source) {
    console.error('Usage: npm run bench:scan -- PATH [--runs 3] [--vault-values 50] [--no-others]   (or --synthetic N)')
    process.exit(2)
  }
  source = resolve(source)
  const gitDirectory = execFileSync('git', ['-C', source, 'rev-parse', '--absolute-git-dir'], {
    encoding: 'utf8',
  }).trim()
  const bare =
    execFileSync('git', ['-C', source, 'rev-parse', '--is-bare-repository'], { encoding: 'utf8' }).trim() === 'true'

  // A work tree to scan: the repository's own, or a checkout of HEAD sharing its objects (nothing is written to it).
  let workTree = source
  if (bare) {
    workTree = join(temporary, 'checkout')
    execFileSync('git', ['clone', '--quiet', '--shared', '--no-tags', source, workTree])
  }

  const commits = Number(git(gitDirectory, 'rev-list', '--all', '--count').trim())
  const objects = execFileSync(
    'git',
    ['--git-dir', gitDirectory, 'rev-list', '--objects', '--all', '--no-object-names'],
    { maxBuffer: 1 << 30 },
  )
  const checked = execFileSync(
    'git',
    ['--git-dir', gitDirectory, 'cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'],
    { input: objects, maxBuffer: 1 << 30 },
  )
    .toString()
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => fields[1] === 'blob')
  const blobIds = `${checked.map((fields) => fields[0]).join('\n')}\n`
  const blobBytes = checked.reduce((sum, fields) => sum + Number(fields[2]), 0)
  const treeBytes = Number(
    execFileSync('git', ['-C', workTree, 'ls-tree', '-r', '-l', 'HEAD'], { encoding: 'utf8', maxBuffer: 1 << 30 })
      .split('\n')
      .reduce((sum, line) => sum + (Number(line.split(/\s+/)[3]) || 0), 0),
  )
  console.log(`Repository: ${source}${bare ? ' (bare; tree from a shared checkout of HEAD)' : ''}`)
  console.log(
    `  ${commits} commits on all refs, ${checked.length} unique blobs (${megabytes(blobBytes)}), tree ${megabytes(treeBytes)}`,
  )
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  )
  console.log(`Runs: ${RUNS} of each (medians below)\n`)

  const vaultValueCount = Number(options['vault-values'])
  const rows: Array<[string, number[], number[], number | null, Array<number | null>]> = []
  const record = (label: string, runs: Measured[], bytes: number | null) => {
    rows.push([
      label,
      runs.map((run) => run.milliseconds),
      runs.map((run) => run.peakBytes),
      bytes,
      runs.map((run) => run.cpuMilliseconds ?? null),
    ])
    console.log(`  ${label}: ${runs.map((run) => seconds(run.milliseconds)).join(', ')}`)
  }

  // Floor, history and tree one after another in each run, so each history has a floor measured beside it.
  const floor: Measured[] = []
  const history: ScanRun[] = []
  const throughCatFile: ScanRun[] = []
  const tree: ScanRun[] = []
  const loads: number[] = []
  for (let run = 0; run < RUNS; run++) {
    loads.push(oneMinuteLoad())
    floor.push(await catFileFloor(join(temporary, 'floor-time.txt'), gitDirectory, blobIds))
    history.push(runScanInChild(source, 'history', vaultValueCount))
    throughCatFile.push(runScanInChild(source, 'history', vaultValueCount, false))
    tree.push(runScanInChild(workTree, 'tree', vaultValueCount))
    const ratio = history[run]!.milliseconds / floor[run]!.milliseconds
    console.log(
      `  run ${run + 1} (load ${loads[run]!.toFixed(2)}): floor ${seconds(floor[run]!.milliseconds)}, history ${seconds(history[run]!.milliseconds)} (${ratio.toFixed(2)}× the floor, peak ${megabytes(history[run]!.peakBytes)}), through cat-file ${seconds(throughCatFile[run]!.milliseconds)}, tree ${seconds(tree[run]!.milliseconds)}`,
    )
  }
  console.log('')
  record('git cat-file --batch, every unique blob (floor)', floor, blobBytes)
  record(`Keyward history (vault matching on, ${vaultValueCount} values)`, history, blobBytes)
  record('Keyward history, every blob through git cat-file (no pack reader)', throughCatFile, blobBytes)
  record('Keyward working tree', tree, treeBytes)
  const ratios = history.map((run, index) => run.milliseconds / floor[index]!.milliseconds)
  console.log(
    `  history ÷ floor, per run: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)}); load ${loads.map((load) => load.toFixed(2)).join(', ')}`,
  )

  if (!options['no-others']) {
    // git-secrets reads its patterns from git config: a config file of our own, nothing written to the repository.
    const secretsConfig = join(temporary, 'gitconfig')
    const patterns = [
      '(A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}',
      'sk_(live|test)_[A-Za-z0-9]{16,}',
      'ac_(live|test)_[A-Za-z0-9]{16,}',
      'clipia_(live|test)_[A-Za-z0-9_-]{16,}',
    ]
    writeFileSync(secretsConfig, `[secrets]\n${patterns.map((pattern) => `\tpatterns = ${pattern}\n`).join('')}`)
    const secretsEnvironment = {
      ...process.env,
      GIT_CONFIG_GLOBAL: secretsConfig,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_DIR: gitDirectory,
    }
    const secrets: Measured[] = []
    for (let run = 0; run < RUNS; run++)
      secrets.push(
        measureCommand(join(temporary, 'time.txt'), 'git', ['secrets', '--scan-history'], secretsEnvironment, workTree),
      )
    record('git secrets --scan-history', secrets, blobBytes)

    const secretlint = resolve('node_modules/.bin/secretlint')
    if (existsSync(secretlint)) {
      const rc = join(temporary, '.secretlintrc.json')
      writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }))
      const treeLint: Measured[] = []
      for (let run = 0; run < RUNS; run++) {
        treeLint.push(
          measureCommand(
            join(temporary, 'time.txt'),
            secretlint,
            ['--secretlintrc', rc, '--no-color', '--format', 'json', '**/*'],
            { ...process.env, NODE_PATH: resolve('node_modules') },
            workTree,
          ),
        )
      }
      record('secretlint (recommended preset), working tree', treeLint, treeBytes)
      const historyLint: Measured[] = []
      const diffFile = join(temporary, 'history.diff')
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now()
        execFileSync('sh', ['-c', `git --git-dir "$1" log -p --all > "$2"`, 'sh', gitDirectory, diffFile])
        const lint = measureCommand(
          join(temporary, 'time.txt'),
          secretlint,
          ['--secretlintrc', rc, '--no-color', '--format', 'json', diffFile],
          process.env,
          workTree,
        )
        // CPU left out: the diff's git log is not counted in it.
        historyLint.push({
          milliseconds: performance.now() - started,
          peakBytes: lint.peakBytes,
          cpuMilliseconds: null,
        })
      }
      record('secretlint, history as `git log -p --all` (diff included)', historyLint, blobBytes)
    }
  }

  const lastHistory = history[history.length - 1]!
  console.log(
    `\nKeyward history: ${lastHistory.findings} findings, ${lastHistory.blobs} blobs, skipped ${JSON.stringify(lastHistory.skipped)}, ${lastHistory.problems} problems; process memory before the scan ${megabytes(lastHistory.baselineBytes)}`,
  )
  console.log(
    `Every history finding tied to a commit: ${lastHistory.withoutCommit === 0 ? 'yes' : `no (${lastHistory.withoutCommit} without)`}`,
  )
  console.log('\n| what | median | MB/s | CPU (median) | peak memory |\n|---|---|---|---|---|')
  for (const [label, times, peaks, bytes, cpus] of rows) {
    const time = median(times)
    const cpu = cpus.filter((value): value is number => value !== null)
    const peak = peaks.filter((value) => value > 0)
    console.log(
      `| ${label} | ${seconds(time)} | ${bytes ? (bytes / 1e6 / (time / 1000)).toFixed(0) : '–'} | ${cpu.length ? seconds(median(cpu)) : '–'} | ${peak.length ? megabytes(Math.max(...peak)) : '–'} |`,
    )
  }
}

if (options['run-scan']) {
  await scanInThisProcess(
    resolve(options['run-scan']),
    options.scope === 'tree' ? 'tree' : 'history',
    Number(options['vault-values']),
    !options['through-cat-file'],
  )
} else await main()
