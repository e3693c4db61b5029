// Scans from the app: one at a time, in the background (the scanner's worker threads), matched against
// the vault's own values with the vault's fingerprint key, so a finding ignored once stays ignored.
// When a scan ends, each vault key it found is marked leaked and the places it was seen are kept for
// the rotate flow. The last report stays in memory until the vault locks.
import { join, resolve } from 'node:path'
import type { FindingTest, ScanResults, ScanRunStatus, ScanScopes } from '#contract'
import type { Clock } from '../common/clock'
import { KeywardError } from '../common/errors'
import type { TestValue } from '../rotation-service/index'
import {
  checkScanRoot,
  startScan,
  type Finding,
  type IgnoreReason,
  type ScanReport,
  type SuppressedFinding,
} from '../scanner/index'
import type { KeyTestService } from '../key-test-service/index'
import type { OpenVault } from '../vault/index'
import { leaksItsKey, recordScanLeaks, scanWithVaultInputs } from './vaultScan'
import { toScanResults } from './scanResults'

export interface ScanServiceOptions {
  openVault: () => OpenVault
  clock: Clock
  keyTests: Pick<KeyTestService, 'testKey'>
  /** Tests a value in place of the key's current one, recording nothing (an older, leaked version). */
  testValue: TestValue
  /** A scan marked keys leaked, or the user set a finding aside (rotation states may have moved). */
  onLeaksChanged?: () => void
  /** Scanning threads (default: the scanner's). */
  threads?: number
}

interface Run {
  status: ScanRunStatus
  controller: AbortController
  done: Promise<void>
}

interface LastScan {
  report: ScanReport
  finishedAt: string
  leakedKeys: number
}

export class ScanService {
  private run: Run | null = null
  private last: LastScan | null = null

  constructor(private readonly options: ScanServiceOptions) {}

  /** The vault locked: stop the scan and forget what it found. */
  reset(): void {
    this.cancel()
    this.run = null
    this.last = null
  }

  recentFolders(): string[] {
    return this.options.openVault().scans.recentFolders()
  }

  /** The user chose this folder in main's dialog: from now on it may be scanned. */
  rememberFolder(folder: string): string {
    const absolute = resolve(folder)
    this.options.openVault().scans.rememberFolder(absolute)
    return absolute
  }

  start(folder: string, scopes: ScanScopes): ScanRunStatus {
    if (this.run?.status.state === 'running') {
      throw new KeywardError(
        'invalid_argument',
        `A scan of ${this.run.status.folder} is still running. Wait for it, or cancel it first.`,
      )
    }
    const vault = this.options.openVault()
    const absolute = resolve(folder)
    if (!vault.scans.recentFolders().includes(absolute)) {
      throw new KeywardError(
        'invalid_argument',
        'Choose the folder to scan with "Choose folder…" first: Keyward scans only folders you picked.',
      )
    }
    checkScanRoot(absolute)
    vault.scans.rememberFolder(absolute)
    const status: ScanRunStatus = {
      state: 'running',
      folder: absolute,
      scopes,
      phase: 'listing',
      files: 0,
      blobs: 0,
      totalBlobs: null,
      bytes: 0,
      findings: 0,
      startedAt: this.nowIso(),
      finishedAt: null,
      error: null,
    }
    const controller = new AbortController()
    const scanning = scanWithVaultInputs(vault, (inputs) =>
      startScan({
        ...inputs,
        root: absolute,
        scopes,
        signal: controller.signal,
        threads: this.options.threads,
        onProgress: (progress) => Object.assign(status, progress),
      }),
    )
    const done = scanning.then(
      (report) => {
        status.finishedAt = this.nowIso()
        if (report.canceled || controller.signal.aborted) {
          status.state = 'canceled'
          this.last = { report, finishedAt: status.finishedAt, leakedKeys: 0 }
          return
        }
        // While running the count is of raw hits; the same secret in the tree, the index and history is one finding.
        status.findings = report.findings.length
        const leakedKeys = this.recordLeaks(vault, report)
        this.last = { report, finishedAt: status.finishedAt, leakedKeys }
        status.state = 'finished'
        status.phase = 'done'
      },
      (error: unknown) => {
        status.state = controller.signal.aborted ? 'canceled' : 'failed'
        status.finishedAt = this.nowIso()
        status.error =
          error instanceof KeywardError
            ? error.message
            : 'The scan stopped on an unexpected error. Try again; if it keeps failing, scan with keyward scan to see the details.'
        if (!(error instanceof KeywardError))
          console.error('[keyward] scan failed:', error instanceof Error ? error.name : typeof error)
      },
    )
    this.run = { status, controller, done }
    return { ...status }
  }

  status(): ScanRunStatus | null {
    return this.run ? { ...this.run.status, scopes: { ...this.run.status.scopes } } : null
  }

  cancel(): ScanRunStatus | null {
    if (this.run?.status.state === 'running') {
      this.run.status.state = 'canceled'
      this.run.controller.abort()
    }
    return this.status()
  }

  /** Resolves when the current scan has stopped (tests and shutdown). */
  async settled(): Promise<void> {
    await this.run?.done
  }

  results(): ScanResults | null {
    return this.last ? toScanResults(this.last.report, this.last.finishedAt, this.last.leakedKeys) : null
  }

  ignore(fingerprint: string, reason: IgnoreReason): ScanResults {
    const last = this.requireLast()
    const finding = findByFingerprint(last.report, fingerprint)
    const vault = this.options.openVault()
    vault.scans.ignore({
      fingerprint,
      reason,
      ruleId: finding.ruleId,
      path: finding.location.path,
      redactedSecret: finding.redactedSecret,
    })
    last.report.findings = last.report.findings.filter((entry) => entry.fingerprint !== fingerprint)
    last.report.suppressed = [
      ...last.report.suppressed.filter((entry) => entry.fingerprint !== fingerprint),
      { ...withoutSuppressed(finding), suppressed: reason },
    ]
    // A key no longer found where others can read it, but in findings set aside, is not leaked after all.
    const keyId = finding.vaultKey?.keyId
    if (keyId && !last.report.findings.some((entry) => entry.vaultKey?.keyId === keyId && leaksItsKey(entry))) {
      vault.rotation.clearLeaked(keyId)
      this.options.onLeaksChanged?.()
    }
    return this.results()!
  }

  unignore(fingerprint: string): ScanResults {
    const last = this.requireLast()
    const vault = this.options.openVault()
    vault.scans.unignore(fingerprint)
    const finding = last.report.suppressed.find((entry) => entry.fingerprint === fingerprint)
    if (finding && finding.suppressed !== 'inline_allow') {
      last.report.suppressed = last.report.suppressed.filter((entry) => entry.fingerprint !== fingerprint)
      last.report.findings = [...last.report.findings, withoutSuppressed(finding)]
      if (leaksItsKey(finding) && !last.report.canceled) {
        vault.rotation.markLeaked(finding.vaultKey!.keyId, new Date(this.options.clock.now()))
        this.options.onLeaksChanged?.()
      }
    }
    return this.results()!
  }

  /** The full path of the file a finding of the last scan is in (its path is the repository's, else the folder's). */
  findingPath(fingerprint: string): string {
    const { report } = this.requireLast()
    return join(report.repository ?? report.root, ...findByFingerprint(report, fingerprint).location.path.split('/'))
  }

  /** Tests the exact value the finding matched: the key's current value, or the older one that leaked. */
  async testFinding(fingerprint: string): Promise<FindingTest> {
    const finding = findByFingerprint(this.requireLast().report, fingerprint)
    const match = finding.vaultKey
    if (!match) {
      throw new KeywardError(
        'not_testable',
        'This secret is not in your vault, and Keyward keeps no copy of what a scan finds, so it cannot test it. Revoke it at the provider, or add it to the vault to test it.',
      )
    }
    const vault = this.options.openVault()
    const current = vault.rotation.history(match.keyId).find((entry) => entry.status === 'current')
    if (match.version === current?.version) {
      const test = await this.options.keyTests.testKey(match.keyId)
      return {
        keyId: match.keyId,
        keyVersion: test.keyVersion,
        current: true,
        outcome: test.outcome,
        reason: test.reason,
        httpStatus: test.httpStatus,
        testedAt: test.testedAt,
      }
    }
    const result = await this.options.testValue(match.keyId, vault.keys.revealVersionValue(match.keyId, match.version))
    return {
      keyId: match.keyId,
      keyVersion: match.version,
      current: false,
      outcome: result.outcome,
      reason: result.reason,
      httpStatus: result.httpStatus,
      testedAt: result.testedAt,
    }
  }

  private recordLeaks(vault: OpenVault, report: ScanReport): number {
    try {
      let changed = false
      const leaked = recordScanLeaks(vault, report, new Date(this.options.clock.now()), () => (changed = true))
      if (leaked > 0 || changed) this.options.onLeaksChanged?.()
      return leaked
    } catch (error) {
      // The vault locked as the scan ended: the findings stand, there is nowhere to record them.
      if (error instanceof KeywardError) return 0
      throw error
    }
  }

  private requireLast(): LastScan {
    if (!this.last) throw new KeywardError('not_found', 'There is no scan to act on. Scan a folder first.')
    return this.last
  }

  private nowIso(): string {
    return new Date(this.options.clock.now()).toISOString()
  }
}

const findByFingerprint = (report: ScanReport, fingerprint: string): Finding | SuppressedFinding => {
  const finding =
    report.findings.find((entry) => entry.fingerprint === fingerprint) ??
    report.suppressed.find((entry) => entry.fingerprint === fingerprint)
  if (!finding) throw new KeywardError('not_found', 'That finding is not in the last scan. Scan the folder again.')
  return finding
}

const withoutSuppressed = (finding: Finding | SuppressedFinding): Finding => {
  const { suppressed: _suppressed, ...rest } = finding as SuppressedFinding
  return rest
}
