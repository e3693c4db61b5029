// The long runs (`import`, `test --all`, `scan --history`), in-process on real vaults, the provider
// simulator and a real git repository: off a terminal a plain progress line on stderr every few
// seconds, and Ctrl-C ending the drawn line cleanly and saying what was done. Time is a clock that
// moves a second each time it is read, so the lines come from the code's own gaps, never a race.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { systemClock, type Clock } from '../../../main/common/clock'
import { runCli } from '../../../main/cli/program'
import type { KeyRecord } from '#contract'
import { startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { GitRepository } from '../../support/gitRepository'
import { TEST_KDF_COST } from '../../support/tempVault'
import { fakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'
import { useCliWorkspace } from '../../support/cliWorkspace'

const PASSWORD = 'correct horse battery'
const workspace = useCliWorkspace('keyward-long-runs-', PASSWORD)

/** Each reading is a second later than the last. */
const tickingClock = (): Clock => {
  let now = Date.UTC(2026, 10, 22, 9, 0, 0)
  return { ...systemClock, now: () => (now += 1_000) }
}

interface RunOptions extends FakeIoOptions {
  /** Presses Ctrl-C (SIGINT to this process) the first time stderr shows this. */
  interruptOn?: RegExp
  cwd?: string
}

const run = async (argv: string[], { interruptOn, ...options }: RunOptions = {}) => {
  const io = fakeIo({ cwd: workspace.directory, env: { KEYWARD_VAULT: workspace.vaultPath }, ...options })
  if (interruptOn) {
    const write = io.stderr.write.bind(io.stderr)
    let pressed = false
    io.stderr = {
      write: (text: string) => {
        write(text)
        if (!pressed && interruptOn.test(io.err())) {
          pressed = true
          process.emit('SIGINT', 'SIGINT')
        }
      },
    }
  }
  const exitCode = await runCli([...argv, '--password-file', join(workspace.directory, 'password')], io, {
    kdfCost: TEST_KDF_COST,
    clock: tickingClock(),
  })
  const result = { exitCode, stdout: io.out(), stderr: io.err() }
  workspace.outputs.push(result.stdout, result.stderr)
  return result
}

const initVault = async () => expect((await run(['init'])).exitCode).toBe(0)
const listJson = async (): Promise<KeyRecord[]> => JSON.parse((await run(['list', '--json'])).stdout) as KeyRecord[]

/** The progress lines logged off a terminal: whole lines, no terminal codes. */
const loggedLines = (stderr: string, prefix: string) =>
  stderr.split('\n').filter((line) => line.startsWith(`keyward: ${prefix}`))

/** On a terminal: the drawn line was cleared before the closing message began. */
const expectLineClearedBefore = (stderr: string, message: string) => {
  const lastDraw = stderr.lastIndexOf('(Ctrl-C to stop)')
  const cleared = stderr.lastIndexOf('\r\x1b[K')
  expect(lastDraw).toBeGreaterThan(-1)
  expect(cleared).toBeGreaterThan(lastDraw)
  expect(stderr.indexOf(message)).toBe(cleared + '\r\x1b[K'.length)
}

describe('import', () => {
  const writeEnvFile = (count: number) => {
    const lines = Array.from({ length: count }, (_, index) => {
      const value = fakeKeys.clipiaLive()
      workspace.secrets.push(value)
      return `CLIPIA_KEY_${index}=${value}`
    })
    writeFileSync(join(workspace.directory, '.env'), `${lines.join('\n')}\n`)
  }

  it('off a terminal: progress as plain lines on stderr, the summary alone on stdout', async () => {
    await initVault()
    writeEnvFile(1_000)
    const result = await run(['import', '.env', '--yes'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toBe('Imported 1000 keys from .env.\n')
    const lines = loggedLines(result.stderr, 'Importing keys: ')
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(/^keyward: Importing keys: \d+ of 1000 written$/)
    expect(result.stderr).not.toContain('\x1b')
  })

  it('Ctrl-C while the keys are written: the line is cleared, the whole import rolled back, and it says so (exit 130)', async () => {
    await initVault()
    writeEnvFile(1_000)
    const result = await run(['import', '.env', '--yes'], {
      stderrIsTTY: true,
      interruptOn: /Importing keys: 200 of 1000/,
    })
    expect(result.exitCode).toBe(130)
    const message =
      'keyward: import stopped by Ctrl-C before it was finished: nothing was imported, the vault is as it was.\n'
    expect(result.stderr.endsWith(message)).toBe(true)
    expectLineClearedBefore(result.stderr, message)
    expect(result.stdout).toBe('')
    expect(await listJson()).toEqual([])
    // The vault takes the next write as usual: the stopped transaction left nothing open.
    const again = await run(['import', '.env', '--yes'])
    expect(again.exitCode, again.stderr).toBe(0)
    expect(await listJson()).toHaveLength(1_000)
  })
})

describe('test --all', () => {
  let simulator: ProviderSimulator
  beforeAll(async () => {
    simulator = await startProviderSimulator()
  })
  afterAll(async () => simulator.close())

  const toSimulator = () => ['--base-url', `clipia=${simulator.baseUrls.clipia}`, '--ca', simulator.caPath]
  const addKeys = async (count: number) => {
    for (let index = 0; index < count; index += 1) {
      const value = fakeKeys.clipiaLive()
      workspace.secrets.push(value)
      simulator.registerKey('clipia', { value })
      expect((await run(['add', `Clipia ${index}`], { stdin: value })).exitCode).toBe(0)
    }
  }

  beforeEach(() => simulator.reset())

  it('off a terminal: progress as plain lines on stderr', async () => {
    await initVault()
    await addKeys(4)
    const result = await run(['test', '--all', ...toSimulator()])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stdout).toContain('4 keys: 4 valid.')
    const lines = loggedLines(result.stderr, 'Testing keys: ')
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(/^keyward: Testing keys: [0-4] of 4 done$/)
    expect(result.stderr).not.toContain('\x1b')
  })

  it('Ctrl-C: the line is cleared, the answers so far are shown and kept, the rest marked not tested (exit 130)', async () => {
    await initVault()
    await addKeys(4)
    const result = await run(['test', '--all', '--json', ...toSimulator()], {
      stderrIsTTY: true,
      interruptOn: /Testing keys: [1-3] of 4 done/,
    })
    expect(result.exitCode).toBe(130)
    const reports = JSON.parse(result.stdout) as { name: string; outcome: string; id: number | null; reason: string }[]
    const tested = reports.filter((report) => report.id !== null)
    expect(tested.length).toBeGreaterThan(0)
    expect(tested.length).toBeLessThan(4)
    for (const report of tested) expect(report.outcome).toBe('valid')
    for (const report of reports.filter((entry) => entry.id === null)) expect(report.outcome).toBe('not_tested')
    const message = `keyward: test run stopped by Ctrl-C: ${tested.length} of 4 keys tested (their results are in each key's history); the others were not.\n`
    expect(result.stderr.endsWith(message)).toBe(true)
    expectLineClearedBefore(result.stderr, message)
    // What was tested is in the keys' history.
    const keys = await listJson()
    for (const report of tested) expect(keys.find((key) => key.name === report.name)?.lastTest?.outcome).toBe('valid')
  })
})

describe('scan --history', () => {
  let repository: GitRepository
  beforeEach(() => {
    repository = GitRepository.create()
    for (let commit = 0; commit < 5; commit += 1) {
      for (let file = 0; file < 10; file += 1)
        repository.write(`src/file${file}.txt`, `commit ${commit} file ${file}\n`)
      repository.commit(
        `change ${commit}`,
        { name: 'Dev', email: 'dev@example.com' },
        `2024-05-0${commit + 1}T10:00:00+00:00`,
        { all: true },
      )
    }
  })
  afterEach(() => repository.dispose())

  it('off a terminal: progress as plain lines on stderr, the report alone on stdout', async () => {
    const result = await run(['scan', '--history', '--no-vault', '--format', 'json'], { cwd: repository.root })
    expect(result.exitCode, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ canceled: false })
    const lines = loggedLines(result.stderr, '')
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines)
      expect(line).toMatch(
        /^keyward: (Listing files|Scanning the working tree|Scanning history|Finding the commits that introduced each secret|Done): [\d,]+ files(, [\d,]+( of [\d,]+)? blobs)?, [\d.]+ MB, \d+ findings?$/,
      )
    expect(result.stderr).not.toContain('\x1b')
  })
})
