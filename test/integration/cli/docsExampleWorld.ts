// Ana's machine for docs/cli.md's examples: her home, her vault in the default place, her password in a
// file KEYWARD_PASSWORD_FILE names, a fixed clock and the provider simulator; keyward run in-process as
// she runs it (what she saw, in order), and the vaults the examples speak of.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import type { Clock } from '../../../main/common/clock'
import { runCli } from '../../../main/cli/program'
import { openVault } from '../../../main/vault/index'
import { startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { fakeKeys, randomToken } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { FakeTerminal, fakeIo } from '../../unit/cli/fakeCliIo'

export const PASSWORD = 'correct horse battery'
export const DAY = 24 * 60 * 60 * 1000

// Ana's machine: her home, her vault in the default place, her password in a file KEYWARD_PASSWORD_FILE names.
export let temp: ReturnType<typeof makeTempDirectory>
export let home: string
export let app: string
export let clock: ManualClock
export let simulator: ProviderSimulator

/** Registers the test file's hooks: call once, at the top of the file. */
export const useAnasMachine = () => {
  beforeAll(async () => {
    simulator = await startProviderSimulator()
  })
  afterAll(async () => simulator.close())
  beforeEach(() => {
    simulator.reset()
    temp = makeTempDirectory('keyward-docs-')
    home = join(temp.directory, 'home/ana')
    app = join(home, 'app')
    mkdirSync(app, { recursive: true })
    writeFileSync(join(home, '.keyward-password'), `${PASSWORD}\n`)
    chmodSync(join(home, '.keyward-password'), 0o600)
    clock = new ManualClock(Date.UTC(2026, 4, 1, 10, 0, 0))
  })
  afterEach(() => temp.cleanup())
}

export interface RunOptions {
  stdin?: string
  terminal?: FakeTerminal
  /** Without KEYWARD_PASSWORD_FILE: the password is asked on the terminal. */
  askPassword?: boolean
  env?: Record<string, string>
  clock?: Clock
  stdinIsTTY?: boolean
}

/** Runs keyward as Ana does; answers what she saw, in order, with her home as the page writes it. */
export const keyward = async (argv: string[], options: RunOptions = {}) => {
  const env: Record<string, string> = { ...options.env }
  if (!options.askPassword) env.KEYWARD_PASSWORD_FILE = join(home, '.keyward-password')
  const io = fakeIo({
    cwd: app,
    homeDirectory: home,
    env,
    stdin: options.stdin,
    stdinIsTTY: options.stdinIsTTY,
    terminal: options.terminal,
  })
  let seen = ''
  const record = (write: (text: string) => unknown) => (text: string) => {
    seen += text
    return write(text)
  }
  const { stdout, stderr } = io
  io.stdout = { write: record((text) => stdout.write(text)) }
  io.stderr = { write: record((text) => stderr.write(text)) }
  if (options.terminal) {
    const terminalWrite = options.terminal.output.write
    ;(options.terminal as { output: { write: (text: string) => unknown } }).output = { write: record(terminalWrite) }
  }
  const exitCode = await runCli(argv, io, { kdfCost: TEST_KDF_COST, clock: options.clock ?? clock })
  return { exitCode, seen: seen.replaceAll(home, '/home/ana'), stderr: io.err() }
}

/** A setup step: it must succeed. */
export const given = async (argv: string[], options: RunOptions = {}) => {
  const result = await keyward(argv, options)
  expect(result.exitCode, result.seen).toBe(0)
  return result
}

/** A key whose value ends as the page's mask shows (clipia_live_••••7hQx). */
export const endingIn = (value: string, last: string) => `${value.slice(0, -last.length)}${last}`
export const clipiaProd = () => endingIn(fakeKeys.clipiaLive(), '7hQx')

/** The keys the page's examples speak of, in Ana's vault. */
export const anasVault = async () => {
  await given(['init'])
  await given(['add', 'Agent', '--env', 'live'], { stdin: endingIn(fakeKeys.agentclaraLive(), '3456') })
  await given(['add', 'Clipia prod', '--tag', 'billing', '--scope', 'read'], { stdin: clipiaProd() })
  await given(['add', 'Clipia dev'], { stdin: fakeKeys.clipiaTest() })
  await given(['add', 'Airclou CI', '--env', 'test'], { stdin: fakeKeys.airclouTest() })
  await given(['add', 'Cloro', '--provider', 'cloro'], { stdin: fakeKeys.cloro() })
}

/** The template of the inject example, its first line as given. */
export const injectWorld = async (firstLine: string) => {
  await given(['init'])
  await given(['add', 'Clipia live'], { stdin: fakeKeys.clipiaLive() })
  await given(['add', 'Airclou CI', '--env', 'test'], { stdin: fakeKeys.airclouTest() })
  await given(['add', 'DB password', '--provider', 'none'], { stdin: randomToken(24) })
  writeFileSync(
    join(app, '.env.template'),
    `${firstLine}\nAIRCLOU_API_KEY="keyward://airclou/test/Airclou CI"   # CI only\nDATABASE_URL=postgres://app:{{ keyward://DB password }}@db/app\nPORT=3000\n`,
  )
}

/**
 * The vault of the backup and restore examples: alpha, beta and gamma backed up on 1 May at 10:00; then
 * alpha given a new value, beta deleted and delta added. With a restore, it is done on 2 May at 09:12:44.
 */
export const backupWorld = async ({ restored }: { restored: boolean }) => {
  await given(['init'])
  for (const name of ['alpha', 'beta', 'gamma'])
    await given(['add', name, '--provider', 'none'], { stdin: randomToken(40) })
  await given(['backup'])
  clock.advance(DAY / 2)
  await given(['edit', 'alpha', '--value-stdin'], { stdin: randomToken(40) })
  await given(['add', 'delta', '--provider', 'none'], { stdin: randomToken(40) })
  const vault = await openVault(join(home, '.config/Keyward/vault.keyward'), PASSWORD, { kdfCost: TEST_KDF_COST })
  try {
    vault.keys.delete(vault.keys.findByName('beta')!.id)
  } finally {
    vault.close()
  }
  if (restored) {
    clock.advance(Date.UTC(2026, 4, 2, 9, 12, 44, 310) - clock.now())
    await given(['restore', 'vault.keyward.2026-05-01T10-00-00-000Z.manual.keyward-backup', '--yes'])
  }
}

/** The day of the rotation examples: 1 January 2026, 10:00 UTC. */
export const NEW_YEAR = Date.UTC(2026, 0, 1, 10, 0, 0)
export const daysBefore = (days: number) => NEW_YEAR - days * DAY
export const advanceTo = (time: number) => clock.advance(time - clock.now())

/**
 * The vault of `keyward due`: each key added the days before 1 January that give the page's states;
 * Agent's value found by a scan (leaked), Clipia prod snoozed for 3 days.
 */
export const rotationWorld = async () => {
  clock = new ManualClock(daysBefore(160))
  await given(['init'])
  await given(['add', 'Clipia dev'], { stdin: fakeKeys.clipiaTest() })
  advanceTo(daysBefore(100))
  await given(['add', 'Clipia prod'], { stdin: clipiaProd() })
  await given(['add', 'Airclou CI', '--env', 'test', '--expires', '2025-12-29'], { stdin: fakeKeys.airclouTest() })
  advanceTo(daysBefore(5))
  const agent = fakeKeys.agentclaraLive()
  await given(['add', 'Agent'], { stdin: agent })
  advanceTo(NEW_YEAR)
  await given(['add', 'Clodura', '--provider', 'clodura'], { stdin: fakeKeys.clodura() })
  mkdirSync(join(app, 'leak'))
  writeFileSync(join(app, 'leak/config.js'), `const key = "${agent}"\n`)
  const scan = await keyward(['scan', 'leak', '--vault', join(home, '.config/Keyward/vault.keyward')])
  expect(scan.stderr).toContain('1 vault key marked leaked')
  await given(['due', 'snooze', 'Clipia prod', '--days', '3'])
}

/**
 * Clipia prod added 40 days before 1 January: 10 days overdue at 30 days, due in 50 at the default 90;
 * added 100 days before, it is overdue and can be snoozed.
 */
export const periodWorld = async (addedDaysBefore = 40) => {
  clock = new ManualClock(daysBefore(addedDaysBefore))
  await given(['init'])
  await given(['add', 'Clipia prod'], { stdin: clipiaProd() })
  advanceTo(NEW_YEAR)
}

/** Clipia prod, added 40 days before 1 January, found in a folder by a scan: marked leaked. */
export const leakedWorld = async () => {
  clock = new ManualClock(daysBefore(40))
  await given(['init'])
  const value = clipiaProd()
  await given(['add', 'Clipia prod'], { stdin: value })
  advanceTo(NEW_YEAR)
  mkdirSync(join(app, 'leak'))
  writeFileSync(join(app, 'leak/config.js'), `const key = "${value}"\n`)
  const scan = await keyward(['scan', 'leak', '--vault', join(home, '.config/Keyward/vault.keyward')])
  expect(scan.stderr).toContain('1 vault key marked leaked')
}
