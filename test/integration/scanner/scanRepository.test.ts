// The scanner on a real repository with keys planted in every place a key leaks to (a deleted .env, a
// branch never merged, an ignored file, an untracked one, a staged change, an old version of a vault
// key) among the decoys that are not leaks: exactly the expected findings, and nothing more.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScan, type Finding, type ScanReport, type VaultValue } from '../../../main/scanner/index'
import { GitRepository } from '../../support/gitRepository'
import { alice, bob, carol } from '../../support/gitAuthors'
import { fakeKeys, randomToken } from '../../support/fakeKeys'
import { byText } from '../../support/byText'

const awsAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const awsKey = () => `AKIA${Array.from(randomBytes(16), (byte) => awsAlphabet[byte % 32]).join('')}`
const digits = (count: number) => Array.from(randomBytes(count), (byte) => String(byte % 10)).join('')

const keys = {
  agentclaraLive: fakeKeys.agentclaraLive(),
  cloduraOld: fakeKeys.clodura(),
  cloduraCurrent: fakeKeys.clodura(),
  cloro: fakeKeys.cloro(),
  clipiaLive: fakeKeys.clipiaLive(),
  airclouLive: fakeKeys.airclouLive(),
  github: `ghp_${randomToken(36)}`,
  aws: awsKey(),
  slack: `xoxb-${digits(12)}-${digits(13)}-${randomToken(24)}`,
  stripeLive: `sk_live_${randomToken(28)}`,
}

const vaultValues: VaultValue[] = [
  {
    keyId: 'k-agentclara',
    keyName: 'AgentClara prod',
    version: 1,
    current: true,
    provider: 'agentclara',
    environment: 'live',
    value: keys.agentclaraLive,
  },
  {
    keyId: 'k-clodura',
    keyName: 'Clodura',
    version: 1,
    current: false,
    provider: 'clodura',
    environment: 'live',
    value: keys.cloduraOld,
  },
  {
    keyId: 'k-clodura',
    keyName: 'Clodura',
    version: 2,
    current: true,
    provider: 'clodura',
    environment: 'live',
    value: keys.cloduraCurrent,
  },
  {
    keyId: 'k-cloro',
    keyName: 'Cloro',
    version: 1,
    current: true,
    provider: 'cloro',
    environment: 'other',
    value: keys.cloro,
  },
]

const decoys = [
  '# AgentClara: curl -H "Authorization: Bearer sk_test_1234567890abcdef" https://api.agentclara.app/conversations',
  'AGENTCLARA_API_KEY=sk_test_1234567890abcdef',
  'Keys look like sk_test_1234567890abcdefghijklmnopqrst',
  'export AIRCLOU_API_KEY=ac_live_1234567890abcdef',
  'curl https://api.clipia.ai/v1/account -H "Authorization: Bearer $CLIPIA_KEY"',
  'const apiKey = process.env.AGENTCLARA_API_KEY',
  'api_key = process.env.API_KEY_V2_PRODUCTION',
  'token: 123e4567-e89b-12d3-a456-426614174000',
  'commit_token = "9fceb02d0ae598e95dc970b74767f19372d61af8"',
  'Authorization: Bearer YOUR_API_KEY',
].join('\n')

const packageLock = JSON.stringify(
  {
    name: 'demo',
    lockfileVersion: 3,
    packages: {
      'node_modules/left-pad': { version: '1.3.0', integrity: `sha512-${randomBytes(64).toString('base64')}` },
    },
  },
  null,
  2,
)

let repository: GitRepository
let commits: Record<'first' | 'second' | 'branch' | 'fourth', string>
let report: ScanReport

const byPlace = (finding: Finding) => `${finding.location.kind} ${finding.location.path}:${finding.location.line}`

beforeAll(async () => {
  repository = GitRepository.create()
  repository
    .write('.env', `AGENTCLARA_API_KEY=${keys.agentclaraLive}\nCLODURA_API_KEY=${keys.cloduraOld}\n`)
    .write('README.md', `${decoys}\n`)
    .write('package-lock.json', `${packageLock}\n`)
  const first = repository.commit('First version', alice, '2024-01-01T10:00:00+00:00', { all: true })
  repository.remove('.env').write('.gitignore', 'secrets.txt\n')
  const second = repository.commit('Remove the .env', bob, '2024-02-01T10:00:00+00:00', { all: true })
  repository.git('checkout', '-q', '-b', 'experiment')
  repository.write('scripts/deploy.sh', `curl -H "X-API-KEY: ${keys.cloro}" https://api.example.invalid/run\n`)
  const branch = repository.commit('Try a deploy script', carol, '2024-03-01T10:00:00+00:00', { all: true })
  repository.git('checkout', '-q', 'main')
  repository
    .write('src/client.ts', `const key = "${keys.clipiaLive}" // keyward:allow (a test fixture)\n`)
    .write('config.yml', `airclou:\n  key: ${keys.airclouLive}\n`)
    .write('ci.yml', `env:\n  GITHUB_TOKEN: ${keys.github}\n`)
  const fourth = repository.commit('Client and CI', alice, '2024-04-01T10:00:00+00:00', { all: true })
  commits = { first, second, branch, fourth }
  repository.write('secrets.txt', `aws_access_key_id = ${keys.aws}\n`)
  repository.write('notes.md', `slack bot: ${keys.slack}\n`)
  repository.write('staged.env', `STRIPE_SECRET_KEY=${keys.stripeLive}\n`).add('staged.env')
  report = await startScan({ root: repository.root, vaultValues })
}, 60_000)

afterAll(() => repository?.dispose())

describe('scanning a repository with keys in every place', () => {
  it('finds exactly the planted keys, each where it is', () => {
    expect(report.findings.map(byPlace).sort()).toEqual(
      [
        'history .env:1',
        'history .env:2',
        'history scripts/deploy.sh:1',
        'tree config.yml:2',
        'tree ci.yml:2',
        'tree secrets.txt:1',
        'tree notes.md:1',
        'tree staged.env:1',
        'index staged.env:1',
      ].sort(),
    )
    expect(report.problems).toEqual([])
    expect(report.canceled).toBe(false)
  })

  it('ties a deleted .env to the commit that introduced it and to the vault keys, old versions too', () => {
    const agentclara = report.findings.find((finding) => byPlace(finding) === 'history .env:1')!
    expect(agentclara).toMatchObject({
      ruleId: 'sk-secret-key',
      provider: 'agentclara',
      ambiguousWith: [],
      environment: 'live',
      vaultKey: { keyId: 'k-agentclara', version: 1, current: true },
      location: {
        commit: commits.first,
        author: 'Alice Example <alice@example.invalid>',
        date: '2024-01-01T10:00:00+00:00',
        inHead: false,
        gitIgnored: false,
      },
    })
    expect(agentclara.location.date).toBeDefined()
    const clodura = report.findings.find((finding) => byPlace(finding) === 'history .env:2')!
    expect(clodura).toMatchObject({
      ruleId: 'clodura-api-key',
      provider: 'clodura',
      vaultKey: { keyId: 'k-clodura', version: 1, current: false },
      location: { commit: commits.first, inHead: false },
    })
    expect(clodura.message).toContain('an older value')
  })

  it('finds a prefixless key on a branch never merged, by the vault', () => {
    const cloro = report.findings.find((finding) => byPlace(finding) === 'history scripts/deploy.sh:1')!
    expect(cloro).toMatchObject({
      provider: 'cloro',
      vaultKey: { keyId: 'k-cloro', current: true },
      location: { commit: commits.branch, author: 'Carol Example <carol@example.invalid>', inHead: false },
    })
    expect(cloro.snippet).toBe(`curl -H "X-API-KEY: ••••${keys.cloro.slice(-4)}" https://api.example.invalid/run`)
  })

  it('marks what is still in HEAD, ignored by git, untracked or only staged', () => {
    const place = (label: string) => report.findings.find((finding) => byPlace(finding) === label)!
    // Still in HEAD and in the files: one finding, the working tree's, with the commit that brought it in.
    expect(place('tree config.yml:2')).toMatchObject({
      ruleId: 'airclou-api-key',
      provider: 'airclou',
      environment: 'live',
      location: { commit: commits.fourth, inHead: true, versions: 1 },
    })
    expect(place('tree config.yml:2').location).toMatchObject({ inHead: true, gitIgnored: false, untracked: false })
    expect(place('tree ci.yml:2')).toMatchObject({
      ruleId: 'github-token',
      provider: 'github',
      location: { commit: commits.fourth },
    })
    expect(place('tree secrets.txt:1')).toMatchObject({
      ruleId: 'aws-access-key-id',
      location: { gitIgnored: true, untracked: true, inHead: false },
    })
    expect(place('tree notes.md:1')).toMatchObject({
      ruleId: 'slack-token',
      location: { gitIgnored: false, untracked: true },
    })
    expect(place('index staged.env:1')).toMatchObject({
      ruleId: 'sk-secret-key',
      provider: 'stripe',
      ambiguousWith: [],
      location: { inHead: false, commit: null },
    })
  })

  it('ranks vault keys first, then live keys above the rest', () => {
    const firstWithoutVault = report.findings.findIndex((finding) => finding.vaultKey === null)
    expect(report.findings.slice(0, firstWithoutVault).every((finding) => finding.vaultKey !== null)).toBe(true)
    expect(report.findings.slice(firstWithoutVault).every((finding) => finding.vaultKey === null)).toBe(true)
    const environments = report.findings.slice(firstWithoutVault).map((finding) => finding.environment)
    expect(environments.indexOf('other')).toBeGreaterThan(environments.lastIndexOf('live'))
  })

  it('keeps a line marked keyward:allow out of the findings', () => {
    expect(report.suppressed.map((finding) => [byPlace(finding), finding.suppressed]).sort(byText)).toEqual([
      ['tree src/client.ts:1', 'inline_allow'],
    ])
  })

  it('never holds a whole secret in the report, in any field', () => {
    const text = JSON.stringify(report)
    for (const value of Object.values(keys)) {
      expect(text).not.toContain(value)
      expect(text).not.toContain(value.slice(-16))
    }
  })

  it("reads the same through git's own pipe where no FIFO can be made (no mkfifo on the PATH)", async () => {
    const bin = mkdtempSync(join(tmpdir(), 'keyward-git-only-'))
    const path = process.env.PATH
    try {
      symlinkSync(execFileSync('which', ['git'], { encoding: 'utf8' }).trim(), join(bin, 'git'))
      process.env.PATH = bin
      const piped = await startScan({ root: repository.root, vaultValues })
      expect(piped.problems).toEqual(report.problems)
      expect(piped.findings.map(byPlace)).toEqual(report.findings.map(byPlace))
      expect(piped.stats.blobs).toBe(report.stats.blobs)
    } finally {
      process.env.PATH = path
      rmSync(bin, { recursive: true, force: true })
    }
  })

  it('counts the commits, blobs and files it read', () => {
    expect(report.stats.commits).toBe(4)
    expect(report.stats.blobs).toBeGreaterThanOrEqual(8)
    expect(report.stats.files).toBeGreaterThanOrEqual(9)
  })
})

describe('ignoring findings', () => {
  it('moves a finding marked by its fingerprint to the suppressed list, with why, and the fingerprint holds across scans', async () => {
    const fingerprintKey = randomBytes(32)
    const first = await startScan({
      root: repository.root,
      vaultValues,
      fingerprintKey,
      scopes: { history: false, index: false },
    })
    const notes = first.findings.find((finding) => finding.location.path === 'notes.md')!
    const second = await startScan({
      root: repository.root,
      vaultValues,
      fingerprintKey,
      scopes: { history: false, index: false },
      ignored: new Map([[notes.fingerprint, 'false_positive']]),
    })
    expect(second.findings.map(byPlace)).not.toContain('tree notes.md:1')
    expect(second.suppressed.find((finding) => finding.location.path === 'notes.md')?.suppressed).toBe('false_positive')
  })
})
