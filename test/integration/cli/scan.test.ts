// `keyward scan` run in-process on real git repositories in temp folders (and a real vault file):
// exit codes by --fail-on, history findings with their commit, vault matching of a prefixless value,
// JSON and SARIF output checked against the SARIF 2.1.0 schema, and no whole secret in any output.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import type { Log } from 'sarif'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import type { ScanReport } from '../../../main/scanner/index'
import { openVault } from '../../../main/vault/index'
import { fakeKeys } from '../../support/fakeKeys'
import { GitRepository } from '../../support/gitRepository'
import { TEST_KDF_COST, makeTempDirectory } from '../../support/tempVault'
import { fakeIo, type FakeIoOptions } from '../../unit/cli/fakeCliIo'
import { byText } from '../../support/byText'

const PASSWORD = 'correct horse battery'
const someone = { name: 'Ada Leaky', email: 'ada@example.invalid' }

let temp: ReturnType<typeof makeTempDirectory>
let repository: GitRepository
let vaultPath: string
let secrets: string[]
let outputs: string[]

beforeEach(() => {
  temp = makeTempDirectory('keyward-cli-scan-')
  repository = GitRepository.create()
  vaultPath = join(temp.directory, 'vault.keyward')
  writeFileSync(join(temp.directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 })
  secrets = [PASSWORD]
  outputs = []
})
afterEach(() => {
  for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret)
  repository.dispose()
  temp.cleanup()
})

const planted = (value: string): string => {
  secrets.push(value)
  return value
}

const run = async (argv: string[], options: FakeIoOptions = {}) => {
  const io = fakeIo({ cwd: repository.root, ...options })
  const exitCode = await runCli(argv, io, { kdfCost: TEST_KDF_COST })
  const result = { exitCode, stdout: io.out(), stderr: io.err() }
  outputs.push(result.stdout, result.stderr)
  return result
}

const vaultArgs = () => ['--vault', vaultPath, '--password-file', join(temp.directory, 'password')]

describe('keyward scan', () => {
  it('fails on a live key in a tracked file, naming it masked', async () => {
    const key = planted(fakeKeys.clipiaLive())
    repository.write('README.md', '# app\n').write('config/app.env', `# settings\nCLIPIA_API_KEY=${key}\n`)
    repository.commit('settings', someone, '2024-05-01T10:00:00+00:00', { all: true })
    const result = await run(['scan'])
    expect(result.exitCode, result.stderr).toBe(1)
    expect(result.stdout).toContain('clipia-api-key')
    expect(result.stdout).toContain('config/app.env:2:')
    expect(result.stdout).toMatch(/HIGH\s+live/)
    expect(result.stdout).toContain('working tree, tracked')
    expect(result.stdout).toContain(`clipia_live_••••${key.slice(-4)}`)
    expect(result.stdout).toContain('1 finding (1 high)')
    expect(result.stderr).toContain('1 finding at or above --fail-on high')
  })

  it('passes a test key (medium) by default and with --fail-on live, fails it with --fail-on medium, test and any; none never fails', async () => {
    repository.write('.env.test', `CLIPIA_API_KEY=${planted(fakeKeys.clipiaTest())}\n`)
    repository.commit('test settings', someone, '2024-05-01T10:00:00+00:00', { all: true })
    const lenient = await run(['scan'])
    expect(lenient.exitCode, lenient.stderr).toBe(0)
    expect(lenient.stdout).toMatch(/MEDIUM\s+test\s+clipia-api-key/)
    expect((await run(['scan', '--fail-on', 'live'])).exitCode).toBe(0)
    expect((await run(['scan', '--fail-on', 'medium'])).exitCode).toBe(1)
    expect((await run(['scan', '--fail-on', 'test'])).exitCode).toBe(1)
    expect((await run(['scan', '--fail-on', 'any'])).exitCode).toBe(1)
    expect((await run(['scan', '--fail-on', 'none'])).exitCode).toBe(0)
  })

  it('finds a key in a deleted .env with --history, with its commit, author and date', async () => {
    const key = planted(fakeKeys.airclouLive())
    repository.write('app.js', 'console.log(1)\n').write('.env', `AIRCLOU_API_KEY=${key}\n`)
    const commit = repository.commit('oops', someone, '2024-03-02T09:00:00+00:00', { all: true })
    repository.remove('.env')
    repository.commit('remove .env', someone, '2024-03-03T09:00:00+00:00', { all: true })

    expect((await run(['scan'])).exitCode).toBe(0)
    const result = await run(['scan', '--history'])
    expect(result.exitCode, result.stderr).toBe(1)
    expect(result.stdout).toContain('.env:1:')
    expect(result.stdout).toContain(
      `history: commit ${commit.slice(0, 8)} by Ada Leaky <ada@example.invalid> on 2024-03-02, history only`,
    )

    const json = await run(['scan', '--history', '--format', 'json'])
    const report = JSON.parse(json.stdout) as ScanReport
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]!.location).toMatchObject({
      kind: 'history',
      path: '.env',
      commit,
      inHead: false,
      author: 'Ada Leaky <ada@example.invalid>',
    })
  })

  it('matches a prefixless Clodura value from the vault and names the key; rules alone miss it', async () => {
    const value = planted(fakeKeys.clodura())
    expect((await run(['init', ...vaultArgs()])).exitCode).toBe(0)
    const added = await run(['add', 'Clodura prod', '--provider', 'clodura', '--env', 'live', ...vaultArgs()], {
      stdin: value,
    })
    expect(added.exitCode, added.stderr).toBe(0)
    repository.write('deploy/settings.yml', `endpoint: https://api.example.invalid\nsession: ${value}\n`)
    repository.commit('deploy', someone, '2024-06-01T00:00:00+00:00', { all: true })

    const rulesOnly = await run(['scan'])
    expect(rulesOnly.exitCode).toBe(0)
    expect(rulesOnly.stdout).toContain('No secrets found.')
    // --no-vault wins over KEYWARD_VAULT.
    const refused = await run(['scan', '--no-vault'], { env: { KEYWARD_VAULT: vaultPath } })
    expect(refused.stdout).toContain('No secrets found.')

    const result = await run(['scan', ...vaultArgs()])
    expect(result.exitCode, result.stderr).toBe(1)
    expect(result.stdout).toContain('deploy/settings.yml:2:')
    expect(result.stdout).toContain('vault key: "Clodura prod", its current value (version 1): rotate it')
    // The leak reaches rotation: the key is marked leaked and `keyward due` fails on it.
    expect(result.stderr).toContain('1 vault key marked leaked')
    const due = await run(['due', '--json', ...vaultArgs()])
    expect(due.exitCode).toBe(1)
    expect(JSON.parse(due.stdout).keys.find((entry: { name: string }) => entry.name === 'Clodura prod')).toMatchObject({
      state: 'leaked',
    })

    const sarif = JSON.parse((await run(['scan', '--format', 'sarif', ...vaultArgs()])).stdout) as Log
    expect(sarif.runs[0]!.results![0]!.properties).toMatchObject({
      vaultKey: 'Clodura prod',
      provider: 'clodura',
      environment: 'live',
    })
  })

  it('leaves a key found only in a git-ignored or untracked file unmarked (stored here, not leaked); a committed copy marks it; due clear-leaked takes the mark back', async () => {
    const value = planted(fakeKeys.clodura())
    expect((await run(['init', ...vaultArgs()])).exitCode).toBe(0)
    expect(
      (await run(['add', 'Clodura prod', '--provider', 'clodura', '--env', 'live', ...vaultArgs()], { stdin: value }))
        .exitCode,
    ).toBe(0)
    repository.write('.gitignore', '.env\n').write('README.md', '# app\n').add('.gitignore', 'README.md')
    repository.commit('start', someone, '2024-06-01T00:00:00+00:00')
    // What `keyward export` writes, and a scratch file never added.
    repository.write('.env', `CLODURA_API_KEY=${value}\n`).write('notes/scratch.txt', `session: ${value}\n`)
    const stateOf = async () => {
      const due = await run(['due', '--json', ...vaultArgs()])
      return {
        exitCode: due.exitCode,
        state: JSON.parse(due.stdout).keys.find((entry: { name: string }) => entry.name === 'Clodura prod').state,
      }
    }

    const local = await run(['scan', '--format', 'json', '--history', ...vaultArgs()])
    expect(local.exitCode, local.stderr).toBe(0)
    expect(
      (JSON.parse(local.stdout) as ScanReport).findings
        .map((finding) => [finding.location.path, finding.exposure, finding.severity])
        .sort(byText),
    ).toEqual([
      ['.env', 'stored', 'low'],
      ['notes/scratch.txt', 'stored', 'low'],
    ])
    expect(local.stderr).toContain(
      '1 vault key is stored in plain text only in git-ignored or untracked files here (not leaked)',
    )
    expect(local.stderr).not.toContain('marked leaked')
    expect(await stateOf()).toEqual({ exitCode: 0, state: 'ok' })
    // The text report says what to do with a stored copy: not rotate, but keep the value in the vault only.
    const text = await run(['scan', ...vaultArgs()])
    expect(text.stdout).toContain('vault key: "Clodura prod", its current value (version 1): keep it in the vault only')
    expect(text.stdout).not.toContain('rotate it')

    repository.write('deploy.yml', `session: ${value}\n`).add('deploy.yml')
    repository.commit('deploy', someone, '2024-06-02T00:00:00+00:00')
    const committed = await run(['scan', ...vaultArgs()])
    expect(committed.stderr).toContain('1 vault key marked leaked')
    expect(committed.stderr).not.toContain('stored in plain text')
    expect(await stateOf()).toEqual({ exitCode: 1, state: 'leaked' })

    const cleared = await run(['due', 'clear-leaked', 'Clodura prod', ...vaultArgs()])
    expect(cleared.exitCode, cleared.stderr).toBe(0)
    expect(cleared.stdout).toMatch(/^Cleared the leaked mark of "Clodura prod"; it is ok/)
    expect(await stateOf()).toEqual({ exitCode: 0, state: 'ok' })
    const again = await run(['due', 'clear-leaked', 'Clodura prod', ...vaultArgs()])
    expect(again.stdout).toBe('"Clodura prod" is not marked leaked; nothing was changed.\n')
    const unknown = await run(['due', 'clear-leaked', 'No such key', ...vaultArgs()])
    expect(unknown.exitCode).not.toBe(0)
  })

  it('honours findings ignored in the vault, keeps where each key was seen, and draws progress only on a terminal', async () => {
    const value = planted(fakeKeys.clipiaLive())
    expect((await run(['init', ...vaultArgs()])).exitCode).toBe(0)
    expect(
      (await run(['add', 'Clipia prod', '--provider', 'clipia', '--env', 'live', ...vaultArgs()], { stdin: value }))
        .exitCode,
    ).toBe(0)
    repository.write('fixtures/recorded.json', `{"key": "${value}"}\n`)
    repository.commit('fixture', someone, '2024-06-01T00:00:00+00:00', { all: true })

    const first = await run(['scan', '--format', 'json', ...vaultArgs()], { stderrIsTTY: true })
    expect(first.exitCode).toBe(1)
    expect(first.stderr).toMatch(/Scanning the working tree: \d+ files, [\d.]+ MB, \d+ findings? \(Ctrl-C to stop\)/)
    const report = JSON.parse(first.stdout) as ScanReport
    expect(report.findings).toHaveLength(1)
    const { fingerprint } = report.findings[0]!

    // What the app stores when the user marks the finding accepted: the CLI honours it.
    const vault = await openVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
    try {
      const keyId = report.findings[0]!.vaultKey!.keyId
      expect(vault.scans.sightingsOf(keyId)).toEqual([
        expect.objectContaining({ version: 1, kind: 'tree', path: 'fixtures/recorded.json', line: 1, inHead: true }),
      ])
      vault.scans.ignore({
        fingerprint,
        reason: 'accepted',
        ruleId: report.findings[0]!.ruleId,
        path: 'fixtures/recorded.json',
        redactedSecret: report.findings[0]!.redactedSecret,
      })
    } finally {
      vault.close()
    }
    const again = await run(['scan', '--format', 'json', ...vaultArgs()])
    expect(again.exitCode, again.stderr).toBe(0)
    expect(again.stderr).toBe('')
    const second = JSON.parse(again.stdout) as ScanReport
    expect(second.findings).toEqual([])
    expect(second.suppressed).toEqual([expect.objectContaining({ fingerprint, suppressed: 'accepted' })])
  })

  it('says clearly when the folder does not exist', async () => {
    const result = await run(['scan', 'no/such/folder'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('There is no folder at')
    expect((await run(['scan', '--format', 'xml'])).exitCode).toBe(2)
    expect((await run(['scan', '--fail-on', 'sometimes'])).exitCode).toBe(2)
  })

  describe('JSON and SARIF', () => {
    const plantMixed = () => {
      const live = planted(fakeKeys.agentclaraLive())
      const test = planted(fakeKeys.clipiaTest())
      repository
        .write('src/client.ts', `export const key = '${live}'\n`)
        .write('src/dir with space/.env', `CLIPIA_API_KEY=${test}\n`)
        .write('allowed.env', `AGENTCLARA_API_KEY=${planted(fakeKeys.agentclaraLive())} # keyward:allow\n`)
      const commit = repository.commit('mixed', someone, '2024-07-01T00:00:00+00:00', { all: true })
      repository.write('staged.env', `AIRCLOU_API_KEY=${planted(fakeKeys.airclouLive())}\n`).add('staged.env')
      return commit
    }

    it('prints the report as JSON without a secret', async () => {
      plantMixed()
      const result = await run(['scan', '--staged', '--history', '--format', 'json', '--fail-on', 'none'])
      expect(result.exitCode, result.stderr).toBe(0)
      const report = JSON.parse(result.stdout) as ScanReport
      expect(report.scopes).toEqual({ tree: true, index: true, history: true })
      // What HEAD still holds is one finding, the working tree's, with the commit that brought it in.
      expect(new Set(report.findings.map((finding) => finding.location.kind))).toEqual(new Set(['tree', 'index']))
      expect(report.findings.find((finding) => finding.location.path === 'src/client.ts')!.location).toMatchObject({
        kind: 'tree',
        inHead: true,
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      })
      expect(report.suppressed.map((finding) => finding.suppressed)).toContain('inline_allow')
    })

    it('prints valid SARIF 2.1.0: rules, levels, relative locations, fingerprints, properties', async () => {
      const commit = plantMixed()
      const result = await run(['scan', '--history', '--format', 'sarif'])
      expect(result.exitCode).toBe(1)
      const sarif = JSON.parse(result.stdout) as Log

      const require = createRequire(import.meta.url)
      const schema = JSON.parse(
        readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
      )
      // The schema is draft-07 with a draft-04 style top-level "id" (ajv 8 wants "$id") and a
      // language pattern that only compiles without the u flag.
      delete schema.$schema
      schema.$id = schema.id
      delete schema.id
      const validate = new Ajv({
        strict: false,
        allErrors: true,
        validateFormats: false,
        unicodeRegExp: false,
      }).compile(schema)
      expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true)

      expect(sarif.version).toBe('2.1.0')
      expect(sarif.runs).toHaveLength(1)
      const run0 = sarif.runs[0]!
      expect(run0.tool.driver.name).toBe('Keyward')
      const ruleIds = run0.tool.driver.rules!.map((rule) => rule.id)
      const results = run0.results!
      for (const entry of results) {
        expect(ruleIds[entry.ruleIndex!]).toBe(entry.ruleId)
        const location = entry.locations![0]!.physicalLocation!
        expect(location.artifactLocation!.uri).not.toMatch(/^\/|^file:/)
        expect(location.region!.startLine).toBeGreaterThan(0)
        expect(location.region!.startColumn).toBeGreaterThan(0)
        expect(entry.partialFingerprints!['keyward/v1']).toMatch(/\S{16,}/)
      }
      const live = results.find(
        (entry) =>
          entry.locations![0]!.physicalLocation!.artifactLocation!.uri === 'src/client.ts' && !entry.suppressions,
      )!
      expect(live).toMatchObject({ ruleId: 'sk-secret-key', level: 'error' })
      expect(live.properties).toMatchObject({ locationKind: 'tree', commit, inHead: true })
      const test = results.find((entry) => entry.properties!.environment === 'test' && !entry.suppressions)!
      expect(test.level).toBe('warning')
      expect(test.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('src/dir%20with%20space/.env')
      expect(results.some((entry) => entry.suppressions?.[0]?.kind === 'inSource')).toBe(true)
    })
  })
})
