// How each example docs/cli.md shows is run on Ana's machine (docsExampleWorld.ts): its setup, then the
// command as the page gives it. docsExamples.test.ts runs them and compares with the page.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LATEST_SCHEMA_VERSION } from '../../../main/vault/file/migrations'
import { openOwnerDatabase } from '../../support/ownerDatabase'
import { fakeKeys, randomToken } from '../../support/fakeKeys'
import { GitRepository } from '../../support/gitRepository'
import { FakeTerminal } from '../../unit/cli/fakeCliIo'
import {
  PASSWORD,
  home,
  app,
  simulator,
  keyward,
  given,
  endingIn,
  clipiaProd,
  anasVault,
  injectWorld,
  backupWorld,
  rotationWorld,
  periodWorld,
  leakedWorld,
} from './docsExampleWorld'

export type Scenario = () => Promise<{ exitCode: number; seen: string }>

/** How each documented example is run: its setup, then the command as the page gives it. */
export const scenarios: Record<string, Scenario> = {
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
    const database = await openOwnerDatabase(vaultPath, PASSWORD)
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
