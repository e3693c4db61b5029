// Runs one key's verify test: waits for a slot within the plan's limits, sends the request, reads
// the answer by the provider's rules, and on 429 honours Retry-After and retries at most twice with
// full jitter. 401, 403 and 409 are answers, never retried.
import type { Clock } from '../common/clock'
import { KeywardError } from '../common/errors'
import type { ProviderDefinition, TestOutcome } from '../providers/index'
import { classifyAnswer, type KeyFacts, type ProviderAnswer } from './classifyAnswer'
import { NetworkFailure, type HttpsRequest } from './httpsTransport'
import { SlidingWindows } from './slidingWindows'
import { planVerifyRequest, type KeyUnderTest, type ProviderSettings } from './verifyRequest'

export interface TestResult {
  outcome: TestOutcome
  reason: string
  providerMessage: string | null
  httpStatus: number | null
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
}

export interface AuthTesterOptions {
  clock: Clock
  transport: Transport
  windows?: SlidingWindows
  random?: () => number
  timeoutMilliseconds?: number
}

export interface TestOptions {
  /** Longest Keyward waits for the plan's limits before giving up (one click: a few seconds). */
  maxWaitMilliseconds: number
  signal?: AbortSignal
}

const MAX_ATTEMPTS = 3
const BACKOFF_BASE_MILLISECONDS = 500
const BACKOFF_CAP_MILLISECONDS = 8_000
export const DEFAULT_TIMEOUT_MILLISECONDS = 10_000

export class AuthTester {
  readonly windows: SlidingWindows
  private readonly random: () => number
  private readonly timeoutMilliseconds: number

  constructor(private readonly options: AuthTesterOptions) {
    this.windows = options.windows ?? new SlidingWindows()
    this.random = options.random ?? Math.random
    this.timeoutMilliseconds = options.timeoutMilliseconds ?? DEFAULT_TIMEOUT_MILLISECONDS
  }

  /** When a test of this key could be sent (now, or later to stay within its plan's limits). */
  nextSlot(key: KeyUnderTest, provider: ProviderDefinition | undefined, settings: ProviderSettings): number {
    const planned = planVerifyRequest(key, provider, settings)
    return this.windows.nextSlot(key.id, planned.limits, this.options.clock.now())
  }

  async test(key: KeyUnderTest, provider: ProviderDefinition | undefined, settings: ProviderSettings, options: TestOptions): Promise<TestResult> {
    const { clock } = this.options
    const planned = planVerifyRequest(key, provider, settings)
    for (let attempt = 1; ; attempt += 1) {
      const slot = this.windows.nextSlot(key.id, planned.limits, clock.now())
      const wait = slot - clock.now()
      if (wait > options.maxWaitMilliseconds) {
        throw new KeywardError(
          'rate_limited',
          `Held back to stay within ${provider!.name}'s limits for this key: the next test is possible in ${Math.ceil(wait / 1000)} s.`,
        )
      }
      if (wait > 0) await sleep(clock, wait, options.signal)
      options.signal?.throwIfAborted()

      const sentAt = clock.now()
      this.windows.record(key.id, sentAt)
      let answer: ProviderAnswer
      try {
        answer = await this.options.transport.send({
          url: planned.url,
          headers: planned.headers,
          timeoutMilliseconds: this.timeoutMilliseconds,
          extraCa: planned.extraCa,
        })
      } catch (error) {
        if (!(error instanceof NetworkFailure)) throw error
        return result(sentAt, clock, attempt, { outcome: 'network_error', reason: error.message, providerMessage: null, facts: {} }, null, null)
      }
      const latency = clock.now() - sentAt
      const classification = classifyAnswer(planned.test, answer, clock.now())
      if (classification.outcome !== 'rate_limited') {
        return result(sentAt, clock, attempt, classification, answer.status, latency)
      }
      // 429: wait what the provider asked, or a full-jitter backoff, whichever is longer.
      const backoff = this.random() * Math.min(BACKOFF_CAP_MILLISECONDS, BACKOFF_BASE_MILLISECONDS * 2 ** attempt)
      const delay = Math.max((classification.retryAfterSeconds ?? 0) * 1000, backoff)
      this.windows.pause(key.id, clock.now() + delay)
      if (attempt >= MAX_ATTEMPTS || delay > options.maxWaitMilliseconds) {
        const nextTestAt = new Date(clock.now() + delay).toISOString()
        const wait = Math.ceil(delay / 1000)
        return {
          ...result(sentAt, clock, attempt, classification, answer.status, latency),
          reason: `${classification.reason} Next test in ${wait} s.`,
          nextTestAt,
        }
      }
    }
  }
}

const result = (
  sentAt: number,
  clock: Clock,
  attempts: number,
  classification: { outcome: TestOutcome; reason: string; providerMessage: string | null; facts: KeyFacts },
  httpStatus: number | null,
  latency: number | null,
): TestResult => ({
  outcome: classification.outcome,
  reason: classification.reason,
  providerMessage: classification.providerMessage,
  facts: classification.facts,
  httpStatus,
  latencyMilliseconds: latency ?? clock.now() - sentAt,
  testedAt: new Date(sentAt).toISOString(),
  attempts,
  nextTestAt: null,
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
