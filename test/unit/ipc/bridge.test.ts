import { describe, expect, it } from 'vitest'
import { buildBridgeApi } from '../../../preload/bridge'
import { contract, methodNames } from '#contract'

const recordingInvoke = () => {
  const calls: { channel: string; argument: unknown }[] = []
  const invoke = async (channel: string, argument: unknown) => {
    calls.push({ channel, argument })
    return { ok: true, value: channel }
  }
  return { invoke, calls }
}

describe('the preload bridge (window.keyward)', () => {
  it('has exactly one function per contract method and nothing else', () => {
    const api = buildBridgeApi(recordingInvoke().invoke)
    expect(Object.keys(api).sort()).toEqual([...methodNames].sort())
    for (const name of methodNames) expect(typeof api[name]).toBe('function')
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('ipcRenderer')
    expect(api).not.toHaveProperty('send')
  })

  it('sends each method on its own channel with the one argument given', async () => {
    const { invoke, calls } = recordingInvoke()
    const api = buildBridgeApi(invoke)
    for (const name of methodNames) {
      const call = api[name] as (argument?: unknown) => Promise<unknown>
      await expect(call({ marker: name })).resolves.toEqual({ ok: true, value: contract[name].channel })
    }
    expect(calls).toEqual(methodNames.map((name) => ({ channel: contract[name].channel, argument: { marker: name } })))
  })

  it('passes only the first argument across', async () => {
    const { invoke, calls } = recordingInvoke()
    const api = buildBridgeApi(invoke)
    const deleteKey = api.deleteKey as unknown as (...args: unknown[]) => Promise<unknown>
    await deleteKey({ id: 'a' }, 'extra', { more: true })
    expect(calls).toEqual([{ channel: contract.deleteKey.channel, argument: { id: 'a' } }])
  })

  it('sends undefined for methods called without an argument', async () => {
    const { invoke, calls } = recordingInvoke()
    await buildBridgeApi(invoke).getVaultStatus()
    expect(calls).toEqual([{ channel: 'vault:status', argument: undefined }])
  })

  it('is frozen, so a page script cannot swap a method', () => {
    const api = buildBridgeApi(recordingInvoke().invoke)
    expect(Object.isFrozen(api)).toBe(true)
  })
})
