// Ctrl-C during `keyward scan --history` (the built CLI, a real child process): the scan stops, its
// workers and git processes go with it, what it found so far is printed, and the exit code is 130.
// Build first: npx electron-vite build.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { generateSyntheticRepository } from '../../bench/synthetic-repository'
import { CLI_COMMAND, assertCliBuilt, cliEnvironment } from './builtCli'

let home: string
let repository: string

beforeAll(async () => {
  assertCliBuilt()
  home = mkdtempSync(join(tmpdir(), 'keyward-cli-interrupt-'))
  repository = join(home, 'repository')
  // About a second of history to scan on a quiet machine; the interrupt comes as soon as it has begun.
  await generateSyntheticRepository({ path: repository, commits: 1500, files: 200, fileBytes: 16 * 1024 })
}, 120_000)

afterAll(() => rmSync(home, { recursive: true, force: true }))

/** Whether a git process (the history's cat-file) runs as a child of this process (Linux's /proc). */
const gitChildOf = (pid: number): boolean =>
  readdirSync('/proc').some((entry) => {
    if (!/^\d+$/.test(entry)) return false
    try {
      // pid (comm) state ppid …: the name may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      return parent === pid && name === 'git'
    } catch {
      return false
    }
  })

it('stops on SIGINT, prints what it found so far, and exits 130', { timeout: 60_000 }, async () => {
  const child = spawn(CLI_COMMAND[0], [...CLI_COMMAND.slice(1), 'scan', '--history', '--format', 'json', repository], {
    cwd: home,
    env: cliEnvironment(home),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const started = Date.now()
  // Wait until it reads the history (its git cat-file is running), then interrupt it as Ctrl-C does.
  while (child.exitCode === null && !gitChildOf(child.pid!)) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(child.exitCode, 'the scan ended before it could be interrupted: make the history larger').toBeNull()
  child.kill('SIGINT')
  const exitCode = await closed
  const stoppedAfter = Date.now() - started

  expect(exitCode, stderr).toBe(130)
  // It says how far it got, on a line of its own.
  expect(stderr).toMatch(
    /(^|\n)keyward: scan canceled after [\d,]+ files?( and [\d,]+ blobs?)?; the findings above are what it found before it stopped\.\n$/,
  )
  const report = JSON.parse(stdout) as { canceled: boolean; stats: { blobs: number } }
  expect(report.canceled).toBe(true)
  // It stopped well before a whole scan of this history would have ended.
  expect(stoppedAfter).toBeLessThan(15_000)
})
