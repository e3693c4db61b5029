// Failing fast with no network: a host whose name does not resolve (the reserved .invalid domain) is
// looked up once per run, not once per key, and such requests use no slot of the key's limits; off a
// terminal, `keyward test` says how far it got every few seconds; --json keeps what answers told.
import dns from 'node:dns'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  AuthTester,
  HttpsTransport,
  NetworkFailure,
  runTests,
  type HttpsRequest,
  type ProviderAnswer,
  type Transport,
} from '../../../main/authtest/index'
import { runKeyTests } from '../../../main/cli/keyTestRun'
import { startProgress } from '../../../main/cli/progress'
import { systemClock } from '../../../main/common/clock'
import { findProvider } from '../../../main/providers/index'
import { createVault } from '../../../main/vault/index'
import { fakeKeys } from '../../support/fakeKeys'
import { makeTempDirectory, openedVaults, TEST_KDF_COST, tempVaultPath } from '../../support/tempVault'
import { VirtualClock } from '../../unit/authtest/virtualClock'

const vaults = openedVaults()
const folders: (() => void)[] = []
afterEach(() => {
  vi.restoreAllMocks()
  vaults.closeAll()
  for (const cleanup of folders.splice(0)) cleanup()
})

const NOWHERE = { baseUrl: 'https://api.clodura.invalid', extraCa: null }

const starterKey = (index: number) => ({
  id: `starter-${index}`,
  name: `starter ${index}`,
  value: fakeKeys.clodura(),
  provider: 'clodura',
  plan: 'starter',
  authScheme: null,
  verifyUrl: null,
})

describe('a host that does not resolve', () => {
  it('is looked up once per run (at most once per request in flight), not once per key', async () => {
    const lookups = vi.spyOn(dns, 'lookup')
    const transport = new HttpsTransport()
    const tester = new AuthTester({ clock: new VirtualClock(), transport })
    const items = Array.from({ length: 120 }, (_, index) => ({
      key: starterKey(index),
      provider: findProvider('clodura'),
      settings: NOWHERE,
    }))
    const summary = await runTests(tester, items, { concurrency: 8 })
    transport.close()
    expect(summary.progress.counts.network_error).toBe(120)
    const reasons = new Set(
      summary.entries.map((entry) => (entry.status === 'tested' ? entry.result.reason : entry.status)),
    )
    expect([...reasons]).toEqual([
      "Could not find the host api.clodura.invalid: check the network connection or the provider's base URL.",
    ])
    const ofNowhere = lookups.mock.calls.filter(([host]) => host === 'api.clodura.invalid')
    expect(ofNowhere.length).toBeGreaterThan(0)
    expect(ofNowhere.length).toBeLessThanOrEqual(8)
  })

  it('uses no slot: a Starter key (1/s) tested three times in a row is never held back', async () => {
    const clock = new VirtualClock()
    const transport = new HttpsTransport()
    const tester = new AuthTester({ clock, transport })
    const key = starterKey(0)
    const started = clock.now()
    for (let round = 0; round < 3; round += 1) {
      expect((await tester.test(key, findProvider('clodura'), NOWHERE, { maxWaitMilliseconds: 0 })).outcome).toBe(
        'network_error',
      )
    }
    transport.close()
    expect(clock.now()).toBe(started)
    expect(tester.windows.sentTimes(key.id, clock.now())).toEqual([])
  })
})

/** Fails every request as a lookup would, once `released` resolves. */
class GatedLookupFailure implements Transport {
  constructor(private readonly released: Promise<void>) {}
  async send(request: HttpsRequest): Promise<ProviderAnswer> {
    await this.released
    throw new NetworkFailure('dns', `Could not find the host ${request.url.hostname}.`)
  }
}

describe('keyward test off a terminal', () => {
  const vaultWith = async (count: number) => {
    const { directory, cleanup } = makeTempDirectory('keyward-failing-fast-')
    folders.push(cleanup)
    const vault = vaults.track(
      await createVault(tempVaultPath(directory), 'correct horse battery', { kdfCost: TEST_KDF_COST }),
    )
    const keys = Array.from({ length: count }, (_, index) =>
      vault.keys.add({ name: `clodura ${index}`, value: fakeKeys.clodura(), provider: 'clodura', plan: 'starter' }),
    )
    return { vault, keys }
  }

  it('writes a plain progress line every few seconds (no carriage return, no escape sequence)', async () => {
    const { vault, keys } = await vaultWith(5)
    let said = ''
    let release: () => void = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    const stderr = {
      write: (text: string) => {
        said += text
        release()
        return true
      },
    }
    // A clock a second further on at each reading, so the log's every-few-seconds line comes at once.
    let time = 0
    const progress = startProgress({ stderr, stderrIsTTY: false }, { now: () => (time += 1_000) })
    const reports = await runKeyTests(vault, keys, {
      overrides: { baseUrls: new Map(), extraCa: null },
      clock: systemClock,
      progress,
      transport: new GatedLookupFailure(released),
    })
    expect(reports.map((report) => report.outcome)).toEqual(Array(5).fill('network_error'))
    expect(said).toMatch(/^keyward: Testing keys: 0 of 5 done\n/)
    expect(said).not.toContain('\r')
    expect(said).not.toContain('\u001b')
  })
})
