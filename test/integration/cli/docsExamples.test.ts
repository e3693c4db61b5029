// docs/cli.md's examples, run: each `$ keyward …` whose output the page shows is run in-process in Ana's
// home (a real vault, the provider simulator, a fixed clock), and what the user would see (stdout,
// stderr and the terminal, in the order written) must read as the page says. "..." on the page stands
// for the rest of a line (or, alone on a line, for lines left out); column gaps may differ in width.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../../main/common/clock'
import { runCli } from '../../../main/cli/program'
import { openVault } from '../../../main/vault/index'
import { openKeyedDatabase } from '../../../main/vault/file/database'
import { readHeader } from '../../../main/vault/file/header'
import { deriveWrappingKey, unwrapVaultKey } from '../../../main/vault/file/keyWrapping'
import { LATEST_SCHEMA_VERSION } from '../../../main/vault/file/migrations'
import { startProviderSimulator, type ProviderSimulator } from '../../simulator/index'
import { fakeKeys, randomToken } from '../../support/fakeKeys'
import { ManualClock } from '../../support/manualClock'
import { GitRepository } from '../../support/gitRepository'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { FakeTerminal, fakeIo } from '../../unit/cli/fakeCliIo'
import { PROJECT_ROOT } from './builtCli'

const PASSWORD = 'correct horse battery'
const DAY = 24 * 60 * 60 * 1000

interface Example {
  command: string
  output: string
  /** From a following `$ echo $?`. */
  exitCode?: number
}

/** The examples in the page's code blocks that show what they print. */
const documentedExamples = (): Example[] => {
  const page = readFileSync(join(PROJECT_ROOT, 'docs/cli.md'), 'utf8')
  const examples: Example[] = []
  for (const [, block] of page.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    const lines = block!.split('\n')
    let current: { command: string; output: string[] } | null = null
    const close = () => {
      // Blank lines may sit inside an output (between providers), not at its end.
      while (current?.output.at(-1)?.trim() === '') current.output.pop()
      if (current && current.output.length > 0)
        examples.push({ command: current.command, output: current.output.join('\n') })
      current = null
    }
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index]!
      if (line.startsWith('$ ')) {
        close()
        let command = line.slice(2)
        while (command.endsWith('\\')) command = `${command.slice(0, -1).trimEnd()} ${lines[++index]!.trim()}`
        if (command === 'echo $?') {
          const code = Number(lines[++index])
          examples[examples.length - 1]!.exitCode = code
          continue
        }
        current = { command, output: [] }
      } else if (current) {
        current.output.push(line)
      }
    }
    close()
  }
  return examples.filter((example) => /(^|\s)keyward\s/.test(example.command))
}

/** The page's output as a pattern: "..." is any text; a line of "..." any lines; gaps of 2+ spaces any width. */
const patternOf = (output: string): RegExp => {
  const lines = output.split('\n').map((line) => {
    if (line.trim() === '...') return '(?:[^\\n]*\\n)*?'
    const escaped = line
      .trimEnd()
      .split('...')
      .map((part) =>
        part
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/ {2,}/g, ' {2,}')
          .replace(/\d+ ms/g, '\\d+ ms')
          .replace(/\d+\\\.\d (KB|MB)/g, '[\\d.]+ [KM]?B'),
      )
      .join('[^\\n]*')
    return `${escaped}\\n`
  })
  return new RegExp(`^${lines.join('')}$`)
}

// Ana's machine: her home, her vault in the default place, her password in a file KEYWARD_PASSWORD_FILE names.
let temp: ReturnType<typeof makeTempDirectory>
let home: string
let app: string
let clock: ManualClock
let simulator: ProviderSimulator

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

interface RunOptions {
  stdin?: string
  terminal?: FakeTerminal
  /** Without KEYWARD_PASSWORD_FILE: the password is asked on the terminal. */
  askPassword?: boolean
  env?: Record<string, string>
  clock?: Clock
  stdinIsTTY?: boolean
}

/** Runs keyward as Ana does; answers what she saw, in order, with her home as the page writes it. */
const keyward = async (argv: string[], options: RunOptions = {}) => {
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
const given = async (argv: string[], options: RunOptions = {}) => {
  const result = await keyward(argv, options)
  expect(result.exitCode, result.seen).toBe(0)
  return result
}

/** A key whose value ends as the page's mask shows (clipia_live_••••7hQx). */
const endingIn = (value: string, last: string) => `${value.slice(0, -last.length)}${last}`
const clipiaProd = () => endingIn(fakeKeys.clipiaLive(), '7hQx')

/** The keys the page's examples speak of, in Ana's vault. */
const anasVault = async () => {
  await given(['init'])
  await given(['add', 'Agent', '--env', 'live'], { stdin: endingIn(fakeKeys.agentclaraLive(), '3456') })
  await given(['add', 'Clipia prod', '--tag', 'billing', '--scope', 'read'], { stdin: clipiaProd() })
  await given(['add', 'Clipia dev'], { stdin: fakeKeys.clipiaTest() })
  await given(['add', 'Airclou CI', '--env', 'test'], { stdin: fakeKeys.airclouTest() })
  await given(['add', 'Cloro', '--provider', 'cloro'], { stdin: fakeKeys.cloro() })
}

type Scenario = () => Promise<{ exitCode: number; seen: string }>

/** How each documented example is run: its setup, then the command as the page gives it. */
const scenarios: Record<string, Scenario> = {
  'keyward init': () =>
    keyward(['init'], { askPassword: true, terminal: new FakeTerminal().type(`${PASSWORD}\r${PASSWORD}\r`) }),

  'keyward list --env live': async () => {
    await anasVault()
    return keyward(['list', '--env', 'live'])
  },

  'keyward add "Clipia prod" --tag billing': async () => {
    await given(['init'])
    return keyward(['add', 'Clipia prod', '--tag', 'billing'], {
      askPassword: true,
      stdinIsTTY: true,
      terminal: new FakeTerminal().type(`${PASSWORD}\r${clipiaProd()}\r`),
    })
  },

  'printf %s "$NEW_KEY" | keyward edit "Clipia production" --value-stdin --password-file ~/.keyward-password':
    async () => {
      await given(['init'])
      await given(['add', 'Clipia production'], { stdin: clipiaProd() })
      return keyward(
        ['edit', 'Clipia production', '--value-stdin', '--password-file', join(home, '.keyward-password')],
        {
          stdin: endingIn(fakeKeys.clipiaLive(), 'Q2rT'),
        },
      )
    },

  'keyward edit clipa --notes x': async () => {
    await given(['init'])
    await given(['add', 'Clipia production'], { stdin: clipiaProd() })
    return keyward(['edit', 'clipa', '--notes', 'x'])
  },

  'keyward edit Clodura --plan platinum': async () => {
    await given(['init'])
    await given(['add', 'Clodura', '--provider', 'clodura'], { stdin: fakeKeys.clodura() })
    return keyward(['edit', 'Clodura', '--plan', 'platinum'])
  },
  'keyward edit Clodura --verify-url https://evil.example/steal': async () => {
    await given(['init'])
    await given(['add', 'Clodura', '--provider', 'clodura'], { stdin: fakeKeys.clodura() })
    return keyward(['edit', 'Clodura', '--verify-url', 'https://evil.example/steal'])
  },
  'keyward edit Cloro --verify-url https://api.cloro.dev/v1/me': async () => {
    await given(['init'])
    await given(['add', 'Cloro', '--provider', 'cloro'], { stdin: endingIn(fakeKeys.cloro(), 'Q9cX') })
    return keyward(['edit', 'Cloro', '--verify-url', 'https://api.cloro.dev/v1/me'], {
      terminal: new FakeTerminal().type('y\r'),
    })
  },
  'keyward edit Mystery --plan starter': async () => {
    await given(['init'])
    await given(['add', 'Mystery', '--provider', 'none'], { stdin: randomToken(40) })
    return keyward(['edit', 'Mystery', '--plan', 'starter'])
  },

  'keyward import .env': async () => {
    await given(['init'])
    writeFileSync(
      join(app, '.env'),
      [
        '# local settings',
        'PORT=3000',
        `AIRCLOU_TEST_KEY=${endingIn(fakeKeys.airclouTest(), '6789')}`,
        'just some words',
        '',
        `GITHUB_TOKEN=ghp_${randomToken(32).slice(0, -4)}6789`,
        '',
        'BROKEN="never closed',
        '',
      ].join('\n'),
    )
    return keyward(['import', '.env'], { terminal: new FakeTerminal().type('y\r') })
  },

  'keyward export --env test -o .env.test': async () => {
    await given(['init'])
    await given(['add', 'Clipia dev'], { stdin: fakeKeys.clipiaTest() })
    await given(['add', 'Airclou CI', '--env', 'test'], { stdin: fakeKeys.airclouTest() })
    await given(['add', 'Clipia staging', '--env', 'test', '--env-var', 'CLIPIA_STAGING_KEY'], {
      stdin: fakeKeys.clipiaTest(),
    })
    return keyward(['export', '--env', 'test', '-o', '.env.test'])
  },

  'keyward test --all': async () => {
    await given(['init'])
    const expired = fakeKeys.airclouTest()
    const revoked = fakeKeys.clipiaTest()
    const valid = clipiaProd()
    simulator.registerKey('airclou', { value: expired, state: 'expired' })
    simulator.registerKey('clipia', { value: revoked, state: 'revoked' })
    simulator.registerKey('clipia', { value: valid })
    await given(['add', 'Airclou CI', '--env', 'test'], { stdin: expired })
    await given(['add', 'Clipia dev'], { stdin: revoked })
    await given(['add', 'Clipia prod'], { stdin: valid })
    await given(['add', 'Cloro', '--provider', 'cloro'], { stdin: fakeKeys.cloro() })
    // The simulator stands in for the providers: stored in the vault, as a staging setup would be.
    for (const provider of ['airclou', 'clipia'] as const) {
      await given(['providers', 'set-base-url', provider, simulator.baseUrls[provider], '--yes'])
      await given(['providers', 'trust-ca', provider, simulator.caPath, '--yes'])
    }
    return keyward(['test', '--all'])
  },

  'keyward providers set-base-url clipia https://clipia.staging.internal': async () => {
    await given(['init'])
    await given(['add', 'Clipia prod'], { stdin: clipiaProd() })
    return keyward(['providers', 'set-base-url', 'clipia', 'https://clipia.staging.internal'], {
      terminal: new FakeTerminal().type('y\r'),
    })
  },
  'keyward providers trust-ca clipia staging-ca.pem --yes': async () => {
    await given(['init'])
    await given(['add', 'Clipia prod'], { stdin: clipiaProd() })
    await given(['providers', 'set-base-url', 'clipia', 'https://clipia.staging.internal', '--yes'])
    writeFileSync(join(app, 'staging-ca.pem'), readFileSync(simulator.caPath))
    return keyward(['providers', 'trust-ca', 'clipia', 'staging-ca.pem', '--yes'])
  },
  'keyward providers set-base-url clipia --reset': async () => {
    await given(['init'])
    await given(['providers', 'set-base-url', 'clipia', 'https://clipia.staging.internal', '--yes'])
    return keyward(['providers', 'set-base-url', 'clipia', '--reset'])
  },

  'keyward run --only "Clipia live" "Clipia test" -- ./deploy.sh': async () => {
    await given(['init'])
    await given(['add', 'Clipia live'], { stdin: fakeKeys.clipiaLive() })
    await given(['add', 'Clipia test'], { stdin: fakeKeys.clipiaTest() })
    return keyward(['run', '--only', 'Clipia live', 'Clipia test', '--', './deploy.sh'])
  },
  'CLIPIA_KEY="keyward://Clipia lve" keyward run -- node server.js': async () => {
    await given(['init'])
    await given(['add', 'Clipia live'], { stdin: fakeKeys.clipiaLive() })
    return keyward(['run', '--', 'node', 'server.js'], { env: { CLIPIA_KEY: 'keyward://Clipia lve' } })
  },

  'keyward inject -i .env.template -o .env': async () => {
    await injectWorld('CLIPIA_KEY=keyward://Clipia live')
    return keyward(['inject', '-i', '.env.template', '-o', '.env'])
  },
  'keyward inject -i .env.template -o .env     # with "Clipia lve" on line 1': async () => {
    await injectWorld('CLIPIA_KEY=keyward://Clipia lve')
    return keyward(['inject', '-i', '.env.template', '-o', '.env'])
  },

  'keyward inject -i .env.template -o .env     # with DB_PASSWORD=keyward://DB password on line 2, its value holding a #':
    async () => {
      await given(['init'])
      await given(['add', 'Clipia live'], { stdin: fakeKeys.clipiaLive() })
      await given(['add', 'DB password', '--provider', 'none'], { stdin: `${randomToken(12)}#${randomToken(11)}` })
      writeFileSync(join(app, '.env.template'), 'CLIPIA_KEY=keyward://Clipia live\nDB_PASSWORD=keyward://DB password\n')
      return keyward(['inject', '-i', '.env.template', '-o', '.env'])
    },

  'keyward --version': async () => keyward(['--version']),
  'keyward list': async () => {
    await given(['init'])
    // The vault as Keyward 0.3.0 would leave it, one schema past this one.
    const vaultPath = join(home, '.config/Keyward/vault.keyward')
    const header = readHeader(vaultPath)
    const key = unwrapVaultKey(
      header.wrappedKey,
      await deriveWrappingKey(PASSWORD, header.kdf),
      header.vaultId,
      header.kdf,
    )!
    const database = openKeyedDatabase(vaultPath, key, { create: false })
    database.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    database
      .prepare(
        `INSERT INTO vault_meta (name, value) VALUES ('schema_written_by', '0.3.0') ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      )
      .run()
    database.close()
    return keyward(['list'])
  },

  'keyward backup': async () => {
    await given(['init'])
    return keyward(['backup'])
  },
  'keyward backup list': async () => {
    await backupWorld({ restored: true })
    return keyward(['backup', 'list'])
  },
  'keyward restore vault.keyward.2026-05-01T10-00-00-000Z.manual.keyward-backup --dry-run': async () => {
    await backupWorld({ restored: false })
    return keyward(['restore', 'vault.keyward.2026-05-01T10-00-00-000Z.manual.keyward-backup', '--dry-run'])
  },

  'keyward scan --vault ~/.config/Keyward/vault.keyward': async () => {
    await given(['init'])
    const value = clipiaProd()
    await given(['add', 'Clipia prod'], { stdin: value })
    // The key only in a git-ignored .env: stored in plain text here, not leaked.
    const repository = GitRepository.init(app)
    repository.write('.gitignore', '.env\n')
    repository.write('.env', `CLIPIA_KEY=${value}\n`)
    return keyward(['scan', '--vault', join(home, '.config/Keyward/vault.keyward')])
  },
  'keyward due clear-leaked "Clipia prod"': async () => {
    await leakedWorld()
    return keyward(['due', 'clear-leaked', 'Clipia prod'])
  },
  'keyward due clear-leaked "Clipia prod"     # again': async () => {
    await leakedWorld()
    await given(['due', 'clear-leaked', 'Clipia prod'])
    return keyward(['due', 'clear-leaked', 'Clipia prod'])
  },

  'keyward due': async () => {
    await rotationWorld()
    return keyward(['due'])
  },
  'keyward due snooze "Clipia prod" --days 30': async () => {
    await periodWorld(100)
    return keyward(['due', 'snooze', 'Clipia prod', '--days', '30'])
  },
  'keyward due snooze "Airclou CI" --days 3': async () => {
    await rotationWorld()
    return keyward(['due', 'snooze', 'Airclou CI', '--days', '3'])
  },
  'keyward due period "Clipia prod" 30': async () => {
    await periodWorld()
    return keyward(['due', 'period', 'Clipia prod', '30'])
  },
  'keyward due period "Clipia prod" 10000': async () => {
    await periodWorld()
    return keyward(['due', 'period', 'Clipia prod', '10000'])
  },
  'keyward due period "Clipia prod" default': async () => {
    await periodWorld()
    await given(['due', 'period', 'Clipia prod', '30'])
    return keyward(['due', 'period', 'Clipia prod', 'default'])
  },
  'keyward providers': async () => {
    await given(['init'])
    writeFileSync(join(app, 'staging-ca.pem'), readFileSync(simulator.caPath))
    await given(['providers', 'set-base-url', 'clipia', 'https://clipia.staging.internal', '--yes'])
    await given(['providers', 'trust-ca', 'clipia', 'staging-ca.pem', '--yes'])
    return keyward(['providers'])
  },
}

/** The template of the inject example, its first line as given. */
const injectWorld = async (firstLine: string) => {
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
const backupWorld = async ({ restored }: { restored: boolean }) => {
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
const NEW_YEAR = Date.UTC(2026, 0, 1, 10, 0, 0)
const daysBefore = (days: number) => NEW_YEAR - days * DAY
const advanceTo = (time: number) => clock.advance(time - clock.now())

/**
 * The vault of `keyward due`: each key added the days before 1 January that give the page's states;
 * Agent's value found by a scan (leaked), Clipia prod snoozed for 3 days.
 */
const rotationWorld = async () => {
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
const periodWorld = async (addedDaysBefore = 40) => {
  clock = new ManualClock(daysBefore(addedDaysBefore))
  await given(['init'])
  await given(['add', 'Clipia prod'], { stdin: clipiaProd() })
  advanceTo(NEW_YEAR)
}

/** Clipia prod, added 40 days before 1 January, found in a folder by a scan: marked leaked. */
const leakedWorld = async () => {
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

const examples = documentedExamples()

describe('docs/cli.md', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(20)
  })

  it('has a way to run every example whose output it shows', () => {
    expect(examples.map((example) => example.command).filter((command) => !(command in scenarios))).toEqual([])
  })

  for (const example of examples.filter((entry) => entry.command in scenarios)) {
    it(example.command, async () => {
      const result = await scenarios[example.command]!()
      const seen = result.seen
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
      expect(seen, `docs/cli.md shows:\n${example.output}\nkeyward printed:\n${seen}`).toMatch(
        patternOf(example.output),
      )
      if (example.exitCode !== undefined) expect(result.exitCode).toBe(example.exitCode)
    })
  }
})
