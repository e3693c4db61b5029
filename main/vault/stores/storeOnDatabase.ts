// What every store on the vault's open database shares: its statements prepared once per connection,
// reads that say in words why a damaged or busy file could not be read, and writes that are one
// transaction each (a killed process leaves all of a write or none of it).
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { readExplained, statementCache, writeTransaction, type StatementCache } from '../file/database'

export abstract class StoreOnDatabase {
  protected readonly prepare: StatementCache

  constructor(
    protected readonly database: Database,
    protected readonly vaultPath: string,
  ) {
    this.prepare = statementCache(database)
  }

  protected read<Result>(work: () => Result): Result {
    return readExplained(this.vaultPath, work)
  }

  protected write<Result>(work: () => Result): Result {
    return writeTransaction(this.database, this.vaultPath, work)
  }
}
