// For e2e specs: takes the vault file of a locked app back to what an older Keyward left, then runs the
// SQL that Keyward would have written. It runs as a child process under tsx, like the harness: the
// vault's own modules load the native SQLite binding, which the spec's loader does not take.
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

const script = resolve(import.meta.dirname, '../support/olderVaultScript.ts')

export const takeVaultBackTo = (
  vaultPath: string,
  password: string,
  version: number,
  statements: readonly string[],
): void => {
  execFileSync(process.execPath, ['--import', 'tsx', script], {
    input: JSON.stringify({ vaultPath, password, version, statements }),
    stdio: ['pipe', 'inherit', 'inherit'],
  })
}
