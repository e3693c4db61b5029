// Ctrl-C during `keyward scan --history` (the built CLI, a real child process): the scan stops, its
// workers and git processes go with it, what it found so far is printed, and the exit code is 130.
// Build first: npx electron-vite build.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { generateSyntheticRepository } from '../../bench/synthetic-repository'
import { BUILT_CLI, assertCliBuilt, cliEnvironment } from './builtCli'

let home: string
let repository: string

beforeAll(async () => {
  assertCliBuilt()
  home = mkdtempSync(join(tmpdir(), 'keyward-cli-interrupt-'))
  repository = join(home, 'repository')
  // Enough history that a scan on these machines runs for several seconds.
  await generateSyntheticRepository({ path: repository, commits: 1500, files: 200, fileBytes: 16 * 1024 })
}, 120_000)

afterAll(() => rmSync(home, { recursive: true, force: true }))

it('stops on SIGINT, prints what it found so far, and exits 130', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [BUILT_CLI, 'scan', '--history', '--format', 'json', repository], {
    cwd: home,
    env: cliEnvironment(home),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const started = Date.now()
  // Let it get into the history, then interrupt it the way a terminal's Ctrl-C does.
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  child.kill('SIGINT')
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const stoppedAfter = Date.now() - started

  expect(exitCode, stderr).toBe(130)
  expect(stderr).toContain('scan canceled')
  const report = JSON.parse(stdout) as { canceled: boolean; stats: { blobs: number } }
  expect(report.canceled).toBe(true)
  // It stopped well before a whole scan of this history would have ended.
  expect(stoppedAfter).toBeLessThan(15_000)
})
