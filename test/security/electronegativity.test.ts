// Electronegativity (Doyensec's static checks for Electron apps) over main/, preload/ and renderer/:
// every finding must be one reviewed by hand in electronegativity-reviewed.json, with its reason, and
// every reviewed entry must still match a finding. The tool exits 0 whatever it finds, so the test
// reads its SARIF output.
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Log, Result } from 'sarif'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { makeTempDirectory } from '../support/tempVault'

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const RUNNER = fileURLToPath(new URL('./electronegativity.mjs', import.meta.url))
const SOURCE_FOLDERS = ['main', 'preload', 'renderer']

const ReviewedList = z.object({
  excludedChecks: z.array(z.object({ check: z.string().min(1), reason: z.string().min(20) })),
  reviewed: z.array(
    z.object({
      ruleId: z.string().regex(/^[A-Z_]+$/),
      /** Relative to the project root; null for a finding about the whole application. */
      file: z.string().nullable(),
      /** A piece of the flagged line, so a new call on another line is a new finding. */
      code: z.string().nullable(),
      reason: z.string().min(20),
    }),
  ),
})
type Reviewed = z.infer<typeof ReviewedList>['reviewed'][number]
const reviewedList = ReviewedList.parse(
  JSON.parse(readFileSync(new URL('./electronegativity-reviewed.json', import.meta.url), 'utf8')),
)

interface Summary {
  electronVersion: string
  checks: number
  issues: number
  unparsed: { file: string; message: string }[]
}

interface Finding {
  ruleId: string
  file: string | null
  line: number
  text: string
  message: string
}

const runElectronegativity = (output: string, folders: string[], cwd = PROJECT_ROOT): Promise<Summary> =>
  new Promise((resolve, reject) => {
    const exclude = `--exclude=${reviewedList.excludedChecks.map((entry) => entry.check).join(',')}`
    const child = spawn(process.execPath, [RUNNER, exclude, output, ...folders], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`electronegativity failed (${code}): ${stderr}`))
      else resolve(JSON.parse(stdout) as Summary)
    })
  })

const findingsIn = (sarifPath: string, root: string): Finding[] => {
  const log = JSON.parse(readFileSync(sarifPath, 'utf8')) as Log
  expect(log.version).toBe('2.1.0')
  expect(log.runs[0]?.tool.driver.name).toBe('Electronegativity')
  return (log.runs[0]?.results ?? []).map((result: Result) => {
    const location = result.locations?.[0]?.physicalLocation
    const uri = location?.artifactLocation?.uri ?? 'file:///'
    const file = uri === 'file:///' ? null : uri
    const line = location?.region?.startLine ?? 1
    const text = file === null ? '' : (readFileSync(join(root, file), 'utf8').split('\n')[line - 1] ?? '').trim()
    return { ruleId: result.ruleId ?? '?', file, line, text, message: result.message.text ?? '' }
  })
}

const matches = (entry: Reviewed, finding: Finding): boolean =>
  entry.ruleId === finding.ruleId &&
  entry.file === finding.file &&
  (entry.code === null || finding.text.includes(entry.code))

let temp: ReturnType<typeof makeTempDirectory>
let summary: Summary
let findings: Finding[]

beforeAll(async () => {
  temp = makeTempDirectory('keyward-electronegativity-test-')
  const output = join(temp.directory, 'source.sarif')
  summary = await runElectronegativity(output, SOURCE_FOLDERS)
  findings = findingsIn(output, PROJECT_ROOT)
}, 60_000)
afterAll(() => temp?.cleanup())

describe('electronegativity over main/, preload/ and renderer/', () => {
  it('ran its checks against the installed Electron, and parsed every file', () => {
    expect(summary.electronVersion).toMatch(/^45\./)
    expect(summary.checks).toBeGreaterThan(30)
    expect(summary.unparsed).toEqual([])
    expect(findings).toHaveLength(summary.issues)
  })

  it('finds nothing that was not reviewed', () => {
    const unreviewed = findings
      .filter((finding) => !reviewedList.reviewed.some((entry) => matches(entry, finding)))
      .map(
        (finding) =>
          `${finding.ruleId} at ${finding.file ?? '(application)'}:${finding.line}: ${finding.text} — ${finding.message}`,
      )
    expect(
      unreviewed,
      'review each one: fix it, or add it with a reason to test/security/electronegativity-reviewed.json',
    ).toEqual([])
  })

  it('has no reviewed entry left that matches nothing (the list stays true)', () => {
    const stale = reviewedList.reviewed
      .filter((entry) => !findings.some((finding) => matches(entry, finding)))
      .map((entry) => `${entry.ruleId} ${entry.file ?? ''} ${entry.code ?? ''}`)
    expect(stale).toEqual([])
  })
})

describe('the gate itself', () => {
  it('reports a window with Node integration and no isolation, so a silent tool cannot pass for a clean one', async () => {
    const fixture = join(temp.directory, 'fixture')
    mkdirSync(join(fixture, 'unsafe'), { recursive: true })
    writeFileSync(
      join(fixture, 'unsafe', 'main.js'),
      [
        "const { app, BrowserWindow } = require('electron')",
        'app.whenReady().then(() => {',
        '  const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })',
        "  window.loadURL('https://example.com')",
        '})',
        '',
      ].join('\n'),
    )
    const output = join(temp.directory, 'fixture.sarif')
    await runElectronegativity(output, [join(fixture, 'unsafe')], PROJECT_ROOT)
    const found = findingsIn(output, fixture).map((finding) => finding.ruleId)
    expect(found).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']))
    expect(
      findingsIn(output, fixture).filter((finding) => !reviewedList.reviewed.some((entry) => matches(entry, finding))),
    ).not.toEqual([])
  }, 60_000)
})
