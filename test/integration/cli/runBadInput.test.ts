// `keyward run` refusing bad input before anything runs, as built and run by a user's shell: no command,
// no keys, a missing or locked vault, a wrong password, references with typos, clashing keys on one
// variable, empty values and filters that choose nothing. Shares its vault and runner with run.test.ts
// (runWorld.ts).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { withPassword, temp, startKeyward, keyward, child, useRunWorld } from './runWorld'

useRunWorld()

describe('keyward run: bad input, refused before anything runs', () => {
  const marker = () => join(temp.directory, 'ran-marker')
  const touch = () => child('touch', marker())
  const refused = async (args: readonly string[], options?: Parameters<typeof startKeyward>[1]) => {
    const result = await keyward(args, options)
    expect(existsSync(marker()), 'the command ran').toBe(false)
    expect(result.stdout.toString()).toBe('')
    return result
  }

  it('no command, or no -- before it: a usage error', async () => {
    const none = await refused(['run', '--env', 'live', ...withPassword, '--'])
    expect(none.exitCode).toBe(2)
    expect(none.stderr).toContain('keyward: the command to run is missing: write it after --')
    const bare = await refused(['run', '--env', 'live', ...withPassword, process.execPath])
    expect(bare.exitCode).toBe(2)
    expect(bare.stderr).toContain('keyward: put -- before the command')
  })

  it('no keys chosen and no references: a usage error', async () => {
    const result = await refused(['run', ...withPassword, ...touch()])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('choose the keys to give the command with --env, --tag or --only')
  })

  it('a missing vault', async () => {
    const result = await refused(['run', '--env', 'live', '--vault', 'nowhere.keyward', ...withPassword, ...touch()])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(
      `keyward: No vault at ${join(temp.directory, 'nowhere.keyward')}. Create one with "keyward init", or point to yours with --vault PATH or KEYWARD_VAULT.\n`,
    )
  })

  it('a locked vault with no way to ask for its password', async () => {
    const result = await refused(['run', '--env', 'live', ...touch()])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('There is no terminal to ask for the master password')
  })

  it('a wrong password on stdin', async () => {
    const result = await refused(['run', '--env', 'live', '--password-stdin', ...touch()], {
      stdin: 'not the password\n',
    })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe('keyward: Wrong master password. Check Caps Lock and try again.\n')
  })

  it('a reference with a typo, naming the variable and the close names', async () => {
    const result = await refused([...withPassword, 'run', ...touch()], {
      extraEnv: { CLIPIA_KEY: 'keyward://Clipia lve' },
    })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(
      'keyward: CLIPIA_KEY: No key matches keyward://Clipia lve. Did you mean keyward://Clipia live? Nothing was run. "keyward list" shows every key.\n',
    )
  })

  it('every problem at once, one line each', async () => {
    const result = await refused([...withPassword, 'run', ...touch()], {
      extraEnv: { A: 'keyward://nope', B: 'keyward://', C: 'keyward://blank' },
    })
    expect(result.exitCode).toBe(1)
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'keyward: A: No key matches keyward://nope.',
      'keyward: B: keyward:// names no key: write keyward://KEY NAME or keyward://provider/environment/name.',
      'keyward: C: keyward://blank names "Blank", whose value is empty. Give the key its value first.',
      'keyward: 3 problems; nothing was run. "keyward list" shows every key.',
    ])
  })

  it('two chosen keys on one variable, naming both', async () => {
    const result = await refused(['run', '--only', 'Clipia live', 'Clipia test', ...withPassword, ...touch()])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('keyward: CLIPIA_KEY would be set by 2 keys: "Clipia live", "Clipia test".')
  })

  it('a reference and a chosen key naming different keys on one variable', async () => {
    const result = await refused(['run', '--env', 'live', ...withPassword, ...touch()], {
      extraEnv: { CLIPIA_KEY: 'keyward://Clipia test' },
    })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain(
      'CLIPIA_KEY is set twice: CLIPIA_KEY=keyward://Clipia test names "Clipia test", and the chosen key "Clipia live" lands on CLIPIA_KEY too.',
    )
  })

  it('--only with a typo, or a key its filters leave out', async () => {
    const typo = await refused(['run', '--only', 'Clipia lve', ...withPassword, ...touch()])
    expect(typo.stderr).toContain(
      'keyward: --only Clipia lve: No key matches Clipia lve. Did you mean keyward://Clipia live?',
    )
    const filtered = await refused(['run', '--env', 'live', '--only', 'Clipia test', ...withPassword, ...touch()])
    expect(filtered.stderr).toContain(
      'keyward: --only Clipia test: "Clipia test" is a test key, which --env live leaves out.',
    )
  })

  it('a chosen key with an empty value', async () => {
    const result = await refused(['run', '--only', 'Blank', ...withPassword, ...touch()])
    expect(result.stderr).toContain('"Blank", chosen for BLANK_KEY, has an empty value.')
  })

  it('filters that choose no key', async () => {
    const result = await refused(['run', '--tag', 'nothing-has-this', ...withPassword, ...touch()])
    expect(result.stderr).toContain('keyward: No key matches --tag nothing-has-this. Nothing was run.')
  })
})
