// Parsed .env files waiting for the user to choose what to import. Values stay here, in main; the
// renderer only ever holds the import's id. Entries expire, and all are dropped when the vault locks.
import { randomUUID } from 'node:crypto'
import type { Clock } from '../common/clock'
import { KeywardError } from '../common/errors'
import type { EnvFileEntry } from './parseEnvFile'

const EXPIRY_MILLISECONDS = 15 * 60_000

interface PendingImport {
  entries: EnvFileEntry[]
  createdAt: number
}

export class PendingImports {
  private readonly imports = new Map<string, PendingImport>()

  constructor(private readonly clock: Clock) {}

  add(entries: EnvFileEntry[]): string {
    const id = randomUUID()
    this.imports.set(id, { entries, createdAt: this.clock.now() })
    return id
  }

  /** The parsed entries of an import, removed from the store (an import runs once). */
  take(id: string): EnvFileEntry[] {
    const pending = this.imports.get(id)
    this.imports.delete(id)
    if (!pending || this.clock.now() - pending.createdAt > EXPIRY_MILLISECONDS) {
      throw new KeywardError(
        'import_expired',
        'This import preview has expired or was already used. Open the .env file again.',
      )
    }
    return pending.entries
  }

  clear(): void {
    this.imports.clear()
  }
}
