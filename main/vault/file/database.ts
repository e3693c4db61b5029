// Opens the SQLite file encrypted whole with a raw 256-bit key (SQLite3MultipleCiphers, ChaCha20-
// Poly1305), and turns SQLite's failures into errors a person can act on.
import { existsSync, statSync } from 'node:fs'
import Database from 'better-sqlite3-multiple-ciphers'
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3-multiple-ciphers'
import { KeywardError } from '../../common/errors'

const sqliteCode = (error: unknown): string | undefined => (error as { code?: string }).code

export const damagedVaultError = (vaultPath: string, cause?: unknown): KeywardError =>
  new KeywardError(
    'vault_corrupt',
    `The vault file ${vaultPath} cannot be read with this vault's key: it is damaged, truncated, or belongs to another vault. Keyward left it untouched; restore it from a backup.`,
    { cause },
  )

export const translateSqliteError = (vaultPath: string, error: unknown): unknown => {
  switch (sqliteCode(error)) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return damagedVaultError(vaultPath, error)
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new KeywardError('vault_busy', 'The vault is busy with another Keyward process. Try again in a moment.', {
        cause: error,
      })
    case 'SQLITE_FULL':
    case 'SQLITE_IOERR':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
      return new KeywardError('io_error', `Could not write the vault ${vaultPath}: ${(error as Error).message}`, {
        cause: error,
      })
    default:
      return error
  }
}

/**
 * A cheap check that the file was not cut short: the pages the database says it has must be on
 * disk, unless some still sit in the write-ahead log. (A full quick_check reads and decrypts every
 * page, 20-40 ms for 10,000 keys; damage inside a page is caught when that page is read, by its
 * authentication tag.)
 */
const assertWholeFile = (database: SqliteDatabase, vaultPath: string): void => {
  const pageSize = database.pragma('page_size', { simple: true }) as number
  const pageCount = database.pragma('page_count', { simple: true }) as number
  const walPath = `${vaultPath}-wal`
  const walBytes = existsSync(walPath) ? statSync(walPath).size : 0
  if (walBytes === 0 && statSync(vaultPath).size < pageSize * pageCount) throw damagedVaultError(vaultPath)
}

/**
 * Opens (or, with create, makes) the database with the vault key. A wrong key or a damaged file is
 * noticed here by reading the schema, before anything is written.
 */
export const openKeyedDatabase = (
  vaultPath: string,
  vaultKey: Buffer,
  options: { create: boolean },
): SqliteDatabase => {
  let database: SqliteDatabase
  try {
    database = new Database(vaultPath, { fileMustExist: !options.create })
  } catch (error) {
    throw translateSqliteError(vaultPath, error)
  }
  try {
    database.pragma(`cipher = 'chacha20'`)
    database.pragma(`key = "raw:${vaultKey.toString('hex')}"`)
    const { tables } = database.prepare('SELECT count(*) AS tables FROM sqlite_master').get() as { tables: number }
    if (!options.create) {
      // An empty file reads as an empty database: it is a vault that lost its contents.
      if (tables === 0) throw damagedVaultError(vaultPath)
      assertWholeFile(database, vaultPath)
    }
    // WAL: readers never block the writer, and the log is encrypted like the file. FULL sync: a
    // committed key survives a power cut as well as a killed process.
    database.pragma('journal_mode = WAL')
    database.pragma('synchronous = FULL')
    database.pragma('foreign_keys = ON')
    database.pragma('busy_timeout = 5000')
    database.pragma('secure_delete = ON')
    return database
  } catch (error) {
    database.close()
    throw translateSqliteError(vaultPath, error)
  }
}

/** Re-encrypts the whole file under a new vault key. */
export const rekeyDatabase = (database: SqliteDatabase, newVaultKey: Buffer): void => {
  database.pragma(`rekey = "raw:${newVaultKey.toString('hex')}"`)
}

/**
 * Prepared statements kept per SQL text. better-sqlite3 frees a statement only when it is garbage
 * collected, so preparing in a loop (10,000 inserts) held hundreds of MB of native memory.
 */
export const statementCache = (database: SqliteDatabase) => {
  const statements = new Map<string, Statement>()
  return (sql: string): Statement => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = database.prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }
}

/** A store's prepared statements, looked up by SQL text (statementCache). */
export type StatementCache = ReturnType<typeof statementCache>

/** Runs a read, turning a damaged page (or any SQLite failure) into the vault's clear error. */
export const readExplained = <Result>(vaultPath: string, work: () => Result): Result => {
  try {
    return work()
  } catch (error) {
    throw translateSqliteError(vaultPath, error)
  }
}

export interface StepwiseWriteOptions {
  /** Items written between two turns of the event loop. */
  stepSize: number
  /** Aborted between steps: the whole transaction is rolled back. */
  signal?: AbortSignal
  /** After each step, and once at the end: how many items are written. */
  onProgress?: (done: number) => void
}

/**
 * One write transaction (BEGIN IMMEDIATE) over many items, written a step at a time with a turn of the
 * event loop between steps, so a long write can show progress and hear Ctrl-C: stopped, it is rolled
 * back whole and answers null. Nothing else may use this connection until it settles.
 */
export const writeTransactionInSteps = async <Item, Result>(
  database: SqliteDatabase,
  vaultPath: string,
  items: readonly Item[],
  write: (item: Item) => Result,
  options: StepwiseWriteOptions,
): Promise<Result[] | null> => {
  const written: Result[] = []
  const rollBack = () => {
    if (database.inTransaction) database.exec('ROLLBACK')
  }
  try {
    database.exec('BEGIN IMMEDIATE')
    for (const item of items) {
      if (written.length > 0 && written.length % options.stepSize === 0) {
        options.onProgress?.(written.length)
        await new Promise((resolve) => setImmediate(resolve))
        if (options.signal?.aborted) {
          rollBack()
          return null
        }
      }
      written.push(write(item))
    }
    database.exec('COMMIT')
    options.onProgress?.(written.length)
    return written
  } catch (error) {
    rollBack()
    throw translateSqliteError(vaultPath, error)
  }
}

/** Runs work as one write transaction (BEGIN IMMEDIATE), with SQLite's failures said in words. */
export const writeTransaction = <Result>(database: SqliteDatabase, vaultPath: string, work: () => Result): Result => {
  try {
    return database.transaction(work).immediate()
  } catch (error) {
    throw translateSqliteError(vaultPath, error)
  }
}

const syncStatements = new WeakMap<SqliteDatabase, { normal: Statement; full: Statement }>()

/**
 * A write transaction whose commit skips the disk flush (WAL with synchronous NORMAL; the next FULL
 * commit flushes it): it survives a killed process, not a power cut. Only for what can be had again,
 * a test's result or a request slot: one flush a test made a run of 2,000 failing keys take 20 s.
 */
export const unflushedWriteTransaction = <Result>(
  database: SqliteDatabase,
  vaultPath: string,
  work: () => Result,
): Result => {
  let statements = syncStatements.get(database)
  if (!statements) {
    statements = {
      normal: database.prepare('PRAGMA synchronous = NORMAL'),
      full: database.prepare('PRAGMA synchronous = FULL'),
    }
    syncStatements.set(database, statements)
  }
  statements.normal.run()
  try {
    return writeTransaction(database, vaultPath, work)
  } finally {
    statements.full.run()
  }
}
