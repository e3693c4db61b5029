// A repository made to attack whoever scans it: its config, attributes, hooks and environment name a
// program for every way git can be made to run one (each writes a marker file), it hides secrets behind
// replace refs and grafts, takes objects from another repository, and links folders outside. Scanned
// through the CLI and the app's scan service, tree, staged and history: no marker appears, nothing
// outside is read, hidden secrets are found, and the report says what was refused.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../main/cli/program'
import type { ScanReport } from '../../main/scanner/index'
import type { ScanResults, ScanRunStatus } from '#contract'
import { fakeKeys } from '../support/fakeKeys'
import { GitRepository } from '../support/gitRepository'
import { useIpcWorld } from '../support/ipcWorld'
import { TEST_KDF_COST, makeTempDirectory } from '../support/tempVault'
import { fakeIo } from '../unit/cli/fakeCliIo'

const someone = { name: 'Mallory', email: 'mallory@example.invalid' }

let temp: ReturnType<typeof makeTempDirectory>
let markers: string
let outside: string

/** A program that leaves a marker named `name` when git runs it. */
const markerProgram = (name: string): string => {
  const path = join(temp.directory, 'programs', name)
  mkdirSync(join(temp.directory, 'programs'), { recursive: true })
  writeFileSync(path, `#!/bin/sh\ntouch '${join(markers, name)}'\nexit 1\n`, { mode: 0o755 })
  return path
}

const markersLeft = (): string[] => readdirSync(markers)

const lastFour = (secret: string): string => secret.slice(-4)

interface Planted {
  /** Committed, then hidden from `git cat-file` by a replace ref: history must still find it. */
  replaced: string
  /** Committed on a commit a graft cuts off: history must still find it. */
  grafted: string
  /** In a folder outside the repository that a tracked folder was replaced with a link to. */
  linkedOutside: string
  /** In a folder inside the tree that a second name links to: found once. */
  linkedInside: string
}

/** The repository every vector is planted in (alternates have their own: they stop the object scopes). */
const hostileRepository = (): { repository: GitRepository; planted: Planted } => {
  const repository = GitRepository.create('keyward-hostile-', join(temp.directory, 'repositories'))
  const planted: Planted = {
    replaced: fakeKeys.clipiaLive(),
    grafted: fakeKeys.clipiaLive(),
    linkedOutside: fakeKeys.clipiaLive(),
    linkedInside: fakeKeys.clipiaLive(),
  }
  // Attributes that send every file through a textconv and a filter driver.
  repository.write('.gitattributes', '* diff=conv filter=clean-smudge\n')
  repository.write('config/app.env', 'APP_NAME=demo\n')
  repository.write('hidden.env', `CLIPIA_API_KEY=${planted.replaced}\n`)
  repository.commit('first', someone, '2024-01-01T10:00:00Z', { all: true })
  const secretBlob = repository.blobId('HEAD', 'hidden.env')
  repository.remove('hidden.env')
  repository.write('grafted.env', `CLIPIA_API_KEY=${planted.grafted}\n`)
  repository.commit('second', someone, '2024-01-02T10:00:00Z', { all: true })
  repository.remove('grafted.env')
  repository.write('README.md', '# demo\n')
  const cut = repository.commit('third', someone, '2024-01-03T10:00:00Z', { all: true })
  // A replace ref shows a harmless blob wherever git reads the secret's.
  const harmless = repository.blobId('HEAD', 'README.md')
  repository.git('replace', '-f', secretBlob, harmless)
  // A signed commit on top: `git log` verifies it with gpg.program when log.showSignature is on.
  const tree = repository.git('rev-parse', 'HEAD^{tree}').trim()
  const signed = [
    `tree ${tree}`,
    `parent ${cut}`,
    'author Mallory <mallory@example.invalid> 1704362400 +0000',
    'committer Mallory <mallory@example.invalid> 1704362400 +0000',
    'gpgsig -----BEGIN PGP SIGNATURE-----',
    ' ',
    ' iQEzBAABCAAdFiEEkeyward',
    ' -----END PGP SIGNATURE-----',
    '',
    'signed',
    '',
  ].join('\n')
  writeFileSync(join(temp.directory, 'signed-commit'), signed)
  const signedCommit = repository.git('hash-object', '-t', 'commit', '-w', join(temp.directory, 'signed-commit')).trim()
  repository.git('update-ref', 'refs/heads/main', signedCommit)
  // A graft cuts the history at the third commit: the first two (and their blobs) drop out of a walk.
  writeFileSync(join(repository.root, '.git', 'info', 'grafts'), `${cut}\n`)

  // A partial clone whose missing objects git would fetch over ssh, running core.sshCommand; the index
  // names a blob that is not there.
  repository.git('config', 'core.repositoryformatversion', '1')
  repository.git('config', 'extensions.partialClone', 'origin')
  repository.git('config', 'remote.origin.url', 'ssh://attacker.invalid/repository.git')
  repository.git('config', 'remote.origin.promisor', 'true')
  repository.git('update-index', '--add', '--cacheinfo', `100644,${'1'.repeat(40)},missing.env`)

  // A linked folder inside (a second name for docs/) and a tracked folder replaced by a link outside.
  repository.write('docs/key.env', `CLIPIA_API_KEY=${planted.linkedInside}\n`)
  symlinkSync('docs', join(repository.root, 'docs-alias'))
  const elsewhere = mkdtempSync(join(outside, 'folder-'))
  mkdirSync(join(elsewhere, 'config'))
  writeFileSync(join(elsewhere, 'config', 'app.env'), `CLIPIA_API_KEY=${planted.linkedOutside}\n`)
  rmSync(join(repository.root, 'config'), { recursive: true })
  symlinkSync(join(elsewhere, 'config'), join(repository.root, 'config'))
  symlinkSync(elsewhere, join(repository.root, 'untracked-link'))

  // Config last (building the repository above would run its hooks otherwise).
  const hooks = join(temp.directory, 'hooks')
  mkdirSync(hooks, { recursive: true })
  for (const hook of ['pre-commit', 'post-index-change', 'reference-transaction', 'post-checkout', 'pre-auto-gc']) {
    writeFileSync(join(hooks, hook), `#!/bin/sh\ntouch '${join(markers, `hook-${hook}`)}'\n`, { mode: 0o755 })
  }
  const config: Array<[string, string]> = [
    ['core.fsmonitor', markerProgram('fsmonitor')],
    ['core.hooksPath', hooks],
    ['core.pager', markerProgram('pager')],
    ['pager.log', markerProgram('pager-log')],
    ['core.editor', markerProgram('editor')],
    ['sequence.editor', markerProgram('sequence-editor')],
    ['diff.external', markerProgram('diff-external')],
    ['diff.conv.textconv', markerProgram('textconv')],
    ['diff.conv.command', markerProgram('diff-command')],
    ['filter.clean-smudge.clean', markerProgram('filter-clean')],
    ['filter.clean-smudge.smudge', markerProgram('filter-smudge')],
    ['filter.clean-smudge.process', markerProgram('filter-process')],
    ['log.showSignature', 'true'],
    ['gpg.program', markerProgram('gpg')],
    ['gpg.openpgp.program', markerProgram('gpg-openpgp')],
    ['core.sshCommand', markerProgram('ssh')],
    ['core.gitProxy', markerProgram('git-proxy')],
    ['core.askPass', markerProgram('askpass')],
    ['credential.helper', `!${markerProgram('credential-helper')}`],
    ['core.alternateRefsCommand', markerProgram('alternate-refs')],
    ['gc.auto', '1'],
  ]
  for (const [key, value] of config) repository.git('config', key, value)
  // An included file overrides the fsmonitor above with its own.
  const included = join(outside, 'included.config')
  writeFileSync(included, `[core]\n\tfsmonitor = ${markerProgram('included-fsmonitor')}\n`)
  repository.git('config', 'include.path', included)
  return { repository, planted }
}

/** A repository with a clean-looking history whose objects come from another repository (alternates). */
const repositoryWithAlternates = (): GitRepository => {
  const elsewhere = GitRepository.create('keyward-elsewhere-', join(temp.directory, 'repositories'))
  elsewhere.write('secret.env', `CLIPIA_API_KEY=${fakeKeys.clipiaLive()}\n`)
  const commit = elsewhere.commit('elsewhere', someone, '2024-01-01T10:00:00Z', { all: true })
  const repository = GitRepository.create('keyward-alternates-', join(temp.directory, 'repositories'))
  writeFileSync(
    join(repository.root, '.git', 'objects', 'info', 'alternates'),
    `${join(elsewhere.root, '.git', 'objects')}\n`,
  )
  repository.git('update-ref', 'refs/heads/main', commit)
  repository.write('notes.txt', 'nothing here\n')
  return repository
}

/** Variables a parent process could hand down that change what git reads or runs. */
const hostileEnvironment = (): Record<string, string> => {
  const elsewhere = GitRepository.create('keyward-env-', join(temp.directory, 'repositories'))
  return {
    GIT_DIR: join(elsewhere.root, '.git'),
    GIT_WORK_TREE: elsewhere.root,
    GIT_TRACE: join(markers, 'git-trace'),
    GIT_TRACE2_EVENT: join(markers, 'git-trace2'),
    GIT_SSH_COMMAND: markerProgram('env-ssh'),
    GIT_ASKPASS: markerProgram('env-askpass'),
    SSH_ASKPASS: markerProgram('env-ssh-askpass'),
    GIT_EXTERNAL_DIFF: markerProgram('env-external-diff'),
    GIT_PAGER: markerProgram('env-pager'),
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'core.fsmonitor',
    GIT_CONFIG_VALUE_0: markerProgram('env-config-fsmonitor'),
    GIT_ALTERNATE_OBJECT_DIRECTORIES: join(elsewhere.root, '.git', 'objects'),
    // The user's own config (read from here when nothing says otherwise) writes a trace file.
    XDG_CONFIG_HOME: userConfigHome(),
  }
}

const userConfigHome = (): string => {
  const home = join(temp.directory, 'xdg')
  mkdirSync(join(home, 'git'), { recursive: true })
  writeFileSync(join(home, 'git', 'config'), `[trace2]\n\teventTarget = ${join(markers, 'user-config-trace2')}\n`)
  return home
}

const saved: Record<string, string | undefined> = {}

beforeAll(() => {
  temp = makeTempDirectory('keyward-hostile-')
  markers = join(temp.directory, 'markers')
  outside = join(temp.directory, 'outside')
  mkdirSync(markers, { recursive: true })
  mkdirSync(outside, { recursive: true })
  // Handed down from the parent, as a shell or a hook runner would (git is spawned from this process).
  for (const [name, value] of Object.entries(hostileEnvironment())) {
    saved[name] = process.env[name]
    process.env[name] = value
  }
})
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  temp.cleanup()
})
afterEach(() => {
  const left = markersLeft()
  for (const marker of left) rmSync(join(markers, marker))
  expect(left, 'a program the repository or the environment named was run').toEqual([])
})

const findingsOf = (report: {
  findings: Array<{ location?: { path: string }; path?: string; redactedSecret: string }>
}) => report.findings.map((finding) => `${finding.location?.path ?? finding.path} ${finding.redactedSecret.slice(-4)}`)

describe('a hostile repository scanned through the CLI', () => {
  const scan = async (root: string, args: string[]): Promise<ScanReport> => {
    const io = fakeIo({ cwd: root })
    const exitCode = await runCli(['scan', '--no-vault', '--format', 'json', '--fail-on', 'none', ...args], io, {
      kdfCost: TEST_KDF_COST,
    })
    expect(exitCode, io.err()).toBe(0)
    return JSON.parse(io.out()) as ScanReport
  }

  it(
    'runs nothing it names, reads nothing outside, and finds what replace refs and grafts hide',
    { timeout: 60_000 },
    async () => {
      const { repository, planted } = hostileRepository()
      const report = await scan(repository.root, ['--staged', '--history'])
      const found = findingsOf(report)
      expect(found).toContain(`hidden.env ${lastFour(planted.replaced)}`)
      expect(found).toContain(`grafted.env ${lastFour(planted.grafted)}`)
      // Read once, under its own name; never through the link.
      expect(found.filter((entry) => entry.endsWith(lastFour(planted.linkedInside)))).toEqual([
        `docs/key.env ${lastFour(planted.linkedInside)}`,
      ])
      expect(found.some((entry) => entry.endsWith(lastFour(planted.linkedOutside)))).toBe(false)
      expect(report.problems).toContainEqual(
        expect.objectContaining({
          code: 'outside_folder',
          subject: 'config/app.env',
          message: expect.stringContaining('outside the scanned folder'),
        }),
      )
      // The missing blob of the partial clone is reported, not fetched.
      expect(report.problems).toContainEqual(
        expect.objectContaining({ code: 'missing_object', subject: expect.stringContaining('missing.env') }),
      )
      expect(report.repository).toBe(repository.root)
    },
  )

  it('with --staged-only, as the pre-commit hook runs it', { timeout: 60_000 }, async () => {
    const { repository } = hostileRepository()
    const report = await scan(repository.root, ['--staged-only'])
    expect(report.scopes).toEqual({ tree: false, index: true, history: false })
  })

  it(
    'scans the folder itself when core.worktree puts the work tree elsewhere, reading nothing there',
    { timeout: 60_000 },
    async () => {
      const repository = GitRepository.create('keyward-worktree-', join(temp.directory, 'repositories'))
      const here = fakeKeys.clipiaLive()
      const there = fakeKeys.clipiaLive()
      repository.write('local.env', `CLIPIA_API_KEY=${here}\n`)
      const elsewhere = mkdtempSync(join(outside, 'worktree-'))
      writeFileSync(join(elsewhere, 'other.env'), `CLIPIA_API_KEY=${there}\n`)
      repository.git('config', 'core.worktree', elsewhere)
      const report = await scan(repository.root, ['--staged', '--history'])
      expect(findingsOf(report)).toEqual([`local.env ${lastFour(here)}`])
      expect(report.problems).toContainEqual(
        expect.objectContaining({
          code: 'worktree_elsewhere',
          message: expect.stringContaining(`puts its work tree at ${elsewhere}`),
        }),
      )
    },
  )

  // Needs a second user to own the repository: chown works for root only.
  it.runIf(process.getuid?.() === 0)(
    'leaves a repository another user owns to git, which refuses it, and says so',
    { timeout: 60_000 },
    async () => {
      const repository = GitRepository.create('keyward-foreign-', join(temp.directory, 'repositories'))
      const key = fakeKeys.clipiaLive()
      repository.write('app.env', `CLIPIA_API_KEY=${key}\n`)
      repository.commit('app', someone, '2024-01-01T10:00:00Z', { all: true })
      execFileSync('chown', ['-R', '65534:65534', repository.root])
      const report = await scan(repository.root, ['--history'])
      expect(report.repository).toBeNull()
      expect(findingsOf(report)).toEqual([`app.env ${lastFour(key)}`])
      expect(report.problems).toContainEqual(
        expect.objectContaining({
          code: 'repository_refused',
          message: expect.stringContaining('detected dubious ownership'),
        }),
      )
    },
  )

  it('reads no object of another repository its alternates name, and says so', { timeout: 60_000 }, async () => {
    const repository = repositoryWithAlternates()
    const report = await scan(repository.root, ['--staged', '--history'])
    expect(report.findings).toEqual([])
    expect(report.stats.blobs).toBe(0)
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        code: 'objects_outside',
        message: expect.stringContaining('alternates (objects/info/alternates) name'),
      }),
    )
  })
})

describe('a hostile repository scanned from the app', () => {
  const world = useIpcWorld({
    startsAt: '2026-11-01T09:00:00Z',
    createVault: true,
    services: () => ({ scanThreads: 2 }),
  })
  const { call } = world

  const scanFolder = async (root: string): Promise<ScanResults> => {
    world.dialogs.answerNext(root)
    const chosen = await call('chooseScanFolder')
    if (chosen.canceled) throw new Error('the scripted dialog was canceled')
    await call('startScan', { folder: chosen.folder, scopes: { tree: true, index: true, history: true } })
    let status: ScanRunStatus | null = null
    for (let attempt = 0; attempt < 1200 && (!status || status.state === 'running'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      status = await call('getScanRun')
    }
    expect(status).toMatchObject({ state: 'finished', error: null })
    return (await call('getScanResults'))!
  }

  it('runs nothing, reads nothing outside, and shows what it refused', { timeout: 60_000 }, async () => {
    const { repository, planted } = hostileRepository()
    const results = await scanFolder(repository.root)
    const found = findingsOf(results)
    expect(found).toContain(`hidden.env ${lastFour(planted.replaced)}`)
    expect(found).toContain(`grafted.env ${lastFour(planted.grafted)}`)
    expect(found.some((entry) => entry.endsWith(lastFour(planted.linkedOutside)))).toBe(false)
    expect(found.filter((entry) => entry.endsWith(lastFour(planted.linkedInside)))).toHaveLength(1)
    expect(results.problems).toContainEqual(
      expect.objectContaining({ code: 'outside_folder', subject: 'config/app.env' }),
    )
  })

  it('reads no object its alternates name', { timeout: 60_000 }, async () => {
    const results = await scanFolder(repositoryWithAlternates().root)
    expect(results.findings).toEqual([])
    expect(results.problems).toContainEqual(expect.objectContaining({ code: 'objects_outside' }))
  })
})
