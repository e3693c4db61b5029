// Known values planted in a vault, then a whole working day of the app through the bridge: adding,
// editing, copying, failing auth tests against a provider that does not answer, refused requests that
// carry a value where it does not belong, a broken .env, a rotation, a scan of a repository holding the
// keys, the calendar, a backup, an unexpected crash inside a handler. Every answer but Reveal's, every
// line written to the console, and every file on disk but the explicit .env export are then searched:
// no planted value, nor its last 16 characters, appears anywhere.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { invokeMethod, type Handlers } from '../../../main/ipc/handlers'
import type { ScanRunStatus } from '#contract'
import { fakeKeys } from '../../support/fakeKeys'
import { GitRepository } from '../../support/gitRepository'
import { MASTER_PASSWORD, useIpcWorld } from '../../support/ipcWorld'

let repository: GitRepository
const answers: string[] = []
const consoleLines: string[] = []

/** Calls a method as the renderer does and keeps its whole answer, error or value, to search later. */
// This test also calls with hostile method names and arguments, so its answers go untyped.
// oxlint-disable-next-line typescript/no-explicit-any
const call = async (name: string, argument?: unknown): Promise<any> => {
  const result = await invokeMethod(world.handlers, name, argument)
  answers.push(JSON.stringify(result))
  return result.ok ? result.value : undefined
}

const filesUnder = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return entry.name === '.git' ? [] : filesUnder(path)
    return entry.isFile() ? [path] : []
  })

// Every console line from before main's services exist until after they are disposed.
beforeEach(() => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...parts: unknown[]) => {
      consoleLines.push(
        parts
          .map((part) => (part instanceof Error ? `${part.name}: ${part.message}\n${part.stack}` : String(part)))
          .join(' '),
      )
    })
  }
})
afterEach(() => {
  vi.restoreAllMocks()
})
const world = useIpcWorld({
  startsAt: '2026-11-01T09:00:00Z',
  services: () => ({
    scanThreads: 2,
    // Nothing listens here: every test call fails to connect.
    authTestTimeoutMilliseconds: 2_000,
  }),
})
beforeEach(() => {
  repository = GitRepository.create()
})
afterEach(() => {
  repository.dispose()
})

it('writes no planted value into an answer, a log line or a file it was not asked to export', async () => {
  const secrets = {
    clipia: fakeKeys.clipiaLive(),
    airclou: fakeKeys.airclouLive(),
    airclouNext: fakeKeys.airclouLive(),
    clodura: fakeKeys.clodura(),
    imported: fakeKeys.agentclaraLive(),
  }
  await call('createVault', { password: MASTER_PASSWORD })
  const clipia = await call('addKey', {
    name: 'Clipia prod',
    value: secrets.clipia,
    provider: 'clipia',
    tags: ['billing'],
  })
  const airclou = await call('addKey', {
    name: 'Airclou prod',
    value: secrets.airclou,
    provider: 'airclou',
    expiresAt: '2026-11-20',
  })
  const clodura = await call('addKey', {
    name: 'Clodura',
    value: secrets.clodura,
    provider: 'clodura',
    environment: 'live',
  })
  // Providers that cannot be reached: the tests fail, in words.
  for (const provider of ['clipia', 'airclou', 'clodura'])
    await call('setProviderBaseUrl', { providerId: provider, baseUrl: 'https://127.0.0.1:9' })

  await call('listKeys', {})
  await call('listKeys', { text: secrets.clipia.slice(0, 20) })
  await call('updateKey', { id: clipia.id, changes: { notes: 'used by billing' } })
  await call('copyKey', { id: clipia.id })
  await call('copyKeyEnvLine', { id: clipia.id })
  await call('testKey', { id: clipia.id })
  await call('startTestRun', {})
  await world.services.keyTests.settled()
  await call('getTestRun')

  // Requests that carry a value where it does not belong are refused without quoting it.
  await call('addKey', { name: 'Clipia prod', value: secrets.clipia })
  await call('addKey', { name: secrets.clipia, value: 'x'.repeat(70_000) })
  await call('updateKey', { id: secrets.airclou, changes: {} })
  await call('getKey', { id: secrets.clodura })
  await call('guessKey', { value: secrets.airclou })
  await call('unlockVault', { password: secrets.clodura })
  await call(secrets.clipia, { value: secrets.clipia })
  await call('startRotation', { id: airclou.id, value: secrets.airclou })

  // A .env with broken lines around the values.
  const envPath = join(world.temp.directory, 'services.env')
  writeFileSync(
    envPath,
    [`AGENTCLARA_API_KEY=${secrets.imported}`, `BROKEN="${secrets.clodura}`, `${secrets.clipia}`, 'PORT=3000'].join(
      '\n',
    ),
  )
  world.dialogs.answerNext(envPath)
  const preview = await call('previewEnvImport')
  await call('importEnv', {
    importId: preview.importId,
    entries: [{ line: 1, name: 'AgentClara', provider: 'agentclara', environment: 'live' }],
  })

  // A rotation, tested against nothing, forced through, confirmed.
  await call('startRotation', { id: airclou.id, value: secrets.airclouNext, expiresAt: null })
  await call('testRotation', { id: airclou.id })
  await call('promoteRotation', { id: airclou.id, force: true })
  await call('listKeyVersionHistory', { id: airclou.id })
  await call('confirmRotationRevoked', { id: airclou.id })
  await call('getRotationOverview')

  // A scan of a repository that holds them all, deleted and not.
  repository.write('.env', `CLIPIA_KEY=${secrets.clipia}\nAIRCLOU_KEY=${secrets.airclou}\n`)
  repository.commit('settings', { name: 'Dev', email: 'dev@example.invalid' }, '2026-10-01T10:00:00Z', { all: true })
  repository.remove('.env')
  repository.write('deploy.yml', `clodura: ${secrets.clodura}\nnext: ${secrets.airclouNext}\n`)
  repository.commit('deploy', { name: 'Dev', email: 'dev@example.invalid' }, '2026-10-02T10:00:00Z', { all: true })
  world.dialogs.answerNext(repository.root)
  const chosen = await call('chooseScanFolder')
  await call('startScan', { folder: chosen.folder, scopes: { tree: true, index: true, history: true } })
  let status: ScanRunStatus | undefined
  for (let attempt = 0; attempt < 300 && status?.state !== 'finished'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    status = await call('getScanRun')
  }
  expect(status?.state).toBe('finished')
  const results = await call('getScanResults')
  expect(results.findings.length).toBeGreaterThanOrEqual(4)
  await call('ignoreScanFinding', { fingerprint: results.findings[0].fingerprint, reason: 'accepted' })
  await call('testScanFinding', { fingerprint: results.findings[1].fingerprint })
  await call('listKeySightings', { id: clodura.id })

  // The calendar, the references and a backup: none of them is an export of values.
  world.dialogs.answerNext(join(world.temp.directory, 'due.ics'))
  await call('exportRotationCalendar')
  await call('getEnvironmentView', { environment: 'live' })
  world.dialogs.answerNext(join(world.temp.directory, 'live.env.template'))
  await call('exportEnvironmentTemplate', { environment: 'live' })
  await call('createBackup')
  await call('listAuditLog', {})

  // The one explicit export of values, kept out of the search.
  const exportPath = join(world.temp.directory, 'explicit-export.env')
  world.dialogs.answerNext(exportPath)
  await call('exportEnv', { environment: 'live' })
  expect(readFileSync(exportPath, 'utf8')).toContain(secrets.clodura)

  // Something unexpected inside a handler, its message quoting a value: the answer and the log stay clean.
  const crashing = {
    ...world.handlers,
    getKey: () => {
      throw new TypeError(`cannot read ${secrets.clipia}`)
    },
  } as Handlers
  const crashed = await invokeMethod(crashing, 'getKey', { id: clipia.id })
  answers.push(JSON.stringify(crashed))
  expect(crashed).toMatchObject({ ok: false, error: { code: 'internal' } })

  await call('lockVault')
  await call('unlockVault', { password: 'wrong password' })

  // The explicit export and the .env the user wrote are the two files allowed to hold values.
  const files = filesUnder(world.temp.directory).filter((path) => path !== exportPath && path !== envPath)
  expect(files.some((path) => path.endsWith('.ics'))).toBe(true)
  expect(files.some((path) => path.includes('backups'))).toBe(true)
  const haystacks: [string, Buffer][] = [
    ...answers.map((answer, index): [string, Buffer] => [
      `answer ${index}: ${answer.slice(0, 40)}`,
      Buffer.from(answer),
    ]),
    ['console', Buffer.from(consoleLines.join('\n'))],
    ...files
      .filter((path) => statSync(path).size < 50 * 1024 * 1024)
      .map((path): [string, Buffer] => [path, readFileSync(path)]),
  ]
  expect(consoleLines.length).toBeGreaterThan(0)
  for (const [name, secret] of Object.entries(secrets)) {
    for (const needle of [secret, secret.slice(-16)]) {
      const found = haystacks.filter(([, bytes]) => bytes.includes(Buffer.from(needle))).map(([where]) => where)
      expect(found, `${name} found`).toEqual([])
    }
  }
}, 60_000)
