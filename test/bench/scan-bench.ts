// Scan benchmark: Keyward's scanner on a repository's full history and working tree, beside git's own
// floor (one `git cat-file --batch` handing over every unique blob of the history), `git secrets
// --scan-history` (Debian's git-secrets, with patterns for the seed providers' prefixes and AWS) and
// secretlint with its recommended preset (on the tree, and on the history as `git log -p --all`).
// Medians of several runs; MB/s over the history's unique blob bytes; peak memory. A script, not a test.
//   npm run bench:scan -- PATH [--runs 3] [--vault-values 50] [--no-others]
//   npm run bench:scan -- --synthetic 5000          (generates a repository of N commits first)
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startScan, type ScanReport, type VaultValue } from '../../main/scanner/index'
import { generateSyntheticRepository } from './synthetic-repository'

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    'vault-values': { type: 'string', default: '50' },
    'no-others': { type: 'boolean', default: false },
    synthetic: { type: 'string' },
    'run-scan': { type: 'string' },
    scope: { type: 'string' },
  },
})
const RUNS = Number(options.runs)
const temporary = mkdtempSync(join(tmpdir(), 'keyward-scan-bench-'))
process.on('exit', () => rmSync(temporary, { recursive: true, force: true }))

const git = (gitDirectory: string, ...args: string[]): string =>
  execFileSync('git', ['--git-dir', gitDirectory, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })

const median = (values: number[]): number => {
  const sorted = [...values].sort((left, right) => left - right)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`

interface Measured {
  milliseconds: number
  peakBytes: number
}

/** Runs a command, timing it and reading its peak resident memory (GNU time's %M, children included). */
const measureCommand = (command: string, args: string[], environment: NodeJS.ProcessEnv = process.env, cwd?: string, input?: string): Measured & { status: number | null; stderr: string } => {
  const started = performance.now()
  const timeFile = join(temporary, 'time.txt')
  const result = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%M', command, ...args], {
    env: environment,
    cwd,
    input,
    stdio: ['pipe', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  })
  const milliseconds = performance.now() - started
  let peakKilobytes = 0
  try {
    peakKilobytes = Number(execFileSync('tail', ['-1', timeFile], { encoding: 'utf8' }).trim()) || 0
  } catch {}
  return { milliseconds, peakBytes: peakKilobytes * 1024, status: result.status, stderr: result.stderr?.toString().slice(-500) ?? '' }
}

/** git's floor: one cat-file handing every unique blob to a reader (this process), bytes counted. */
const catFileFloor = (gitDirectory: string, blobIds: string): Promise<Measured & { bytes: number }> =>
  new Promise((resolvePromise) => {
    const started = performance.now()
    const child = spawn('git', ['--git-dir', gitDirectory, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'ignore'] })
    let bytes = 0
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length))
    child.stdin.end(blobIds)
    child.on('close', () => resolvePromise({ milliseconds: performance.now() - started, peakBytes: 0, bytes }))
  })

interface ScanRun extends Measured {
  baselineBytes: number
  findings: number
  withoutCommit: number
  blobs: number
  problems: number
  skipped: ScanReport['skipped']
}

/** In a child process of its own (this script with --run-scan), so its peak memory is the scan's alone. */
const runScanInChild = (root: string, scope: 'tree' | 'history', vaultValueCount: number): ScanRun => {
  const result = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--run-scan', root, '--scope', scope, '--vault-values', String(vaultValueCount)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  const line = result.stdout.trim().split('\n').pop() ?? ''
  try {
    return JSON.parse(line) as ScanRun
  } catch {
    throw new Error(`The scan child failed: ${result.stderr.slice(-1000)}`)
  }
}

const scanInThisProcess = async (root: string, scope: 'tree' | 'history', vaultValueCount: number): Promise<void> => {
  const vaultValues = randomVaultValues(vaultValueCount)
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  const started = performance.now()
  const report = await startScan({ root, scopes: { tree: scope === 'tree', index: false, history: scope === 'history' }, vaultValues })
  const milliseconds = performance.now() - started
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  const run: ScanRun = {
    milliseconds,
    peakBytes: peak,
    baselineBytes: baseline,
    findings: report.findings.length,
    withoutCommit: report.findings.filter((finding) => finding.location.kind === 'history' && finding.location.commit === null).length,
    blobs: report.stats.blobs,
    problems: report.problems.length,
    skipped: report.skipped,
  }
  console.log(JSON.stringify(run))
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
    console.log(`Synthetic repository of ${options.synthetic} commits generated in ${seconds(performance.now() - started)}.`)
  }
  if (!source) {
    console.error('Usage: npm run bench:scan -- PATH [--runs 3] [--vault-values 50] [--no-others]   (or --synthetic N)')
    process.exit(2)
  }
  source = resolve(source)
  const gitDirectory = execFileSync('git', ['-C', source, 'rev-parse', '--absolute-git-dir'], { encoding: 'utf8' }).trim()
  const bare = execFileSync('git', ['-C', source, 'rev-parse', '--is-bare-repository'], { encoding: 'utf8' }).trim() === 'true'

  // A work tree to scan: the repository's own, or a checkout of HEAD sharing its objects (nothing is written to it).
  let workTree = source
  if (bare) {
    workTree = join(temporary, 'checkout')
    execFileSync('git', ['clone', '--quiet', '--shared', '--no-tags', source, workTree])
  }

  const commits = Number(git(gitDirectory, 'rev-list', '--all', '--count').trim())
  const objects = execFileSync('git', ['--git-dir', gitDirectory, 'rev-list', '--objects', '--all', '--no-object-names'], { maxBuffer: 1 << 30 })
  const checked = execFileSync('git', ['--git-dir', gitDirectory, 'cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], { input: objects, maxBuffer: 1 << 30 })
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
  console.log(`  ${commits} commits on all refs, ${checked.length} unique blobs (${megabytes(blobBytes)}), tree ${megabytes(treeBytes)}`)
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${loadavg().map((value) => value.toFixed(2)).join(' ')}`)
  console.log(`Runs: ${RUNS} of each (medians below)\n`)

  const vaultValueCount = Number(options['vault-values'])
  const rows: Array<[string, number[], number[], number | null]> = []
  const record = (label: string, times: number[], peaks: number[], bytes: number | null) => {
    rows.push([label, times, peaks, bytes])
    console.log(`  ${label}: ${times.map((time) => seconds(time)).join(', ')}`)
  }

  const floor: Measured[] = []
  for (let run = 0; run < RUNS; run++) floor.push(await catFileFloor(gitDirectory, blobIds))
  record('git cat-file --batch, every unique blob (floor)', floor.map((entry) => entry.milliseconds), [], blobBytes)

  const history: ScanRun[] = []
  for (let run = 0; run < RUNS; run++) history.push(runScanInChild(source, 'history', vaultValueCount))
  record(`Keyward history (vault matching on, ${vaultValueCount} values)`, history.map((entry) => entry.milliseconds), history.map((entry) => entry.peakBytes), blobBytes)

  const tree: ScanRun[] = []
  for (let run = 0; run < RUNS; run++) tree.push(runScanInChild(workTree, 'tree', vaultValueCount))
  record('Keyward working tree', tree.map((entry) => entry.milliseconds), tree.map((entry) => entry.peakBytes), treeBytes)

  if (!options['no-others']) {
    // git-secrets reads its patterns from git config: a config file of our own, nothing written to the repository.
    const secretsConfig = join(temporary, 'gitconfig')
    const patterns = ['(A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}', 'sk_(live|test)_[A-Za-z0-9]{16,}', 'ac_(live|test)_[A-Za-z0-9]{16,}', 'clipia_(live|test)_[A-Za-z0-9_-]{16,}']
    writeFileSync(secretsConfig, `[secrets]\n${patterns.map((pattern) => `\tpatterns = ${pattern}\n`).join('')}`)
    const secretsEnvironment = { ...process.env, GIT_CONFIG_GLOBAL: secretsConfig, GIT_CONFIG_NOSYSTEM: '1', GIT_DIR: gitDirectory }
    const secrets: Measured[] = []
    for (let run = 0; run < RUNS; run++) secrets.push(measureCommand('git', ['secrets', '--scan-history'], secretsEnvironment, workTree))
    record('git secrets --scan-history', secrets.map((entry) => entry.milliseconds), secrets.map((entry) => entry.peakBytes), blobBytes)

    const secretlint = resolve('node_modules/.bin/secretlint')
    if (existsSync(secretlint)) {
      const rc = join(temporary, '.secretlintrc.json')
      writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }))
      const treeLint: Measured[] = []
      for (let run = 0; run < RUNS; run++) {
        treeLint.push(measureCommand(secretlint, ['--secretlintrc', rc, '--no-color', '--format', 'json', '**/*'], { ...process.env, NODE_PATH: resolve('node_modules') }, workTree))
      }
      record('secretlint (recommended preset), working tree', treeLint.map((entry) => entry.milliseconds), treeLint.map((entry) => entry.peakBytes), treeBytes)
      const historyLint: Measured[] = []
      const diffFile = join(temporary, 'history.diff')
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now()
        execFileSync('sh', ['-c', `git --git-dir "$1" log -p --all > "$2"`, 'sh', gitDirectory, diffFile])
        const lint = measureCommand(secretlint, ['--secretlintrc', rc, '--no-color', '--format', 'json', diffFile], process.env, workTree)
        historyLint.push({ milliseconds: performance.now() - started, peakBytes: lint.peakBytes })
      }
      record('secretlint, history as `git log -p --all` (diff included)', historyLint.map((entry) => entry.milliseconds), historyLint.map((entry) => entry.peakBytes), blobBytes)
    }
  }

  const lastHistory = history[history.length - 1]!
  console.log(`\nKeyward history: ${lastHistory.findings} findings, ${lastHistory.blobs} blobs, skipped ${JSON.stringify(lastHistory.skipped)}, ${lastHistory.problems} problems; process memory before the scan ${megabytes(lastHistory.baselineBytes)}`)
  console.log(`Every history finding tied to a commit: ${lastHistory.withoutCommit === 0 ? 'yes' : `no (${lastHistory.withoutCommit} without)`}`)
  console.log('\n| what | median | MB/s | peak memory |\n|---|---|---|---|')
  for (const [label, times, peaks, bytes] of rows) {
    const time = median(times)
    console.log(`| ${label} | ${seconds(time)} | ${bytes ? (bytes / 1e6 / (time / 1000)).toFixed(0) : '–'} | ${peaks.length ? megabytes(Math.max(...peaks)) : '–'} |`)
  }
}

if (options['run-scan']) await scanInThisProcess(resolve(options['run-scan']), options.scope === 'tree' ? 'tree' : 'history', Number(options['vault-values']))
else await main()
