// Each simulated provider's rate limits, as data (Clodura's plan table copied from its docs), and the
// sliding-window limiter the simulator enforces them with, per key, on an injectable clock.
import type { ProviderId } from './providerIds'

export interface PlanLimits {
  perSecond?: number
  perMinute?: number
  /** Per UTC calendar day. Only Clodura has one; going past it answers 409, not 429. */
  perDay?: number
}

/** Clodura's "Rate Limits by Plan" table, row for row. */
export const cloduraPlanLimits = {
  MAX: { perSecond: 10, perMinute: 100, perDay: 2000 },
  PayG: { perSecond: 10, perMinute: 100, perDay: 2000 },
  Professional: { perSecond: 10, perMinute: 100, perDay: 2000 },
  Enterprise: { perSecond: 10, perMinute: 100, perDay: 2000 },
  'Prospect Pro': { perSecond: 10, perMinute: 100, perDay: 2000 },
  Prospect: { perSecond: 10, perMinute: 100, perDay: 2000 },
  Starter: { perSecond: 1, perMinute: 10, perDay: 600 },
  Lifetime: { perSecond: 1, perMinute: 10, perDay: 300 },
  Basic: { perSecond: 1, perMinute: 10, perDay: 600 },
  'Default / Free Forever': { perSecond: 1, perMinute: 10, perDay: 300 },
} as const satisfies Record<string, PlanLimits>
export type CloduraPlan = keyof typeof cloduraPlanLimits

/** AgentClara's two tiers, from its "Rate Limits" section. */
export const agentClaraTierLimits = {
  standard: { perMinute: 1000 },
  enterprise: { perMinute: 10_000 },
} as const satisfies Record<string, PlanLimits>
export type AgentClaraTier = keyof typeof agentClaraTierLimits

/** Every provider's plans with their limits, and the plan a key gets when its spec names none. */
export interface ProviderLimitTable {
  defaultPlan: string
  plans: Record<string, PlanLimits>
}

// Cloro, Airclou and Clipia publish no numbers; these are the simulator's own (see docs/simulator.md).
export const defaultLimitTables: Record<ProviderId, ProviderLimitTable> = {
  clodura: { defaultPlan: 'Default / Free Forever', plans: cloduraPlanLimits },
  cloro: { defaultPlan: 'default', plans: { default: { perSecond: 5, perMinute: 60 } } },
  agentclara: { defaultPlan: 'standard', plans: agentClaraTierLimits },
  airclou: { defaultPlan: 'default', plans: { default: { perSecond: 10, perMinute: 100 } } },
  clipia: { defaultPlan: 'default', plans: { default: { perSecond: 10, perMinute: 300 } } },
}

/** Overrides merged plan by plan over the defaults, e.g. `{ cloro: { default: { perMinute: 3 } } }`. */
export type LimitOverrides = Partial<Record<ProviderId, Record<string, PlanLimits>>>

export const mergeLimitTables = (overrides: LimitOverrides = {}): Record<ProviderId, ProviderLimitTable> => {
  const merged = {} as Record<ProviderId, ProviderLimitTable>
  for (const [provider, table] of Object.entries(defaultLimitTables) as [ProviderId, ProviderLimitTable][]) {
    const plans: Record<string, PlanLimits> = { ...table.plans }
    for (const [plan, limits] of Object.entries(overrides[provider] ?? {})) plans[plan] = { ...plans[plan], ...limits }
    merged[provider] = { defaultPlan: table.defaultPlan, plans }
  }
  return merged
}

export type LimitWindow = 'second' | 'minute' | 'day'

export type Admission =
  | { admitted: true }
  | { admitted: false; window: LimitWindow; limit: number; retryAfterSeconds: number }

const windowMilliseconds = { second: 1000, minute: 60_000 } as const
const dayMilliseconds = 86_400_000
export const utcDayOf = (time: number): number => Math.floor(time / dayMilliseconds)

/**
 * Sliding windows for one key: a log of admitted request times for the second and minute windows, and
 * a counter for the current UTC day. Refused requests are not logged, so they never extend a wait.
 */
export class KeyRateWindows {
  private admitted: number[] = []
  private day: number
  private usedToday: number

  constructor(
    private readonly limits: PlanLimits,
    now: number,
    usedToday = 0,
  ) {
    this.day = utcDayOf(now)
    this.usedToday = usedToday
  }

  admit(now: number): Admission {
    if (utcDayOf(now) !== this.day) {
      this.day = utcDayOf(now)
      this.usedToday = 0
    }
    const { perDay } = this.limits
    if (perDay !== undefined && this.usedToday >= perDay) {
      const nextDay = (this.day + 1) * dayMilliseconds
      return { admitted: false, window: 'day', limit: perDay, retryAfterSeconds: Math.ceil((nextDay - now) / 1000) }
    }
    this.admitted = this.admitted.filter((time) => now - time < windowMilliseconds.minute)
    for (const window of ['second', 'minute'] as const) {
      const limit = window === 'second' ? this.limits.perSecond : this.limits.perMinute
      if (limit === undefined) continue
      const inWindow = this.admitted.filter((time) => now - time < windowMilliseconds[window])
      if (inWindow.length >= limit) {
        // The oldest admitted request in the window leaves it first; one slot frees then.
        const frees = inWindow[inWindow.length - limit]! + windowMilliseconds[window]
        return { admitted: false, window, limit, retryAfterSeconds: Math.max(1, Math.ceil((frees - now) / 1000)) }
      }
    }
    this.admitted.push(now)
    this.usedToday += 1
    return { admitted: true }
  }

  get requestsToday(): number {
    return this.usedToday
  }
}

/**
 * The least time `requestCount` requests on one key can take under `limits` when none is refused:
 * the time of the last request if each is sent as soon as every window allows. A benchmark puts its
 * measured time beside this floor (for several keys in parallel, the floor is the largest of theirs).
 */
export const rateLimitFloorMilliseconds = (limits: PlanLimits, requestCount: number): number => {
  if (requestCount <= 1) return 0
  if (limits.perDay !== undefined && requestCount > limits.perDay) return Number.POSITIVE_INFINITY
  // Request i may go once the request `limit` places before it has left the window.
  const times: number[] = [0]
  for (let index = 1; index < requestCount; index += 1) {
    let earliest = times[index - 1]!
    for (const window of ['second', 'minute'] as const) {
      const limit = window === 'second' ? limits.perSecond : limits.perMinute
      if (limit !== undefined && index >= limit)
        earliest = Math.max(earliest, times[index - limit]! + windowMilliseconds[window])
    }
    times.push(earliest)
  }
  return times[requestCount - 1]!
}
