// What a key test needs, set with `keyward add` and `keyward edit` run in-process on a real vault: a
// new host asked about before a key goes there, plans, schemes and verify URLs checked against the
// provider. Shares its setup with keyTests.test.ts (keyTestsWorld.ts).
import { beforeEach, describe, expect, it } from 'vitest'
import { fakeKeys } from '../../support/fakeKeys'
import { FakeTerminal } from '../../unit/cli/fakeCliIo'
import { addKey, initVault, listJson, run, useKeyTestsWorld } from './keyTestsWorld'

useKeyTestsWorld()

describe('what a test needs, set with add and edit', () => {
  beforeEach(initVault)

  it('edit --verify-url and --provider ask before the key goes to a new host, as the app does, and store nothing without a yes', async () => {
    await addKey('Cloro', fakeKeys.cloro(), ['--provider', 'cloro'])
    const said = 'keyward: this sends key values to api.cloro.dev: "Cloro".\n'
    const verifyUrl = ['edit', 'Cloro', '--verify-url', 'https://api.cloro.dev/v1/me']
    // No terminal to ask, no --yes: refused, nothing stored.
    expect(await run(verifyUrl)).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: `${said}keyward: Nothing changed: there is no terminal to confirm on. Add --yes to send keys to api.cloro.dev.\n`,
    })
    // On a terminal: anything but y is a no; a new value is not even asked for.
    const declined = new FakeTerminal().type('n\r')
    expect(await run([...verifyUrl, '--value'], { terminal: declined })).toMatchObject({ exitCode: 1, stdout: '' })
    expect(declined.shown).toContain('Send key values to api.cloro.dev? [y/N] ')
    expect(declined.shown).not.toContain('New value')
    expect((await listJson()).find((key) => key.name === 'Cloro')).toMatchObject({ verifyUrl: null, versionCount: 1 })
    const allowed = new FakeTerminal().type('y\r')
    const allowedRun = await run(verifyUrl, { terminal: allowed })
    expect(allowedRun, allowedRun.stderr).toMatchObject({ exitCode: 0, stderr: said })
    expect((await listJson()).find((key) => key.name === 'Cloro')).toMatchObject({
      verifyUrl: 'https://api.cloro.dev/v1/me',
    })
    // Where it already goes: nothing to ask.
    expect(await run(['edit', 'Cloro', '--verify-url', 'https://api.cloro.dev/v1/me', '--notes', 'x'])).toMatchObject({
      exitCode: 0,
      stderr: '',
    })
    // Another provider's own hosts are where its keys go: a provider change to one asks nothing either.
    await addKey('Clipia', fakeKeys.clipiaTest(), ['--provider', 'none'])
    expect(await run(['edit', 'Clipia', '--provider', 'clipia'])).toMatchObject({ exitCode: 0, stderr: '' })
    // A provider change that sends the key to the host its key names, not the provider's: asked.
    expect(
      await run(['edit', 'Clipia', '--provider', 'cloro', '--verify-url', 'https://api.cloro.dev/v1/me']),
    ).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('keyward: this sends key values to api.cloro.dev: "Clipia".\n'),
    })
    expect((await listJson()).find((key) => key.name === 'Clipia')).toMatchObject({
      provider: 'clipia',
      verifyUrl: null,
    })
  })

  it('refuses a plan, scheme or verify URL the provider does not have, and changes nothing', async () => {
    await addKey('Clodura', fakeKeys.clodura(), ['--provider', 'clodura'])
    const refusals: [string[], string][] = [
      [['--plan', 'platinum'], `"platinum" is not one of Clodura's plans: `],
      [['--scheme', 'bearer'], `"bearer" is not one of Clodura's header schemes: `],
      [
        ['--verify-url', 'https://evil.example/steal'],
        'Keyward sends Clodura keys only to api.clodura.ai; evil.example is not one of them. Nothing was changed.',
      ],
      [
        ['--verify-url', 'http://api.clodura.ai/api/v1/credits'],
        'The verify URL must start with https://: Keyward never sends a key in the clear. Nothing was changed.',
      ],
      [
        ['--verify-url', 'not a url'],
        '--verify-url takes a full URL such as https://api.example.com/v1/me (at most 2000 characters), or "none". Nothing was changed.',
      ],
      [
        ['--provider', 'none', '--plan', 'starter'],
        'Choose a provider before a plan or a header scheme. Nothing was changed.',
      ],
    ]
    for (const [options, message] of refusals) {
      const result = await run(['edit', 'Clodura', ...options])
      expect(result.exitCode, options.join(' ')).toBe(1)
      expect(result.stderr, options.join(' ')).toContain(message)
    }
    expect((await listJson())[0]).toMatchObject({ provider: 'clodura', plan: null, authScheme: null, verifyUrl: null })
  })

  it('takes a plan by its id or name, and "none" puts back the provider\'s default', async () => {
    await addKey('Clodura', fakeKeys.clodura(), ['--provider', 'clodura'])
    const byName = await run(['edit', 'Clodura', '--plan', 'Starter'])
    expect(byName, byName.stderr).toMatchObject({ exitCode: 0 })
    expect(byName.stdout).toMatch(/\n {2}plan {8}starter\n/)
    expect((await listJson())[0]).toMatchObject({ plan: 'starter' })
    expect((await run(['edit', 'Clodura', '--plan', 'none'])).exitCode).toBe(0)
    expect((await listJson())[0]).toMatchObject({ plan: null })
    // Another provider whose plans do not include the key's: refused until the plan is changed too.
    await run(['edit', 'Clodura', '--plan', 'starter'])
    expect((await run(['edit', 'Clodura', '--provider', 'agentclara'])).stderr).toContain(
      `"starter" is not one of AgentClara's plans`,
    )
    expect((await run(['edit', 'Clodura', '--provider', 'agentclara', '--plan', 'enterprise'])).exitCode).toBe(0)
  })

  it('add checks the plan against the given provider before asking for the value, and against the guessed one after', async () => {
    const refused = await run(['add', 'Clodura', '--provider', 'clodura', '--plan', 'platinum'], {
      stdin: fakeKeys.clodura(),
    })
    expect(refused).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining(`"platinum" is not one of Clodura's plans`),
    })
    await addKey('AgentClara', fakeKeys.agentclaraLive(), [
      '--plan',
      'enterprise',
      '--scheme',
      'BEARER',
      '--provider',
      'agentclara',
    ])
    await addKey('Airclou', fakeKeys.airclouLive(), ['--scheme', 'bearer'])
    expect((await listJson()).map((key) => [key.name, key.provider, key.plan, key.authScheme])).toEqual([
      ['AgentClara', 'agentclara', 'enterprise', 'bearer'],
      ['Airclou', 'airclou', null, 'bearer'],
    ])
  })
})
