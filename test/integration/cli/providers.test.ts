// `keyward providers` run in-process on a real vault: the built-in providers with their hosts, schemes,
// plans and limits, your own providers added from JSON, used for a key's prefix and removed, and its
// usage errors. Shares its setup with keyTests.test.ts (keyTestsWorld.ts).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { fakeKeys } from '../../support/fakeKeys'
import { addKey, initVault, listJson, provider, providersJson, run, temp, useKeyTestsWorld } from './keyTestsWorld'

useKeyTestsWorld()

describe('keyward providers', () => {
  beforeEach(initVault)

  it('lists each provider with hosts, schemes, plans and their limits, and rotation period', async () => {
    const result = await run(['providers'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(
      /^clodura {2}Clodura\n {2}hosts {7}api\.clodura\.ai\n {2}verify {6}GET https:\/\/api\.clodura\.ai\//,
    )
    expect(result.stdout).toMatch(/\n {2}schemes {5}\S+: X-API-KEY/)
    expect(result.stdout).toMatch(/\n {14}starter: 1\/s, 10\/min, 600\/day/)
    expect(result.stdout).toContain('\nairclou  Airclou\n')
    expect(result.stdout).toMatch(/\nairclou {2}Airclou\n[\s\S]*?rotation {4}every 90 days\n/)
    expect(result.stdout).toMatch(
      /\ncloro {2}Cloro\n {2}hosts {7}any \(each key names its own verify URL\)\n {2}verify {6}none named: each key needs --verify-url\n/,
    )
    expect(result.stdout).not.toContain('base URL')
    const summaries = await providersJson()
    expect(summaries.map((entry) => entry.id)).toEqual(
      expect.arrayContaining(['clodura', 'cloro', 'agentclara', 'airclou', 'clipia', 'stripe']),
    )
    expect(
      summaries.find((entry) => entry.id === 'clodura')?.authTest?.plans.find((plan) => plan.id === 'starter')?.limits,
    ).toEqual({
      perSecond: 1,
      perMinute: 10,
      perDay: 600,
    })
  })

  const acme = {
    id: 'acme',
    name: 'Acme',
    envVar: 'ACME_API_KEY',
    prefixes: [{ prefix: 'acme_', environment: 'live' }],
    variableHints: ['ACME'],
    hosts: ['api.acme.example'],
    scopes: null,
    rotationPeriodDays: 30,
    authTest: {
      schemes: [{ id: 'bearer', label: 'Authorization: Bearer', header: 'Authorization', template: 'Bearer {key}' }],
      defaultScheme: 'bearer',
      verify: { method: 'GET', url: 'https://api.acme.example/v1/me' },
      plans: [{ id: 'basic', name: 'Basic', limits: { perMinute: 60 } }],
      defaultPlan: 'basic',
      rules: [{ when: { status: 200 }, outcome: 'valid', reason: 'Acme accepted the key.' }],
      extract: {},
    },
  }

  it('adds your own provider from a JSON file, lists it, and removes it', async () => {
    writeFileSync(join(temp.directory, 'acme.json'), JSON.stringify(acme, null, 2))
    // A provider of one's own is a new host keys go to: named, and stored only with a yes.
    const unasked = await run(['providers', 'add', 'acme.json'])
    expect(unasked).toMatchObject({ exitCode: 1, stdout: '' })
    expect(unasked.stderr).toContain(
      'keyward: this sends key values to api.acme.example: every Acme key added later.\n',
    )
    expect((await providersJson()).some((entry) => entry.id === 'acme')).toBe(false)
    expect((await run(['providers', 'add', 'acme.json', '--yes'])).stdout).toBe('Added your provider "acme" (Acme).\n')
    // The same hosts again widen nothing: nothing to ask.
    expect((await run(['providers', 'add', 'acme.json'])).stdout).toBe('Replaced your provider "acme" (Acme).\n')
    const listed = await run(['providers'])
    expect(listed.stdout).toMatch(
      /\nacme {2}Acme {2}\(yours\)\n {2}hosts {7}api\.acme\.example\n[\s\S]*basic: 60\/min \(default\)\n {2}rotation {4}every 30 days\n/,
    )
    expect(await provider('acme')).toMatchObject({ custom: true, rotationPeriodDays: 30 })
    await addKey('Acme prod', `acme_${fakeKeys.clodura()}`, ['--provider', 'acme', '--plan', 'Basic'])
    const removed = await run(['providers', 'remove', 'acme'])
    expect(removed).toMatchObject({ exitCode: 0, stdout: 'Removed your provider "acme" (Acme).\n' })
    expect(removed.stderr).toContain('1 key still names "acme"')
    expect((await providersJson()).some((entry) => entry.id === 'acme')).toBe(false)
  })

  it("gives a key added without --provider the user's own provider its prefix names", async () => {
    writeFileSync(join(temp.directory, 'acme.json'), JSON.stringify(acme, null, 2))
    expect((await run(['providers', 'add', 'acme.json', '--yes'])).exitCode).toBe(0)
    // The vault guesses nothing: add guesses with every provider the vault knows and passes it in.
    await addKey('Acme prod', `acme_${fakeKeys.clodura()}`)
    expect((await listJson()).find((key) => key.name === 'Acme prod')).toMatchObject({
      provider: 'acme',
      environment: 'live',
      envVar: 'ACME_API_KEY',
    })
  })

  it("prints a definition's schema errors as the schema says them, and stores nothing", async () => {
    writeFileSync(join(temp.directory, 'bad.json'), JSON.stringify({ ...acme, id: 'Acme!', rotationPeriodDays: 0 }))
    const result = await run(['providers', 'add', 'bad.json'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(
      'keyward: The provider definition is not valid: id: lower-case letters, digits and -; rotationPeriodDays: Too small: expected number to be >=1.\n',
    )
    writeFileSync(join(temp.directory, 'not.json'), '{ "id": ')
    expect((await run(['providers', 'add', 'not.json'])).stderr).toMatch(
      /^keyward: The provider definition is not valid JSON: /,
    )
    writeFileSync(join(temp.directory, 'builtin.json'), JSON.stringify({ ...acme, id: 'clipia' }))
    expect((await run(['providers', 'add', 'builtin.json'])).stderr).toBe(
      'keyward: "clipia" is a built-in provider; give yours another id.\n',
    )
    expect((await providersJson()).filter((entry) => entry.custom)).toEqual([])
  })

  it('removes only your own providers', async () => {
    expect(await run(['providers', 'remove', 'clodura'])).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: "clodura" is built into Keyward; only providers you added can be removed.\n',
    })
    expect(await run(['providers', 'remove', 'nope'])).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: There is no provider of yours with the id "nope".\n',
    })
  })

  it('answers usage errors for a missing URL, URL with --reset, and an unknown subcommand', async () => {
    expect(await run(['providers', 'set-base-url', 'clipia'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('give the base URL, or --reset'),
    })
    expect(await run(['providers', 'trust-ca', 'clipia', 'ca.pem', '--reset'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('not both'),
    })
    expect(await run(['providers', 'sett-base-url'])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("unknown command 'sett-base-url'"),
    })
    expect(await run(['providers', 'set-base-url', 'nope', 'https://example.com'])).toMatchObject({
      exitCode: 1,
      stderr: 'keyward: Keyward knows no provider "nope". "keyward providers" lists them.\n',
    })
  })
})
