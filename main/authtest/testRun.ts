// Tests many keys at once, as "Test all" does: every key keeps to its own plan's limits, a few
// requests are in flight at a time, the key whose limits leave it the longest road goes first, and
// nobody waits behind a key that is held back. Progress is reported as it goes; an AbortSignal stops
// the run, and what was done stays done.
import type { ErrorCode, UntestedCause } from '#contract'
import { isKeywardError } from '../common/errors'
import type { ProviderDefinition, RateLimits, TestOutcome } from '../providers/index'
import { TEST_OUTCOMES } from '../providers/index'
import type { AuthTester, TestResult } from './authTester'
import { NotTestableError, planVerifyRequest, type KeyUnderTest, type ProviderSettings } from './verifyRequest'

export interface TestRunItem {
  key: KeyUnderTest
  provider: ProviderDefinition | undefined
  settings: ProviderSettings
}

export type TestRunEntry =
  | { status: 'tested'; result: TestResult }
  /** The key could not be tested as it is (no provider, empty value…) or was held back by its limits. */
  | { status: 'not_tested'; error: UntestedError }
  | { status: 'canceled' }

/** Why an item was not tested: the error's code and words, and what would fix it (for grouping). */
export interface UntestedError {
  code: ErrorCode
  message: string
  because: UntestedCause
}

export interface TestRunProgress {
  total: number
  /** Items finished: tested or not testable (canceled ones are not counted). */
  done: number
  counts: Record<TestOutcome, number>
  notTested: number
  inFlight: number
  /** When nothing can be sent now because of the keys' limits: when the next request may go. */
  waitingUntil: number | null
}

export interface TestRunOptions {
  /** Tests in flight at once (each key still has at most one). Default 8: the end of a run is set by
   * the tightest plan's windows, and more in flight only adds queueing to its latency. */
  concurrency?: number
  signal?: AbortSignal
  /** Longest a key may be held back by its limits before its test is given up. Default 2 minutes. */
  maxWaitMilliseconds?: number
  onProgress?: (progress: TestRunProgress) => void
  /** An item's test starts (it may still wait for its slot inside the tester): a row "testing…". */
  onStart?: (index: number, item: TestRunItem) => void
  /** Each item's entry as soon as it is known, e.g. to record it in the key's history. */
  onEntry?: (index: number, entry: TestRunEntry, item: TestRunItem) => void
}

export interface TestRunSummary {
  /** One entry per item, in the items' order. */
  entries: TestRunEntry[]
  progress: TestRunProgress
  canceled: boolean
}

export const DEFAULT_RUN_CONCURRENCY = 8
export const DEFAULT_RUN_MAX_WAIT_MILLISECONDS = 120_000

/** One key's items, in order: a key appears once per test it should get (rounds repeat it). */
interface KeyLane {
  indexes: number[]
  next: number
  busy: boolean
  limits: RateLimits
}

/**
 * The least time `count` tests of one key take under its limits, each sent as soon as every window
 * allows: the order a run starts keys in, so the key that decides when the run ends starts first.
 */
export const leastTimeFor = (limits: RateLimits, count: number): number => {
  const times: number[] = [0]
  for (let index = 1; index < count; index += 1) {
    let earliest = times[index - 1]!
    if (limits.perSecond !== undefined && index >= limits.perSecond)
      earliest = Math.max(earliest, times[index - limits.perSecond]! + 1_000)
    if (limits.perMinute !== undefined && index >= limits.perMinute)
      earliest = Math.max(earliest, times[index - limits.perMinute]! + 60_000)
    if (limits.perDay !== undefined && index >= limits.perDay)
      earliest = Math.max(earliest, times[index - limits.perDay]! + 86_400_000)
    times.push(earliest)
  }
  return times[count - 1] ?? 0
}

const errorOf = (error: unknown): UntestedError => {
  if (error instanceof NotTestableError) return { code: error.code, message: error.message, because: error.because }
  if (isKeywardError(error))
    return {
      code: error.code,
      message: error.message,
      because: error.code === 'rate_limited' ? 'rate_limited' : 'other',
    }
  return {
    code: 'internal',
    message: 'Keyward could not test this key because of an internal error.',
    because: 'other',
  }
}

// Longer than 80 lines on purpose: its workers share the run's progress, entries, waits and cancel
// signal, which one closure keeps consistent between awaits.
export const runTests = async (
  tester: AuthTester,
  items: readonly TestRunItem[],
  options: TestRunOptions = {},
): Promise<TestRunSummary> => {
  const { clock } = tester
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_RUN_CONCURRENCY)
  const maxWait = options.maxWaitMilliseconds ?? DEFAULT_RUN_MAX_WAIT_MILLISECONDS
  const signal = options.signal
  const entries: (TestRunEntry | undefined)[] = items.map(() => undefined)
  const progress: TestRunProgress = {
    total: items.length,
    done: 0,
    counts: Object.fromEntries(TEST_OUTCOMES.map((outcome) => [outcome, 0])) as Record<TestOutcome, number>,
    notTested: 0,
    inFlight: 0,
    waitingUntil: null,
  }
  const report = () => options.onProgress?.({ ...progress, counts: { ...progress.counts } })
  const settle = (index: number, entry: TestRunEntry) => {
    entries[index] = entry
    if (entry.status === 'tested') progress.counts[entry.result.outcome] += 1
    if (entry.status === 'not_tested') progress.notTested += 1
    if (entry.status !== 'canceled') progress.done += 1
    options.onEntry?.(index, entry, items[index]!)
  }

  // Group items by key; a key that cannot be tested at all is settled at once, every item of it.
  const lanes = new Map<string, KeyLane>()
  items.forEach((item, index) => {
    const lane = lanes.get(item.key.id)
    if (lane) return void lane.indexes.push(index)
    lanes.set(item.key.id, { indexes: [index], next: 0, busy: false, limits: {} })
  })
  for (const [id, lane] of lanes) {
    const first = items[lane.indexes[0]!]!
    try {
      lane.limits = planVerifyRequest(first.key, first.provider, first.settings).limits
    } catch (error) {
      for (const index of lane.indexes) settle(index, { status: 'not_tested', error: errorOf(error) })
      lanes.delete(id)
    }
  }
  report()

  let wake: () => void = () => {}
  const nudge = () => wake()
  signal?.addEventListener('abort', nudge, { once: true })

  const start = (lane: KeyLane) => {
    const index = lane.indexes[lane.next]!
    const item = items[index]!
    lane.next += 1
    lane.busy = true
    progress.inFlight += 1
    options.onStart?.(index, item)
    tester
      .test(item.key, item.provider, item.settings, { maxWaitMilliseconds: maxWait, signal })
      .then(
        (result) => settle(index, { status: 'tested', result }),
        (error: unknown) =>
          settle(index, signal?.aborted ? { status: 'canceled' } : { status: 'not_tested', error: errorOf(error) }),
      )
      .finally(() => {
        lane.busy = false
        progress.inFlight -= 1
        report()
        nudge()
      })
  }

  try {
    for (;;) {
      if (signal?.aborted) break
      const now = clock.now()
      const ready: { lane: KeyLane; slot: number; road: number }[] = []
      let earliest = Number.POSITIVE_INFINITY
      let pending = false
      for (const [id, lane] of lanes) {
        if (lane.next >= lane.indexes.length) {
          // Finished: never looked at again (a run of 2,000 keys looked at every lane at each step).
          if (!lane.busy) lanes.delete(id)
          continue
        }
        pending = true
        if (lane.busy) continue
        const item = items[lane.indexes[lane.next]!]!
        const slot = tester.windows.nextSlot(item.key.id, lane.limits, now)
        if (slot - now > maxWait) {
          // Held back past what a run waits for (a daily limit): say so for each remaining test.
          const error: UntestedError = {
            code: 'rate_limited',
            because: 'rate_limited',
            message: `Held back to stay within ${item.provider?.name ?? 'the provider'}'s limits for this key: the next test is possible at ${new Date(slot).toISOString()}.`,
          }
          while (lane.next < lane.indexes.length) settle(lane.indexes[lane.next++]!, { status: 'not_tested', error })
          continue
        }
        if (slot <= now) ready.push({ lane, slot, road: leastTimeFor(lane.limits, lane.indexes.length - lane.next) })
        else earliest = Math.min(earliest, slot)
      }
      if (!pending && progress.inFlight === 0) break

      ready.sort((a, b) => b.road - a.road || a.slot - b.slot)
      for (const { lane } of ready.slice(0, concurrency - progress.inFlight)) start(lane)

      const canStartMore = progress.inFlight < concurrency
      progress.waitingUntil = canStartMore && ready.length === 0 && Number.isFinite(earliest) ? earliest : null
      report()

      // Sleep until a test finishes, the earliest held-back key's slot comes, or the run is canceled.
      await new Promise<void>((resolve) => {
        let timer: unknown
        wake = () => {
          if (timer !== undefined) clock.clearTimeout(timer)
          wake = () => {}
          resolve()
        }
        if (signal?.aborted) return wake()
        if (canStartMore && Number.isFinite(earliest))
          timer = clock.setTimeout(() => wake(), Math.max(0, earliest - clock.now()))
        else if (progress.inFlight === 0) wake()
      })
    }
    // Canceled: wait for the tests in flight to stop (they see the signal), then mark the rest.
    while (progress.inFlight > 0) await new Promise<void>((resolve) => (wake = resolve))
  } finally {
    signal?.removeEventListener('abort', nudge)
  }
  const canceled = signal?.aborted ?? false
  for (let index = 0; index < items.length; index += 1) if (!entries[index]) settle(index, { status: 'canceled' })
  progress.waitingUntil = null
  report()
  return { entries: entries as TestRunEntry[], progress: { ...progress, counts: { ...progress.counts } }, canceled }
}
