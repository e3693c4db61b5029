// Runs the auth tests of `keyward test` through the app's KeyTestService (each key within its plan's
// limits, every result recorded in its history), with base URLs and a CA given for this run only,
// and answers one report per key: what its test said, or why it could not be tested.
import type { KeyRecord, KeyTest, ProviderFacts, TestOutcome, TestRunStatus } from '#contract'
import { AuthTester, HttpsTransport, type ProviderSettings, type Transport } from '../authtest/index'
import type { Clock } from '../common/clock'
import { KeyTestService } from '../key-test-service/index'
import type { OpenVault } from '../vault/index'
import type { Progress } from './progress'

/** Settings that hold for one run and are never stored. */
export interface RunOverrides {
  /** Provider id → base URL its tests go to instead of the stored one. */
  baseUrls: ReadonlyMap<string, string>
  /** PEM text of CA certificates trusted for every provider, beside any stored one. */
  extraCa: string | null
}

/** One key's line of the report: its test, or why there was none (outcome "not_tested"). */
export interface KeyTestReport {
  name: string
  provider: string | null
  keyId: string
  outcome: TestOutcome | 'not_tested'
  reason: string
  providerMessage: string | null
  httpStatus: number | null
  latencyMilliseconds: number | null
  testedAt: string | null
  attempts: number
  nextTestAt: string | null
  /** The test's id in the key's history; null when the key was not tested. */
  id: number | null
  keyVersion: number | null
  /** What this test's answer told about the key (permissions, expiry, credits, balance, plan); null when it told nothing. */
  facts: Omit<ProviderFacts, 'observedAt'> | null
}

export interface KeyTestRunOptions {
  overrides: RunOverrides
  clock: Clock
  /** Where the run's progress goes (stderr: redrawn on a terminal, logged off one). */
  progress?: Progress
  /** Stops the run (Ctrl-C): the keys not yet tested are reported as not tested. */
  signal?: AbortSignal
  /** Tests only: how answers are fetched (HTTPS otherwise). */
  transport?: Transport
}

/** How often the line is recomputed: its "waiting N s" part changes without any news. */
const PROGRESS_REFRESH_MILLISECONDS = 200

/** A provider's settings for this run: its base URL and the run's CA laid over the stored ones. */
export const applyRunOverrides = (
  providerId: string,
  stored: ProviderSettings,
  overrides: RunOverrides,
): ProviderSettings => ({
  baseUrl: overrides.baseUrls.get(providerId) ?? stored.baseUrl,
  extraCa: overrides.extraCa === null ? stored.extraCa : [stored.extraCa, overrides.extraCa].filter(Boolean).join('\n'),
})

const fromTest = (key: KeyRecord, test: KeyTest, facts: KeyTestReport['facts']): KeyTestReport => ({
  name: key.name,
  provider: key.provider,
  keyId: key.id,
  outcome: test.outcome,
  reason: test.reason,
  providerMessage: test.providerMessage,
  httpStatus: test.httpStatus,
  latencyMilliseconds: test.latencyMilliseconds,
  testedAt: test.testedAt,
  attempts: test.attempts,
  nextTestAt: test.nextTestAt,
  id: test.id,
  keyVersion: test.keyVersion,
  facts,
})

const notTested = (key: KeyRecord, reason: string): KeyTestReport => ({
  name: key.name,
  provider: key.provider,
  keyId: key.id,
  outcome: 'not_tested',
  reason,
  providerMessage: null,
  httpStatus: null,
  latencyMilliseconds: null,
  testedAt: null,
  attempts: 0,
  nextTestAt: null,
  id: null,
  keyVersion: null,
  facts: null,
})

/** What the answer of this test told about the key: kept on the key when the answer was valid. */
const factsOf = (vault: OpenVault, keyId: string, test: KeyTest): KeyTestReport['facts'] => {
  if (test.outcome !== 'valid') return null
  const stored = vault.keys.get(keyId).providerFacts
  if (!stored || stored.observedAt !== test.testedAt) return null
  const { observedAt: _observedAt, ...facts } = stored
  return facts
}

const progressLine = (status: TestRunStatus, now: number): string => {
  const waiting = status.waitingUntil ? Date.parse(status.waitingUntil) - now : 0
  const wait = waiting > 1_000 ? `; waiting ${Math.ceil(waiting / 1000)} s for a plan's limits` : ''
  return `Testing keys: ${status.done} of ${status.total} done${wait}`
}

/** Tests the keys (each once, in the order given) and answers one report per key, in that order. */
export const runKeyTests = async (
  vault: OpenVault,
  keys: readonly KeyRecord[],
  options: KeyTestRunOptions,
): Promise<KeyTestReport[]> => {
  if (keys.length === 0) return []
  const httpsTransport = options.transport ? null : new HttpsTransport()
  const tester = new AuthTester({
    clock: options.clock,
    transport: options.transport ?? httpsTransport!,
    ledger: () => vault.rateSlots,
  })
  const results = new Map<string, KeyTest>()
  const { progress, signal } = options
  const service: KeyTestService = new KeyTestService({
    openVault: () => vault,
    tester,
    clock: options.clock,
    settingsOverride: (providerId, stored) => applyRunOverrides(providerId, stored, options.overrides),
    onResult: (keyId, test) => {
      results.set(keyId, test)
      draw()
    },
  })
  // Each result redraws at once; the timer keeps the "waiting" part current between results.
  const draw = () => {
    const status = service.runStatus()
    if (status) progress?.update(progressLine(status, options.clock.now()))
  }
  const stop = () => service.cancelRun()
  let timer: ReturnType<typeof setInterval> | undefined
  try {
    service.startRun(keys.map((key) => key.id))
    if (signal?.aborted) stop()
    signal?.addEventListener('abort', stop, { once: true })
    if (progress) {
      draw()
      timer = setInterval(draw, PROGRESS_REFRESH_MILLISECONDS)
    }
    await service.settled()
  } finally {
    signal?.removeEventListener('abort', stop)
    if (timer !== undefined) clearInterval(timer)
    progress?.end()
    httpsTransport?.close()
  }
  const skipped = new Map((service.runStatus()?.skipped ?? []).map((entry) => [entry.keyId, entry.reason]))
  return keys.map((key) => {
    const test = results.get(key.id)
    if (test) return fromTest(key, test, factsOf(vault, key.id, test))
    return notTested(key, skipped.get(key.id) ?? 'The test did not run: the run was stopped first.')
  })
}
