// The count of each key's requests that every Keyward process shares (the app, the CLI, a hook):
// a slot is reserved before a request is sent and stamped when its answer comes back, so processes
// testing the same key at once keep its plan's limits together. The vault holds it (RateSlots).
import type { RateLimits } from '../providers/index'
import { earliestWithin } from './slidingWindows'

export type SlotReservation = { slotId: number } | { retryAt: number }

export interface SlotLedger {
  /**
   * In one short write transaction: reads the times the key's requests count from and, when
   * `earliest(times)` is not later than now, reserves a slot held until `deadlineAt` at most.
   * Otherwise answers when to ask again.
   */
  reserve(
    keyId: string,
    now: number,
    deadlineAt: number,
    earliest: (counted: readonly number[]) => number,
  ): SlotReservation
  /** The answer came back at `at`: the request counts from then on (or from its sending, if later). */
  answered(slotId: number, at: number): void
  /** The request never reached the provider (no host, refused, TLS failed): it counts for nothing. */
  release(slotId: number): void
}

/** Reserves a slot for a request with this key if its limits allow one now. */
export const reserveSlot = (
  ledger: SlotLedger,
  keyId: string,
  limits: RateLimits,
  now: number,
  deadlineAt: number,
): SlotReservation => ledger.reserve(keyId, now, deadlineAt, (counted) => earliestWithin(counted, limits, now))
