// Runs auth tests on the vault's keys: one key on a click, or every key in the background (one run
// at a time), each within its plan's limits, recording every result in the key's history.
import type { KeyRecord, KeyTest, TestOutcome, TestRunStatus } from '../../preload/contract'
import { TEST_OUTCOMES } from '../../preload/contract'
import type { Clock } from '../common/clock'
import { isKeywardError, KeywardError } from '../common/errors'
import type { AuthTester, KeyUnderTest, TestResult } from '../authtest/index'
import type { OpenVault } from '../vault/index'
import { findKnownProvider, testSettingsFor } from './providerDirectory'

/** A click waits this long at most for a key's limits before saying when it can go. */
const CLICK_MAX_WAIT_MILLISECONDS = 5_000
/** Keys tested at once in a run; each still keeps to its own plan's limits. */
export const RUN_CONCURRENCY = 8

export interface KeyTestServiceOptions {
  /** The open vault to test keys of (the app's session answers a clear error while locked). */
  openVault: () => OpenVault
  tester: AuthTester
  clock: Clock
  concurrency?: number
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
    return this.testOne(vault, vault.keys.get(id), CLICK_MAX_WAIT_MILLISECONDS)
  }

  startRun(keyIds?: readonly string[]): TestRunStatus {
    if (this.run?.status.state === 'running') return this.run.status
    const vault = this.options.openVault()
    const keys = keyIds ? keyIds.map((id) => vault.keys.get(id)) : vault.keys.list({ limit: 1_000_000 }).keys
    const status: TestRunStatus = {
      state: 'running',
      total: keys.length,
      done: 0,
      counts: emptyCounts(),
      skipped: [],
      startedAt: new Date(this.options.clock.now()).toISOString(),
      finishedAt: null,
      waitingUntil: null,
    }
    const controller = new AbortController()
    const run: Run = { status, controller, done: Promise.resolve() }
    run.done = this.runAll(vault, keys, run).finally(() => {
      if (status.state === 'running') status.state = 'finished'
      status.finishedAt = new Date(this.options.clock.now()).toISOString()
      status.waitingUntil = null
    })
    this.run = run
    return status
  }

  runStatus(): TestRunStatus | null {
    return this.run ? { ...this.run.status, counts: { ...this.run.status.counts }, skipped: [...this.run.status.skipped] } : null
  }

  cancelRun(): TestRunStatus | null {
    if (this.run?.status.state === 'running') {
      this.run.status.state = 'canceled'
      this.run.controller.abort(new KeywardError('invalid_argument', 'The test run was canceled.'))
    }
    return this.runStatus()
  }

  /** Resolves when the current run has stopped (tests and shutdown). */
  async settled(): Promise<void> {
    await this.run?.done
  }

  private async runAll(vault: OpenVault, keys: readonly KeyRecord[], run: Run): Promise<void> {
    const queue = [...keys]
    const worker = async () => {
      for (let key = queue.shift(); key && !run.controller.signal.aborted; key = queue.shift()) {
        try {
          const test = await this.testOne(vault, key, Number.POSITIVE_INFINITY, run)
          run.status.counts[test.outcome] += 1
        } catch (error) {
          if (run.controller.signal.aborted) return
          run.status.skipped.push({ keyId: key.id, name: key.name, reason: isKeywardError(error) ? error.message : 'Keyward could not test this key.' })
        }
        run.status.done += 1
      }
    }
    await Promise.all(Array.from({ length: this.options.concurrency ?? RUN_CONCURRENCY }, worker))
  }

  private async testOne(vault: OpenVault, key: KeyRecord, maxWaitMilliseconds: number, run?: Run): Promise<KeyTest> {
    const provider = findKnownProvider(vault, key.provider)
    const settings = testSettingsFor(vault, key.provider)
    const underTest: KeyUnderTest = {
      id: key.id,
      name: key.name,
      value: vault.keys.revealValue(key.id),
      provider: key.provider,
      plan: key.plan,
      authScheme: key.authScheme,
      verifyUrl: key.verifyUrl,
    }
    this.seedWindows(vault, key.id)
    if (run) {
      const slot = this.options.tester.nextSlot(underTest, provider, settings)
      if (slot > this.options.clock.now()) {
        const waiting = run.status.waitingUntil ? Math.min(Date.parse(run.status.waitingUntil), slot) : slot
        run.status.waitingUntil = new Date(waiting).toISOString()
      }
    }
    const result: TestResult = await this.options.tester.test(underTest, provider, settings, {
      maxWaitMilliseconds,
      signal: run?.controller.signal,
    })
    return vault.tests.record(key.id, result)
  }

  /** The daily window survives restarts: the first test of a key loads its last day of requests. */
  private seedWindows(vault: OpenVault, keyId: string): void {
    if (this.seeded.has(keyId)) return
    const since = new Date(this.options.clock.now() - 86_400_000).toISOString()
    this.options.tester.windows.seed(keyId, vault.tests.sentSince(keyId, since))
    this.seeded.add(keyId)
  }
}
