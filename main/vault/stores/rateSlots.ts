// The request slots of each key, shared by every Keyward process that opens the vault: reserved in
// a short write transaction before a verify request is sent, stamped with the time its answer came
// back, and gone after a day. How many a key may have is the auth tests' business (SlotLedger).
// Slot writes skip the disk flush: a slot lost with the machine belongs to a process gone with it.
import { KeywardError } from '../../common/errors'
import type { SlotLedger, SlotReservation } from '../../authtest/index'
import { unflushedWriteTransaction } from '../file/database'
import { StoreOnDatabase } from './storeOnDatabase'

const DAY_MILLISECONDS = 86_400_000

export class RateSlots extends StoreOnDatabase implements SlotLedger {
  /**
   * Each slot of the key counts from the later of its sending and its answer. One still in flight
   * counts from now (its answer, and so the provider's stamp, may still come) until its deadline;
   * one whose process died without an answer counts from its deadline, the latest the provider can
   * have received it, and is never held longer.
   */
  reserve(
    keyId: string,
    now: number,
    deadlineAt: number,
    earliest: (counted: readonly number[]) => number,
  ): SlotReservation {
    return unflushedWriteTransaction(this.database, this.vaultPath, () => {
      this.prepare(
        'DELETE FROM rate_slots WHERE key_id = ? AND coalesce(max(sent_at, answered_at), deadline_at) <= ?',
      ).run(keyId, now - DAY_MILLISECONDS)
      const rows = this.prepare(
        `SELECT CASE WHEN answered_at IS NOT NULL THEN max(sent_at, answered_at)
                     WHEN deadline_at > @now THEN max(sent_at, @now)
                     ELSE deadline_at END AS counted
           FROM rate_slots WHERE key_id = @keyId ORDER BY counted`,
      ).all({ keyId, now }) as { counted: number }[]
      const retryAt = earliest(rows.map((row) => row.counted))
      if (retryAt > now) return { retryAt }
      const exists = this.prepare('SELECT 1 FROM keys WHERE id = ?').get(keyId)
      if (!exists) throw new KeywardError('not_found', 'That key is no longer in the vault. It may have been deleted.')
      const { lastInsertRowid } = this.prepare(
        'INSERT INTO rate_slots (key_id, sent_at, deadline_at) VALUES (?, ?, ?)',
      ).run(keyId, now, deadlineAt)
      return { slotId: Number(lastInsertRowid) }
    })
  }

  answered(slotId: number, at: number): void {
    unflushedWriteTransaction(this.database, this.vaultPath, () =>
      this.prepare('UPDATE rate_slots SET answered_at = ? WHERE id = ?').run(at, slotId),
    )
  }

  release(slotId: number): void {
    unflushedWriteTransaction(this.database, this.vaultPath, () =>
      this.prepare('DELETE FROM rate_slots WHERE id = ?').run(slotId),
    )
  }
}
