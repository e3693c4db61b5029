// Runs auth tests on the vault's keys: one key on a click, or every key in the background (one run
// at a time), each within its plan's limits, recording every result in the key's history.
import type { KeyRecord, KeyTest, TestOutcome, TestRunStatus } from '#contract'
import { TEST_OUTCOMES } from '#contract'
import type { Clock } from '../common/clock'
import { KeywardError } from '../common/errors'
import {
  runTests,
  DEFAULT_RUN_CONCURRENCY,
  type AuthTester,
  type KeyUnderTest,
  type ProviderSettings,
  type TestResult,
  type TestRunItem,
} from '../authtest/index'
import type { OpenVault } from '../vault/index'
import { keyTestEntry, recordQuietly } from './auditEntries'
import { findKnownProvider, testSettingsFor } from './providerDirectory'

/** A click waits this long at most for a key's limits before saying when it can go. */
const CLICK_MAX_WAIT_MILLISECONDS = 5_000
/** Tests in flight at once in a run; each key still keeps to its own plan's limits. */
export const RUN_CONCURRENCY = DEFAULT_RUN_CONCURRENCY

export interface KeyTestServiceOptions {
  /** The open vault to test keys of (the app's session answers a clear error while locked). */
  openVault: () => OpenVault
  tester: AuthTester
  clock: Clock
  concurrency?: number
  /** Settings for this service's tests only, laid over the stored ones (the CLI's --base-url, --ca). */
  settingsOverride?: (providerId: string, stored: ProviderSettings) => ProviderSettings
  /** Each result of a run, as it is recorded. */
  onResult?: (keyId: string, test: KeyTest) => void
}

const emptyCounts = (): Record<TestOutcome, number> =>
  Object.fromEntries(TEST_OUTCOMES.map((outcome) => [outcome, 0])) as Record<TestOutcome, number>

interface Run {
  status: TestRunStatus
  controller: AbortController
  done: Promise<void>
}

export class KeyTestService {
  private run: Run | null = null
  private readonly seeded = new Set<string>()

  constructor(private readonly options: KeyTestServiceOptions) {}

  /** The vault locked or closed: stop the run and forget what was loaded from it. */
  reset(): void {
    this.cancelRun()
    this.seeded.clear()
  }

  async testKey(id: string): Promise<KeyTest> {
    const vault = this.options.openVault()
    const key = vault.keys.get(id)
    const test = await this.testOne(vault, key, CLICK_MAX_WAIT_MILLISECONDS)
    recordQuietly(vault, keyTestEntry.tested(key, test.outcome))
    return test
  }

  startRun(keyIds?: readonly string[]): TestRunStatus {
    if (this.run?.status.state === 'running') return this.run.status
    const vault = this.options.openVault()
    const keys = keyIds ? keyIds.map((id) => vault.keys.get(id)) : vault.keys.list({ limit: 1_000_000 }).keys
    recordQuietly(vault, keyTestEntry.runStarted(keys.length))
    const items: TestRunItem[] = keys.map((key) => {
      this.seedWindows(vault, key.id)
      return {
        key: this.underTest(vault, key),
        provider: findKnownProvider(vault, key.provider),
        settings: this.settingsFor(vault, key.provider),
      }
    })
    const status: TestRunStatus = {
      state: 'running',
      total: keys.length,
      done: 0,
      counts: emptyCounts(),
      skipped: [],
      inFlight: [],
      startedAt: new Date(this.options.clock.now()).toISOString(),
      finishedAt: null,
      waitingUntil: null,
    }
    const controller = new AbortController()
    const done = runTests(this.options.tester, items, {
      concurrency: this.options.concurrency,
      signal: controller.signal,
      onProgress: (progress) => {
        status.done = progress.done
        status.counts = { ...progress.counts }
        status.waitingUntil = progress.waitingUntil === null ? null : new Date(progress.waitingUntil).toISOString()
      },
      onStart: (_index, item) => {
        if (!status.inFlight.includes(item.key.id)) status.inFlight.push(item.key.id)
      },
      onEntry: (_index, entry, item) => {
        status.inFlight = status.inFlight.filter((id) => id !== item.key.id)
        if (entry.status === 'tested') {
          // A vault locked mid-run is closed: the run is being canceled, and this result is dropped.
          if (!controller.signal.aborted) {
            const recorded = vault.tests.record(item.key.id, entry.result)
            this.options.onResult?.(item.key.id, recorded)
          }
        } else if (entry.status === 'not_tested') {
          status.skipped.push({
            keyId: item.key.id,
            name: item.key.name,
            reason: entry.error.message,
            provider: item.key.provider,
            cause: entry.error.because,
          })
        }
      },
    }).then(() => {
      if (status.state === 'running') status.state = 'finished'
      status.finishedAt = new Date(this.options.clock.now()).toISOString()
      status.waitingUntil = null
      status.inFlight = []
    })
    this.run = { status, controller, done }
    return status
  }

  runStatus(): TestRunStatus | null {
    return this.run
      ? {
          ...this.run.status,
          counts: { ...this.run.status.counts },
          skipped: [...this.run.status.skipped],
          inFlight: [...this.run.status.inFlight],
        }
      : null
  }

  cancelRun(): TestRunStatus | null {
    if (this.run?.status.state === 'running') {
      this.run.status.state = 'canceled'
      // Nothing under way is recorded any more: no row should say "testing…" after Cancel.
      this.run.status.inFlight = []
      this.run.controller.abort(new KeywardError('invalid_argument', 'The test run was canceled.'))
    }
    return this.runStatus()
  }

  /** Resolves when the current run has stopped (tests and shutdown). */
  async settled(): Promise<void> {
    await this.run?.done
  }

  private async testOne(vault: OpenVault, key: KeyRecord, maxWaitMilliseconds: number): Promise<KeyTest> {
    this.seedWindows(vault, key.id)
    const result: TestResult = await this.options.tester.test(
      this.underTest(vault, key),
      findKnownProvider(vault, key.provider),
      this.settingsFor(vault, key.provider),
      { maxWaitMilliseconds },
    )
    return vault.tests.record(key.id, result)
  }

  private settingsFor(vault: OpenVault, providerId: string | null): ProviderSettings {
    const stored = testSettingsFor(vault, providerId)
    return providerId !== null && this.options.settingsOverride
      ? this.options.settingsOverride(providerId, stored)
      : stored
  }

  private underTest(vault: OpenVault, key: KeyRecord): KeyUnderTest {
    return {
      id: key.id,
      name: key.name,
      value: vault.keys.revealValue(key.id),
      provider: key.provider,
      plan: key.plan,
      authScheme: key.authScheme,
      verifyUrl: key.verifyUrl,
    }
  }

  /** The daily window survives restarts: the first test of a key loads its last day of requests. */
  private seedWindows(vault: OpenVault, keyId: string): void {
    if (this.seeded.has(keyId)) return
    const since = new Date(this.options.clock.now() - 86_400_000).toISOString()
    this.options.tester.windows.seed(keyId, vault.tests.sentSince(keyId, since))
    this.seeded.add(keyId)
  }
}
