// Using keys without copying their values, from the app: a key as NAME=value (a secret: cleared like a
// copied value), its keyward:// reference (not a secret), and an environment as a template of
// references with whether each resolves; the template saved through main's dialog holds no value.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fakeKeys } from '../../support/fakeKeys'
import { useIpcWorld } from '../../support/ipcWorld'

const world = useIpcWorld({ startsAt: '2026-11-01T09:00:00Z', createVault: true })
const { call, callError } = world

describe('keys as env lines, references and templates', () => {
  it('copies NAME=value and clears it after 30 s; copies the reference and leaves it', async () => {
    const value = fakeKeys.clipiaLive()
    const key = await call('addKey', { name: 'Clipia prod', value, provider: 'clipia' })
    const line = await call('copyKeyEnvLine', { id: key.id })
    expect(line).toEqual({ variable: 'CLIPIA_KEY', clearsInSeconds: 30 })
    expect(await world.clipboard.readText()).toBe(`CLIPIA_KEY=${value}`)
    world.clock.advance(30_000)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(await world.clipboard.readText()).toBe('')

    expect(await call('copyKeyReference', { id: key.id })).toEqual({ reference: 'keyward://Clipia prod' })
    world.clock.advance(60_000)
    expect(await world.clipboard.readText()).toBe('keyward://Clipia prod')
    expect(await callError('copyKeyReference', { id: 'nope' })).toMatchObject({ code: 'not_found' })
  })

  it('shows an environment as variables with their references, flags two keys on one variable, and saves a template without values', async () => {
    const values = [fakeKeys.clipiaTest(), fakeKeys.clipiaTest(), fakeKeys.airclouTest()]
    await call('addKey', { name: 'Clipia sandbox', value: values[0], provider: 'clipia', environment: 'test' })
    await call('addKey', { name: 'Clipia CI', value: values[1], provider: 'clipia', environment: 'test' })
    await call('addKey', {
      name: 'Airclou staging',
      value: values[2],
      provider: 'airclou',
      environment: 'test',
      envVar: 'AIRCLOU_STAGING_KEY',
    })
    const view = await call('getEnvironmentView', { environment: 'test' })
    expect(view.variables.map((entry) => [entry.variable, entry.reference, entry.status])).toEqual([
      ['AIRCLOU_STAGING_KEY', 'keyward://Airclou staging', 'ok'],
      ['CLIPIA_KEY', 'keyward://Clipia CI', 'clash'],
      ['CLIPIA_KEY', 'keyward://Clipia sandbox', 'clash'],
    ])
    expect(view.variables[1]!.problem).toContain('CLIPIA_KEY is also set by')
    for (const value of values) expect(JSON.stringify(view)).not.toContain(value)

    const path = join(world.temp.directory, 'test.env.template')
    world.dialogs.answerNext(path)
    expect(await call('exportEnvironmentTemplate', { environment: 'test' })).toEqual({
      canceled: false,
      path,
      count: 3,
    })
    const template = readFileSync(path, 'utf8')
    expect(template).toContain("AIRCLOU_STAGING_KEY='keyward://Airclou staging'")
    for (const value of values) expect(template).not.toContain(value)
    expect(statSync(path).mode & 0o777).toBe(0o600)

    expect(await call('copyEnvironmentTemplate', { environment: 'test' })).toEqual({ count: 3 })
    expect(await world.clipboard.readText()).toBe(view.template)
    expect(await callError('copyEnvironmentTemplate', { environment: 'live' })).toMatchObject({ code: 'not_found' })
    expect((await call('getEnvironmentView', { environment: 'live' })).variables).toEqual([])
  })
})
