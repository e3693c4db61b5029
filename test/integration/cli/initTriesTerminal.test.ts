// `keyward init` under a real pseudo-terminal: a too-short and then a mistyped password are asked
// again (as passwd does), nothing typed is echoed, and the third good try creates the vault.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDirectory } from '../../support/tempVault'
import { assertCliBuilt, cliEnvironment, runBuiltCliOnTerminal } from './builtCli'

const PASSWORD = 'typed master password'
let temp: ReturnType<typeof makeTempDirectory>

beforeAll(() => {
  assertCliBuilt()
  temp = makeTempDirectory('keyward-init-tries-')
})
afterAll(() => temp?.cleanup())

describe('keyward init on a terminal (python3 pty)', () => {
  it('asks again after a slip, echoing nothing', async () => {
    const vaultPath = join(temp.directory, 'vault.keyward')
    const env = cliEnvironment(join(temp.directory, 'home'), { KEYWARD_VAULT: vaultPath, TERM: 'dumb' })
    const run = await runBuiltCliOnTerminal(['init'], {
      cwd: temp.directory,
      env,
      steps: [
        { expect: 'New master password (at least 8 characters): ', send: 'short\r' },
        { expect: 'needs at least 8 characters. Try again.', send: `${PASSWORD}\r` },
        { expect: 'Type it again: ', send: 'mistyped it\r' },
        { expect: 'The two passwords differ. Try again.', send: `${PASSWORD}\r` },
        { expect: 'Type it again: ', send: `${PASSWORD}\r` },
      ],
    })
    expect(run.failure).toBeNull()
    expect(run.exitCode).toBe(0)
    expect(run.screen).toContain('Created a vault at')
    for (const typed of [PASSWORD, 'short', 'mistyped']) expect(run.screen).not.toContain(typed)
    expect(existsSync(vaultPath)).toBe(true)
  })
})
