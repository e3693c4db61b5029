// A child process's work for test/e2e/olderVault.ts: reads { vaultPath, password, version, statements }
// from stdin, takes the closed vault's database back to that schema and runs the statements.
import { readFileSync } from 'node:fs'
import { undoMigrationsTo, withClosedVaultDatabase } from './olderSchema'

const { vaultPath, password, version, statements } = JSON.parse(readFileSync(0, 'utf8')) as {
  vaultPath: string
  password: string
  version: number
  statements: string[]
}

await withClosedVaultDatabase(vaultPath, password, (database) => {
  undoMigrationsTo(database, version)
  for (const statement of statements) database.prepare(statement).run()
})
