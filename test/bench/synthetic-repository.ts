// A synthetic git repository of N commits, so the scan benchmark runs anywhere: code-like text files
// edited a few at a time (each edit a new blob, as in a real history), a handful of planted keys (some
// deleted again, one on a side branch) and the usual decoys. Built with `git fast-import` in seconds.
//   npx tsx test/bench/synthetic-repository.ts --commits 5000 --out /tmp/synthetic-repo
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { parseArgs } from 'node:util'

export interface SyntheticOptions {
  path: string
  commits: number
  /** Files in the tree (default 400). */
  files?: number
  /** Bytes of each file, about (default 24 KiB). */
  fileBytes?: number
  /** Files changed by each commit (default 3). */
  changesPerCommit?: number
  seed?: number
}

export interface SyntheticRepository {
  path: string
  commits: number
  plantedKeys: string[]
}

/** A small deterministic generator (mulberry32): the same seed builds the same repository. */
const generator = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = [
  'const',
  'function',
  'return',
  'value',
  'token',
  'node',
  'context',
  'report',
  'options',
  'config',
  'message',
  'range',
  'source',
  'parser',
  'scope',
  'rule',
  'fix',
  'list',
  'index',
  'result',
  'await',
  'async',
  'import',
  'export',
  'default',
  'if',
  'else',
  'for',
  'of',
  'let',
]
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export const generateSyntheticRepository = async (options: SyntheticOptions): Promise<SyntheticRepository> => {
  const random = generator(options.seed ?? 42)
  const fileCount = options.files ?? 400
  const fileBytes = options.fileBytes ?? 24 * 1024
  const changes = options.changesPerCommit ?? 3
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const token = (length: number) => Array.from({ length }, () => pick(ALPHANUMERIC.split(''))).join('')
  const codeLine = () => {
    const words = Array.from({ length: 4 + Math.floor(random() * 8) }, () => pick(WORDS))
    return `  ${words.join(' ')}(${pick(WORDS)}Id${Math.floor(random() * 1000)});`
  }
  const fileText = () => {
    const lines: string[] = []
    let size = 0
    while (size < fileBytes) {
      const line =
        random() < 0.02
          ? `// see https://example.invalid/issues/${Math.floor(random() * 99999)} and commit ${token(40).toLowerCase()}`
          : codeLine()
      lines.push(line)
      size += line.length + 1
    }
    return `${lines.join('\n')}\n`
  }

  mkdirSync(options.path, { recursive: true })
  execFileSync('git', ['init', '-q', '-b', 'main', options.path])
  const importer = spawn('git', ['fast-import', '--quiet'], {
    cwd: options.path,
    stdio: ['pipe', 'inherit', 'inherit'],
  })
  const done = new Promise<number>((resolve) => importer.on('close', (code) => resolve(code ?? -1)))
  const write = (text: string) =>
    new Promise<void>((resolve) => {
      if (importer.stdin.write(text)) resolve()
      else importer.stdin.once('drain', resolve)
    })
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`
  const paths = Array.from({ length: fileCount }, (_, index) => `src/${pick(WORDS)}/${pick(WORDS)}-${index}.js`)
  const planted: string[] = []
  let time = 1_500_000_000
  const commitHeader = (branch: string, message: string) => {
    time += 3600
    return `commit refs/heads/${branch}\ncommitter Bench <bench@example.invalid> ${time} +0000\n${data(message)}`
  }

  // The first commit has every file; the others change a few each.
  let first = commitHeader('main', 'Initial import')
  for (const path of paths) first += `M 100644 inline ${path}\n${data(fileText())}`
  first += `M 100644 inline README.md\n${data('Use AGENTCLARA_API_KEY=sk_test_1234567890abcdef and $CLIPIA_KEY; see process.env.CLODURA_API_KEY.\n')}`
  await write(first)
  for (let index = 1; index < options.commits; index++) {
    let commit = commitHeader('main', `Change ${index}`)
    for (let change = 0; change < changes; change++) commit += `M 100644 inline ${pick(paths)}\n${data(fileText())}`
    if (index % Math.max(1, Math.floor(options.commits / 4)) === 0) {
      const key = `sk_live_${token(32)}`
      planted.push(key)
      commit += `M 100644 inline .env\n${data(`AGENTCLARA_API_KEY=${key}\nCLODURA_API_KEY=${token(40)}\n`)}`
    } else if (index % Math.max(1, Math.floor(options.commits / 4)) === 1 && index > 1) {
      commit += 'D .env\n'
    }
    await write(commit)
  }
  const sideKey = `clipia_live_${token(32)}`
  planted.push(sideKey)
  await write(
    `${commitHeader('never-merged', 'An experiment')}from refs/heads/main\nM 100644 inline deploy.sh\n${data(`curl -H "Authorization: Bearer ${sideKey}" https://api.clipia.ai/v1/account\n`)}`,
  )
  importer.stdin.end()
  const code = await done
  if (code !== 0) throw new Error(`git fast-import failed (${code})`)
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: options.path })
  return { path: options.path, commits: options.commits + 1, plantedKeys: planted }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { commits: { type: 'string', default: '2000' }, out: { type: 'string' }, files: { type: 'string' } },
  })
  if (!values.out) {
    console.error('Usage: tsx test/bench/synthetic-repository.ts --commits N --out DIR')
    process.exit(2)
  }
  const started = performance.now()
  const repository = await generateSyntheticRepository({
    path: values.out,
    commits: Number(values.commits),
    files: values.files ? Number(values.files) : undefined,
  })
  console.log(
    `${repository.path}: ${repository.commits} commits in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
}
