// The agent's socket from a hostile client of the same user, against a real agent server on a real
// vault: garbage, unknown operations, a request too large, a client that stalls, another protocol
// version, and what the answers hold (masked keys, only the values asked for, never the key or the
// password); and a command facing an agent that speaks another version.
import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs'
import { createConnection, createServer, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { agentPathsFor, type AgentPaths } from '../../main/cli/agent/runtimeFolder'
import { startAgentServer, type AgentServer } from '../../main/cli/agent/server'
import { startAgent } from '../../main/cli/agent/startAgent'
import { PROTOCOL_VERSION } from '../../main/cli/agent/protocol'
import { runCli } from '../../main/cli/program'
import { createVault, openVault, type OpenVault } from '../../main/vault/index'
import { fakeKeys } from '../support/fakeKeys'
import { socketExchange } from '../support/socketExchange'
import { TEST_KDF_COST, makeTempDirectory } from '../support/tempVault'
import { fakeIo } from '../unit/cli/fakeCliIo'

const PASSWORD = 'correct horse battery staple'
const clipiaLive = fakeKeys.clipiaLive()
const clipiaTest = fakeKeys.clipiaTest()

let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let vault: OpenVault
let paths: AgentPaths
let server: AgentServer
let logged: string[]

/** Sends raw bytes (or nothing) and answers everything the agent wrote back before it closed the connection. */
const talk = (bytes: string | Buffer | null, connection: Socket = createConnection(paths.socket)): Promise<string> =>
  socketExchange(connection, bytes)
const ask = async (
  request: unknown,
): Promise<{ v: number; ok: boolean; value?: unknown; failure?: { message: string } }> =>
  JSON.parse(await talk(`${JSON.stringify(request)}\n`))

const start = async (options: { readTimeoutMs?: number; idleMs?: number; watchIntervalMs?: number } = {}) => {
  server = await startAgentServer({
    vault,
    paths,
    idleMs: options.idleMs ?? 60_000,
    readTimeoutMs: options.readTimeoutMs ?? 60_000,
    watchIntervalMs: options.watchIntervalMs ?? 60_000,
    log: (line) => logged.push(line),
    onLocked: () => {},
  })
}

beforeEach(async () => {
  temp = makeTempDirectory('keyward-agent-protocol-')
  vaultPath = join(temp.directory, 'vault.keyward')
  const made = await createVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
  made.keys.add({ name: 'Clipia live', value: clipiaLive })
  made.keys.add({ name: 'Clipia test', value: clipiaTest })
  made.close()
  vault = await openVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST, actor: 'cli via agent' })
  const runtime = join(temp.directory, 'run')
  mkdirSync(runtime, { mode: 0o700 })
  paths = agentPathsFor(vaultPath, { XDG_RUNTIME_DIR: runtime })
  mkdirSync(paths.folder, { mode: 0o700 })
  logged = []
})

afterEach(() => {
  server?.lock('asked')
  vault.close()
  // The agent's log never holds a value, the password or a request's content.
  for (const secret of [clipiaLive, clipiaTest, PASSWORD, 'Clipia']) expect(logged.join('\n')).not.toContain(secret)
  temp.cleanup()
})

describe('a hostile client', () => {
  it('gets a refusal for garbage, unknown operations and bad job input, and the agent keeps serving', async () => {
    await start()
    const refusals = [
      'not json at all\n',
      '{"v":1,"op":"key"}\n',
      '{"v":1,"op":"password"}\n',
      `${JSON.stringify({ v: 1, op: 'job', job: 'vaultKey', input: {} })}\n`,
      `${JSON.stringify({ v: 1, op: 'status', extra: true })}\n`,
      '\u0000\u00ff\n',
    ]
    for (const bytes of refusals) {
      expect(JSON.parse(await talk(bytes))).toEqual({
        v: PROTOCOL_VERSION,
        ok: false,
        failure: { kind: 'error', code: 'invalid_argument', message: 'That is not a request the agent knows.' },
      })
    }
    const badInput = await ask({ v: 1, op: 'job', job: 'resolve', input: { references: 'everything' } })
    expect(badInput).toMatchObject({
      ok: false,
      failure: { message: expect.stringMatching(/^The request for resolve is not valid/) },
    })
    const badScan = await ask({
      v: 1,
      op: 'job',
      job: 'scan',
      input: { root: 'relative/path', scopes: { tree: true, index: false, history: false } },
    })
    expect(badScan).toMatchObject({ ok: false, failure: { message: expect.stringContaining('absolute path') } })
    expect(await ask({ v: 1, op: 'status' })).toMatchObject({ ok: true, value: { keyCount: 2 } })
  })

  it('is let go at once when no answer can be made (the vault unreadable for a status), without a value', async () => {
    await start()
    // A real failure outside any job: the agent's database is closed under it, so the status's key count throws.
    vault.close()
    expect(await talk(`${JSON.stringify({ v: PROTOCOL_VERSION, op: 'status' })}\n`)).toBe('')
    expect(logged).toContain('could not answer a request (TypeError)')
  })

  it('is dropped when it stalls, or sends more than a request can hold, while others are answered', async () => {
    await start({ readTimeoutMs: 300 })
    const stalled = createConnection(paths.socket)
    const stalledAnswer = talk('{"v":1,"op":"sta', stalled)
    // Meanwhile another client is answered: one stalled connection holds nothing up.
    expect(await ask({ v: 1, op: 'status' })).toMatchObject({ ok: true })
    expect(await stalledAnswer).toBe('')
    expect(logged).toContain('dropped a client that sent no whole request in time')

    const silent = await talk(null)
    expect(silent).toBe('')
    const flood = await talk(Buffer.alloc(1024 * 1024, 'a'))
    expect(flood).toBe('')
    expect(logged).toContain('dropped a client whose request was too large')
    expect(await ask({ v: 1, op: 'status' })).toMatchObject({ ok: true })
  })

  it('gets masked keys from list and only the values it names from resolve, never the key or the password', async () => {
    await start()
    const listed = JSON.stringify(await ask({ v: 1, op: 'job', job: 'list', input: {} }))
    expect(listed).toContain('Clipia live')
    for (const secret of [clipiaLive, clipiaTest, PASSWORD]) expect(listed).not.toContain(secret)

    const reference = { text: 'keyward://Clipia test', name: 'Clipia test', path: null }
    const resolved = await ask({
      v: 1,
      op: 'job',
      job: 'resolve',
      input: { references: [reference], audit: { action: 'value read', subject: reference.text, detail: '' } },
    })
    expect(resolved).toEqual({
      v: 1,
      ok: true,
      value: { results: [{ ok: true, value: clipiaTest, keyName: 'Clipia test' }] },
    })
    expect(JSON.stringify(resolved)).not.toContain(clipiaLive)
    expect(JSON.stringify(await ask({ v: 1, op: 'status' }))).not.toContain(PASSWORD)
  })

  it('is refused when it speaks another protocol version, though any version may lock', async () => {
    await start()
    expect(await ask({ v: PROTOCOL_VERSION + 1, op: 'status' })).toMatchObject({
      ok: false,
      failure: { message: `This agent speaks protocol ${PROTOCOL_VERSION}.` },
    })
    expect(await ask({ v: 0, op: 'lock' })).toMatchObject({ ok: true })
    expect(await server.locked).toBe('asked')
    expect(existsSync(paths.socket)).toBe(false)
  })
})

describe('the agent locks itself', () => {
  it('after the idle time, removing its socket and closing the vault', async () => {
    await start({ idleMs: 200 })
    expect(await server.locked).toBe('idle')
    expect(existsSync(paths.socket)).toBe(false)
    expect(() => vault.keys.count()).toThrow()
  })

  it('after the idle time however often it is asked whether it is unlocked', async () => {
    await start({ idleMs: 300 })
    let locked = false
    void server.locked.then(() => (locked = true))
    while (!locked) await ask({ v: 1, op: 'status' }).catch(() => undefined)
    expect(await server.locked).toBe('idle')
  })

  it('when the vault file was replaced, at the next request, answering no value', async () => {
    await start()
    const copy = join(temp.directory, 'copy.keyward')
    copyFileSync(vaultPath, copy)
    renameSync(copy, vaultPath)
    const answer = await ask({ v: 1, op: 'job', job: 'list', input: {} })
    expect(answer).toEqual({
      v: PROTOCOL_VERSION,
      ok: false,
      failure: {
        kind: 'error',
        code: 'vault_locked',
        message: 'The vault file was replaced since it was unlocked, so the agent locked. Unlock again.',
      },
    })
    expect(await server.locked).toBe('vault changed')
    expect(existsSync(paths.socket)).toBe(false)
  })

  it('when the vault file was replaced, with no request at all', async () => {
    await start({ watchIntervalMs: 20 })
    const copy = join(temp.directory, 'copy.keyward')
    copyFileSync(vaultPath, copy)
    renameSync(copy, vaultPath)
    expect(await server.locked).toBe('vault changed')
    expect(existsSync(paths.socket)).toBe(false)
  })
})

describe('two agents started at once for one vault', () => {
  it('leave one: the second finds the first and answers its pid', async () => {
    const request = { vaultPath, password: PASSWORD, idleSeconds: 60, kdfCost: TEST_KDF_COST }
    const outcomes = await Promise.all(
      [0, 1].map(() =>
        startAgent(
          request,
          paths,
          (line) => logged.push(line),
          () => {},
        ),
      ),
    )
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['already', 'started'])
    for (const outcome of outcomes) if (outcome.kind === 'started') server = outcome.server
    expect(await ask({ v: 1, op: 'status' })).toMatchObject({ ok: true, value: { pid: process.pid } })
  })
})

describe('a command facing something else on the socket', () => {
  it('refuses an agent of another version, says how to fix it, and asks for the password instead', async () => {
    // A fake agent that answers every request as an older Keyward would.
    const older = createServer((connection) =>
      connection.once('data', () => connection.end('{"v":0,"ok":true,"value":{"keys":[],"total":0}}\n')),
    )
    await new Promise<void>((resolve) => older.listen(paths.socket, resolve))
    try {
      const io = fakeIo({
        cwd: temp.directory,
        env: { KEYWARD_VAULT: vaultPath, XDG_RUNTIME_DIR: join(temp.directory, 'run') },
      })
      expect(await runCli(['list'], io, { kdfCost: TEST_KDF_COST })).toBe(1)
      expect(io.err()).toContain(
        `The agent running for this vault is from another version of Keyward (protocol 0; this keyward speaks ${PROTOCOL_VERSION}). Run "keyward lock", then "keyward unlock". Asking for the master password instead.`,
      )
      expect(io.err()).toContain('There is no terminal to ask for the master password.')
      expect(io.out()).toBe('')
    } finally {
      await new Promise((resolve) => older.close(resolve))
    }
  })
})

describe('the list the agent keeps between requests', () => {
  const names = async (input: object = {}) => {
    const answer = await ask({ v: 1, op: 'job', job: 'list', input })
    return (answer.value as { keys: { name: string; versionCount: number }[] }).keys.map(
      (key) => `${key.name} v${key.versionCount}`,
    )
  }

  it('is answered again only while the vault is unchanged, whoever changed it', async () => {
    await start()
    expect(await names()).toEqual(['Clipia live v1', 'Clipia test v1'])
    expect(await names()).toEqual(['Clipia live v1', 'Clipia test v1'])
    expect(await names({ text: 'clipia test' })).toEqual(['Clipia test v1'])
    expect(await names()).toEqual(['Clipia live v1', 'Clipia test v1'])

    // Through the agent's own connection (what its jobs write goes this way).
    const live = vault.keys.findByName('Clipia live')!
    vault.keys.update(live.id, { value: fakeKeys.clipiaLive() })
    expect(await names()).toEqual(['Clipia live v2', 'Clipia test v1'])

    // Another process: a keyward with the password, on its own connection.
    const other = await openVault(vaultPath, PASSWORD, { kdfCost: TEST_KDF_COST })
    try {
      other.keys.add({ name: 'Airclou added', value: fakeKeys.clipiaTest() })
    } finally {
      other.close()
    }
    expect(await names()).toEqual(['Airclou added v1', 'Clipia live v2', 'Clipia test v1'])
  })
})
