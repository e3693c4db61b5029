// A CLI test's own folder, made before each test and removed after: a vault path in it, the master
// password in a 0600 file named `password`, and a watch that no secret the test used (the password
// and every value it adds to `secrets`) reaches any output it collected in `outputs`.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect } from 'vitest'
import { makeTempDirectory } from './tempVault'

export interface CliWorkspace {
  /** The test's folder (also where the password file is). */
  readonly directory: string
  readonly vaultPath: string
  /** Every secret value the test used: none may appear in any output. */
  readonly secrets: string[]
  /** What the commands printed, searched for the secrets after the test. */
  readonly outputs: string[]
}

export const useCliWorkspace = (label: string, password: string): CliWorkspace => {
  let temp: ReturnType<typeof makeTempDirectory> | null = null
  let secrets: string[] = []
  let outputs: string[] = []
  beforeEach(() => {
    temp = makeTempDirectory(label)
    writeFileSync(join(temp.directory, 'password'), `${password}\n`, { mode: 0o600 })
    secrets = [password]
    outputs = []
  })
  afterEach(() => {
    for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret)
    temp?.cleanup()
  })
  const directory = (): string => {
    if (temp === null) throw new Error('useCliWorkspace: read inside a test, after beforeEach')
    return temp.directory
  }
  return {
    get directory() {
      return directory()
    },
    get vaultPath() {
      return join(directory(), 'vault.keyward')
    },
    get secrets() {
      return secrets
    },
    get outputs() {
      return outputs
    },
  }
}
