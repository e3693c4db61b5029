// Sets a test vault up with keyward run in this process, at a cheap Argon2 cost, before tests that
// run the built keyward against it: the password comes from the file `password` in the folder, and
// each step must succeed (its stderr says why when one does not).
import { expect } from 'vitest'
import { runCli } from '../../../main/cli/program'
import { TEST_KDF_COST } from '../../support/tempVault'
import { fakeIo } from '../../unit/cli/fakeCliIo'

export const prepareVault = async (folder: string, vaultPath: string, argv: readonly string[], stdin?: string) => {
  const io = fakeIo({ cwd: folder, env: { KEYWARD_VAULT: vaultPath }, stdin })
  const exitCode = await runCli([...argv, '--password-file', 'password'], io, { kdfCost: TEST_KDF_COST })
  expect(exitCode, io.err()).toBe(0)
}
