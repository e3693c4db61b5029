import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contract, methodNames, type MethodName, type Result } from '#contract'
import {
  createHandlers,
  createServices,
  disposeServices,
  type Handlers,
  type MainServices,
} from '../../../main/ipc/handlers'
import { registerContractHandlers, type IpcMainLike } from '../../../main/ipc/register'
import { createSenderCheck, type SenderEventLike } from '../../../main/ipc/senderCheck'
import { ManualClock } from '../../support/manualClock'
import { MemoryClipboard } from '../../support/memoryClipboard'
import { ScriptedDialogs } from '../../support/scriptedDialogs'
import { ScriptedConfirmations } from '../../support/scriptedConfirmations'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'

type Listener = (event: SenderEventLike, ...args: unknown[]) => unknown

/** Records handlers the way Electron's ipcMain does, including its refusal of a second handler. */
class FakeIpcMain implements IpcMainLike<SenderEventLike> {
  readonly listeners = new Map<string, Listener>()
  readonly handleCalls: string[] = []
  readonly removeCalls: string[] = []

  handle(channel: string, listener: Listener): void {
    this.handleCalls.push(channel)
    if (this.listeners.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    }
    this.listeners.set(channel, listener)
  }

  removeHandler(channel: string): void {
    this.removeCalls.push(channel)
    this.listeners.delete(channel)
  }

  /** What ipcRenderer.invoke(channel, ...args) would get back. */
  async invoke(event: SenderEventLike, channel: string, ...args: unknown[]): Promise<Result<unknown>> {
    const listener = this.listeners.get(channel)
    if (!listener) throw new Error(`No handler registered for '${channel}'`)
    return (await listener(event, ...args)) as Result<unknown>
  }
}

const appEvent: SenderEventLike = { senderFrame: { url: 'app://keyward/index.html', parent: null } }
const remoteEvent: SenderEventLike = { senderFrame: { url: 'https://evil.example/', parent: null } }
const subframeEvent: SenderEventLike = {
  senderFrame: { url: 'app://keyward/index.html', parent: { url: 'app://keyward/index.html', parent: null } },
}

const lockedStatus = {
  state: 'locked' as const,
  vaultPath: '/tmp/vault.keyward',
  keyCount: null,
  autoLockMinutes: 5,
  lockInSeconds: null,
  lockedBecause: null,
}

/** Handlers that record every call; only the methods these tests reach answer something valid. */
const recordingHandlers = () => {
  const calls: { name: MethodName; argument: unknown }[] = []
  const handlers = Object.fromEntries(
    methodNames.map((name) => [
      name,
      (argument: unknown) => {
        calls.push({ name, argument })
        if (name === 'getVaultStatus' || name === 'lockVault' || name === 'unlockVault') return lockedStatus
        if (name === 'deleteKey') return { deleted: true }
        throw new Error(`${name} is not scripted in this test`)
      },
    ]),
  ) as unknown as Handlers
  return { handlers, calls }
}

describe('registerContractHandlers', () => {
  let ipcMain: FakeIpcMain
  let recorded: ReturnType<typeof recordingHandlers>
  const isTrustedSender = createSenderCheck()

  beforeEach(() => {
    ipcMain = new FakeIpcMain()
    recorded = recordingHandlers()
  })

  it('registers every contract channel exactly once, and nothing else', () => {
    registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender)
    const channels = Object.values(contract).map((method) => method.channel)
    expect(ipcMain.handleCalls).toHaveLength(channels.length)
    expect(new Set(ipcMain.handleCalls)).toEqual(new Set(channels))
    expect(new Set(channels).size).toBe(channels.length)
  })

  it('unregister removes every channel it registered', () => {
    const unregister = registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender)
    unregister()
    expect(ipcMain.listeners.size).toBe(0)
    expect(new Set(ipcMain.removeCalls)).toEqual(new Set(Object.values(contract).map((method) => method.channel)))
    // A second call is harmless, and the channels can be registered again afterwards.
    unregister()
    expect(ipcMain.removeCalls).toHaveLength(methodNames.length)
    expect(() => registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender)).not.toThrow()
  })

  it('leaves nothing registered when a channel is already taken', () => {
    ipcMain.handle(contract.listKeys.channel, () => undefined)
    expect(() => registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender)).toThrow(/second handler/)
    expect([...ipcMain.listeners.keys()]).toEqual([contract.listKeys.channel])
  })

  it('runs a call from the app window and answers its value', async () => {
    registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender)
    const result = await ipcMain.invoke(appEvent, contract.getVaultStatus.channel, undefined)
    expect(result).toEqual({ ok: true, value: lockedStatus })
    expect(recorded.calls).toEqual([{ name: 'getVaultStatus', argument: undefined }])
  })

  it.each([
    ['a remote page', remoteEvent],
    ['a subframe', subframeEvent],
    ['a frame that is gone', { senderFrame: null }],
  ])('refuses %s with forbidden_sender and runs nothing', async (_label, event) => {
    registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender)
    const result = await ipcMain.invoke(event, contract.deleteKey.channel, { id: 'key-1' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('forbidden_sender')
      expect(result.error.message).not.toBe('')
    }
    expect(recorded.calls).toEqual([])
  })

  it('refuses the sender before looking at the argument', async () => {
    registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender)
    const result = await ipcMain.invoke(remoteEvent, contract.unlockVault.channel, { password: 42 })
    expect(result.ok || result.error.code).toBe('forbidden_sender')
  })

  it('treats a sender check that throws as a refusal', async () => {
    registerContractHandlers(ipcMain, recorded.handlers, () => {
      throw new Error('frame disposed')
    })
    const result = await ipcMain.invoke(appEvent, contract.lockVault.channel, undefined)
    expect(result.ok || result.error.code).toBe('forbidden_sender')
    expect(recorded.calls).toEqual([])
  })

  it.each([
    ['unlockVault', { password: 42 }],
    ['unlockVault', undefined],
    ['deleteKey', { id: '' }],
    ['deleteKey', 'key-1'],
    ['getVaultStatus', { unexpected: true }],
  ] as const)('answers invalid_argument to %s(%j) without running it', async (name, argument) => {
    registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender)
    const result = await ipcMain.invoke(appEvent, contract[name].channel, argument)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('invalid_argument')
    expect(recorded.calls).toEqual([])
  })

  it('refuses a call carrying more than one argument', async () => {
    registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender)
    const result = await ipcMain.invoke(appEvent, contract.deleteKey.channel, { id: 'key-1' }, 'extra')
    expect(result.ok || result.error.code).toBe('invalid_argument')
    expect(recorded.calls).toEqual([])
  })

  it('turns a handler that throws into an error value, never a rejection', async () => {
    registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender)
    const result = await ipcMain.invoke(appEvent, contract.listProviders.channel, undefined)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('internal')
  })

  it('answers internal even if the invoker itself throws', async () => {
    registerContractHandlers(ipcMain, recorded.handlers, isTrustedSender, async () => {
      throw new Error('boom')
    })
    const result = await ipcMain.invoke(appEvent, contract.getVaultStatus.channel, undefined)
    expect(result.ok || result.error.code).toBe('internal')
  })
})

describe('registerContractHandlers with the real handlers', () => {
  let temp: ReturnType<typeof makeTempDirectory>
  let services: MainServices

  beforeEach(() => {
    temp = makeTempDirectory()
    services = createServices({
      vaultPath: tempVaultPath(temp.directory),
      clipboard: new MemoryClipboard(),
      dialogs: new ScriptedDialogs(),
      confirmations: new ScriptedConfirmations(),
      clock: new ManualClock(),
      kdfCost: TEST_KDF_COST,
    })
  })
  afterEach(async () => {
    await disposeServices(services)
    temp.cleanup()
  })

  it('creates a vault through the channel and refuses a forbidden sender on the same channel', async () => {
    const ipcMain = new FakeIpcMain()
    registerContractHandlers(ipcMain, createHandlers(services), createSenderCheck())

    const refused = await ipcMain.invoke(remoteEvent, contract.createVault.channel, { password: 'correct horse' })
    expect(refused.ok || refused.error.code).toBe('forbidden_sender')
    const status = await ipcMain.invoke(appEvent, contract.getVaultStatus.channel, undefined)
    expect(status.ok && (status.value as { state: string }).state).toBe('missing')

    const created = await ipcMain.invoke(appEvent, contract.createVault.channel, { password: 'correct horse' })
    expect(created.ok && (created.value as { state: string }).state).toBe('unlocked')

    const tooShort = await ipcMain.invoke(appEvent, contract.changeMasterPassword.channel, {
      currentPassword: 'correct horse',
      newPassword: 'short',
    })
    expect(tooShort.ok || tooShort.error.code).toBe('invalid_argument')
  })
})
