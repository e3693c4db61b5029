// Runs one key's verify test: waits for a slot within the plan's limits, sends the request, reads
// the answer by the provider's rules, and on a rate limit waits Retry-After or the provider's
// documented backoff, jitter on top, and retries at most twice. 401, 403 and 409 are answers, never
// retried (Cloro's rate-limit 401 included).
import type { Clock } from '../common/clock'
import { KeywardError } from '../common/errors'
import type { ProviderDefinition, RateLimits, TestOutcome } from '../providers/index'
import { classifyAnswer, type KeyFacts, type ProviderAnswer } from './classifyAnswer'
import { NetworkFailure, type HttpsRequest, type NetworkFailureKind } from './httpsTransport'
import { reserveSlot, type SlotLedger } from './slotLedger'
import { describeWait, isoDateInRange, retryWait } from './retryPolicy'
import { SlidingWindows } from './slidingWindows'
import { planVerifyRequest, type KeyUnderTest, type PlannedRequest, type ProviderSettings } from './verifyRequest'

export interface TestResult {
  outcome: TestOutcome
  reason: string
  providerMessage: string | null
  httpStatus: number | null
  /** Wall time of the last request, sending to the end of the answer (or to the failure). */
  latencyMilliseconds: number | null
  testedAt: string
  /** Requests sent for this test: 1, or up to 3 when 429s were retried. */
  attempts: number
  facts: KeyFacts
  /** When this key may be tested again within its limits (set after a 429). */
  nextTestAt: string | null
}

export interface Transport {
  send(request: HttpsRequest): Promise<ProviderAnswer>
  /** A failure already known for this URL's host (its name did not resolve a moment ago), else null. */
  knownFailure?(url: URL): NetworkFailure | null
}

export interface AuthTesterOptions {
  clock: Clock
  transport: Transport
  windows?: SlidingWindows
  random?: () => number
  timeoutMilliseconds?: number
  /**
   * The request count every Keyward process shares (the open vault's), or null while there is none
   * (the vault locked): without it, limits hold within this process only.
   */
  ledger?: () => SlotLedger | null
}

export interface TestOptions {
  /** Longest Keyward waits for the plan's limits before giving up (one click: a few seconds). */
  maxWaitMilliseconds: number
  signal?: AbortSignal
}

const MAX_ATTEMPTS = 3
export const DEFAULT_TIMEOUT_MILLISECONDS = 10_000
/** Failures before the request left this machine: the provider never saw it, so it uses no slot. */
const NEVER_REACHED_PROVIDER = new Set<NetworkFailureKind>(['dns', 'refused', 'tls'])
/** Statuses that are the provider's verdict on the key or its quota: sending again changes nothing. */
const NEVER_RETRIED = new Set([401, 403, 409])

export class AuthTester {
  readonly windows: SlidingWindows
  private readonly random: () => number
  private readonly timeoutMilliseconds: number
  /** Per key, the end of its last queued test: one key never has two requests in flight. */
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(private readonly options: AuthTesterOptions) {
    this.windows = options.windows ?? new SlidingWindows()
    this.random = options.random ?? Math.random
    this.timeoutMilliseconds = options.timeoutMilliseconds ?? DEFAULT_TIMEOUT_MILLISECONDS
  }

  /** The clock the tester waits on (a run schedules its keys on the same one). */
  get clock(): Clock {
    return this.options.clock
  }

  /** When a test of this key could be sent (now, or later to stay within its plan's limits). */
  nextSlot(key: KeyUnderTest, provider: ProviderDefinition | undefined, settings: ProviderSettings): number {
    const planned = planVerifyRequest(key, provider, settings)
    return this.windows.nextSlot(key.id, planned.limits, this.options.clock.now())
  }

  /**
   * Tests one key. Throws a KeywardError `not_testable` when the key cannot be tested as it is, and
   * `rate_limited` when its limits hold it back longer than maxWaitMilliseconds; rejects with the
   * signal's reason when canceled. Every answer and network failure is a TestResult.
   */
  async test(
    key: KeyUnderTest,
    provider: ProviderDefinition | undefined,
    settings: ProviderSettings,
    options: TestOptions,
  ): Promise<TestResult> {
    const planned = planVerifyRequest(key, provider, settings)
    const previous = this.queues.get(key.id) ?? Promise.resolve()
    const run = waitFor(previous, options.signal).then(() => this.testNow(key, provider!, planned, options))
    const tail = run.catch(() => undefined)
    this.queues.set(key.id, tail)
    void tail.then(() => {
      if (this.queues.get(key.id) === tail) this.queues.delete(key.id)
    })
    return run
  }

  /**
   * Waits until a request with this key stays within its plan's limits, as this process counts them
   * and, when the key's plan declares limits, as every process does (the shared ledger): a slot is
   * reserved there before sending. Throws `rate_limited` when that is further off than the caller waits.
   */
  private async waitForSlot(
    key: KeyUnderTest,
    provider: ProviderDefinition,
    planned: PlannedRequest,
    options: TestOptions,
  ): Promise<HeldSlot | null> {
    const { clock } = this.options
    const giveUpAt = clock.now() + options.maxWaitMilliseconds
    for (;;) {
      options.signal?.throwIfAborted()
      const now = clock.now()
      let slot = this.windows.nextSlot(key.id, planned.limits, now)
      if (slot <= now) {
        const ledger = hasLimits(planned.limits) ? (this.options.ledger?.() ?? null) : null
        if (!ledger) return null
        const reservation = reserveSlot(ledger, key.id, planned.limits, now, now + this.timeoutMilliseconds)
        if ('slotId' in reservation) return { ledger, slotId: reservation.slotId }
        slot = reservation.retryAt
      }
      if (slot > giveUpAt) {
        throw new KeywardError(
          'rate_limited',
          `Held back to stay within ${provider.name}'s limits for this key: the next test is possible in ${describeWait(slot - now)}.`,
        )
      }
      await sleep(clock, slot - now, options.signal)
    }
  }

  // Longer than 80 lines: one attempt loop (known failure, limits' slot, send, classify, retry) whose
  // steps share the attempt's state; split, each would need it all passed back and forth.
  private async testNow(
    key: KeyUnderTest,
    provider: ProviderDefinition,
    planned: PlannedRequest,
    options: TestOptions,
  ): Promise<TestResult> {
    const { clock } = this.options
    for (let attempt = 1; ; attempt += 1) {
      const known = this.options.transport.knownFailure?.(planned.url) ?? null
      if (known) {
        // Nothing would leave this machine: no wait for the limits, no slot, the same failure at once
        // (on the next turn of the event loop, so a run of such keys leaves its progress timer room).
        await new Promise((resolve) => setImmediate(resolve))
        return result(
          clock.now(),
          attempt,
          { outcome: 'network_error', reason: known.message, providerMessage: null, facts: {} },
          null,
          0,
        )
      }
      const slot = await this.waitForSlot(key, provider, planned, options)

      const sentAt = clock.now()
      this.windows.record(key.id, sentAt)
      const started = performance.now()
      let answer: ProviderAnswer
      try {
        answer = await this.options.transport.send({
          url: planned.url,
          headers: planned.headers,
          timeoutMilliseconds: this.timeoutMilliseconds,
          extraCa: planned.extraCa,
          signal: options.signal,
        })
      } catch (error) {
        if (error instanceof NetworkFailure && NEVER_REACHED_PROVIDER.has(error.kind)) {
          this.windows.forget(key.id, sentAt)
          settleSlot(slot, (ledger, slotId) => ledger.release(slotId))
        } else {
          this.windows.restamp(key.id, sentAt, clock.now())
          settleSlot(slot, (ledger, slotId) => ledger.answered(slotId, clock.now()))
        }
        if (!(error instanceof NetworkFailure)) throw error
        const classification = {
          outcome: 'network_error' as const,
          reason: error.message,
          providerMessage: null,
          facts: {},
        }
        return result(sentAt, attempt, classification, null, performance.now() - started)
      }
      settleSlot(slot, (ledger, slotId) => ledger.answered(slotId, clock.now()))
      const latency = performance.now() - started
      this.windows.restamp(key.id, sentAt, clock.now())
      const classification = classifyAnswer(planned.test, answer, clock.now())
      if (classification.outcome !== 'rate_limited') {
        return result(sentAt, attempt, classification, answer.status, latency)
      }
      // Rate limited: wait what the provider asked or documents, whichever is longer, with jitter on
      // top so keys told the same wait do not all come back in the same millisecond.
      const retry = retryWait(attempt, classification.retryAfterSeconds, planned.test.backoffSeconds, this.random)
      const delay = retry.milliseconds
      this.windows.pause(key.id, clock.now() + delay)
      const retryable = !NEVER_RETRIED.has(answer.status)
      if (!retryable || attempt >= MAX_ATTEMPTS || delay > options.maxWaitMilliseconds) {
        // The earliest time a new test stays clear of the pause and of the plan's windows.
        const nextTestAt = this.windows.nextSlot(key.id, planned.limits, clock.now())
        const nextTestDate = isoDateInRange(nextTestAt)
        const when =
          retry.clampedFromSeconds !== null
            ? ` The provider asked to wait ${describeWait(retry.clampedFromSeconds * 1000)}; tested again after ${nextTestDate ?? 'a day'}.`
            : ` Next test possible in ${describeWait(nextTestAt - clock.now())}.`
        return {
          ...result(sentAt, attempt, classification, answer.status, latency),
          reason: `${classification.reason}${when}`,
          nextTestAt: nextTestDate,
        }
      }
    }
  }
}

/** A slot reserved in the shared ledger for a request in flight. */
interface HeldSlot {
  ledger: SlotLedger
  slotId: number
}

const hasLimits = (limits: RateLimits): boolean => Object.values(limits).some((limit) => limit !== undefined)

/**
 * Stamps or releases a held slot. The vault may have been locked meanwhile: the slot then counts
 * until its deadline, as a dead process's would, and the test's answer still stands.
 */
const settleSlot = (slot: HeldSlot | null, settle: (ledger: SlotLedger, slotId: number) => void): void => {
  if (!slot) return
  try {
    settle(slot.ledger, slot.slotId)
  } catch {
    // Nothing to do: the slot's deadline bounds it.
  }
}

const result = (
  sentAt: number,
  attempts: number,
  classification: { outcome: TestOutcome; reason: string; providerMessage: string | null; facts: KeyFacts },
  httpStatus: number | null,
  latency: number,
): TestResult => ({
  outcome: classification.outcome,
  reason: classification.reason,
  providerMessage: classification.providerMessage,
  facts: classification.facts,
  httpStatus,
  latencyMilliseconds: Math.round(latency),
  testedAt: new Date(sentAt).toISOString(),
  attempts,
  nextTestAt: null,
})

/** Resolves when `previous` settles, or rejects as soon as the signal aborts. */
const waitFor = (previous: Promise<unknown>, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => reject(signal!.reason)
    signal?.addEventListener('abort', onAbort, { once: true })
    void previous.then(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    })
  })

const sleep = (clock: Clock, milliseconds: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    signal?.throwIfAborted()
    const onAbort = () => {
      clock.clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, milliseconds)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
