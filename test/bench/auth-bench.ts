// Auth-test benchmark: 200 keys across the five providers (Clodura on every plan of its table,
// AgentClara on both tiers), tested R rounds as "Test all" would, against the HTTPS simulator over
// real TLS on the real clock. Reports medians of several runs: total time beside the floor the plan
// limits impose, 429s, requests per second and peak memory. A script, never a timed test. Each run
// has a fresh vault holding the keys, whose shared request slots the tester reserves as the app and
// the CLI do (--slots process: within the process only, as before the slots were shared).
//   npx tsx test/bench/auth-bench.ts [--keys 200 --rounds 5 --runs 5 --concurrency 8 --slots vault|process]
import { mkdtempSync, rmSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createVault, type OpenVault } from '../../main/vault/index'
import { TEST_KDF_COST } from '../support/tempVault'
import { AuthTester, HttpsTransport, runTests, type KeyUnderTest, type TestRunItem } from '../../main/authtest/index'
import { systemClock } from '../../main/common/clock'
import { findProvider } from '../../main/providers/index'
import {
  cloduraPlanLimits,
  rateLimitFloorMilliseconds,
  simulatedProviders,
  startProviderSimulator,
  type CloduraPlan,
  type ProviderId,
  type ProviderSimulator,
} from '../simulator/index'
import { newKeyFor } from '../integration/simulator/providerKeys'
import { median } from './median'

const { values: options } = parseArgs({
  options: {
    keys: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    runs: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8' },
    slots: { type: 'string', default: 'vault' },
  },
})
const SHARED_SLOTS = options.slots !== 'process'
const KEY_COUNT = Number(options.keys)
const ROUNDS = Number(options.rounds)
const RUNS = Number(options.runs)
const CONCURRENCY = Number(options.concurrency)

/** Providers whose docs publish limits, which Keyward declares in their definitions. */
const DECLARED: readonly ProviderId[] = ['clodura', 'agentclara']

const cloduraPlans = Object.keys(cloduraPlanLimits) as CloduraPlan[]
const planIdOf = (plan: string): string =>
  plan === 'Default / Free Forever' ? 'free' : plan.toLowerCase().replace(/\s+/g, '-')

interface BenchKey {
  provider: ProviderId
  /** The plan as the simulator names it (null: its default). */
  simulatorPlan: string | null
  key: KeyUnderTest
}

const makeKeys = (): BenchKey[] =>
  Array.from({ length: KEY_COUNT }, (_, index) => {
    const provider = simulatedProviders[index % simulatedProviders.length]!
    const nth = Math.floor(index / simulatedProviders.length)
    let simulatorPlan: string | null = null
    let plan: string | null = null
    let authScheme: string | null = null
    if (provider === 'clodura') {
      simulatorPlan = cloduraPlans[nth % cloduraPlans.length]!
      plan = planIdOf(simulatorPlan)
    }
    if (provider === 'agentclara') simulatorPlan = plan = nth % 4 === 3 ? 'enterprise' : 'standard'
    if (provider === 'clipia') authScheme = ['bearer', 'key', 'x-api-key'][nth % 3]!
    return {
      provider,
      simulatorPlan,
      key: {
        id: `bench-${index}`,
        name: `${provider} key ${nth}`,
        value: newKeyFor[provider](),
        provider,
        plan,
        authScheme,
        verifyUrl: provider === 'cloro' ? 'https://api.cloro.dev/v1/me' : null,
      },
    }
  })

const refusalsOf = (simulator: ProviderSimulator, providers: readonly ProviderId[]): number =>
  simulator.requests.filter((record) => providers.includes(record.provider) && record.reason.startsWith('rate-limited'))
    .length

interface RunSample {
  totalMilliseconds: number
  floorMilliseconds: number
  requests: number
  status429: number
  refusalsDeclared: number
  refusalsUndeclared: number
  peakRssBytes: number
  peakHeapBytes: number
  outcomes: Record<string, number>
  latencyP50: number
  latencyP95: number
}

/** A fresh vault holding the keys (the slots of an earlier run would hold this one back), or none. */
const vaultFor = async (
  keys: BenchKey[],
): Promise<{ vault: OpenVault | null; ids: Map<string, string>; cleanup: () => void }> => {
  const ids = new Map<string, string>()
  if (!SHARED_SLOTS) return { vault: null, ids, cleanup: () => {} }
  const directory = mkdtempSync(join(tmpdir(), 'keyward-auth-bench-'))
  const vault = await createVault(join(directory, 'vault.keyward'), 'correct horse battery staple', {
    kdfCost: TEST_KDF_COST,
  })
  for (const { key } of keys)
    ids.set(key.id, vault.keys.add({ name: key.name, value: key.value, provider: key.provider, plan: key.plan }).id)
  return {
    vault,
    ids,
    cleanup: () => {
      vault.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

const runOnce = async (simulator: ProviderSimulator, keys: BenchKey[]): Promise<RunSample> => {
  const { vault, ids, cleanup } = await vaultFor(keys)
  simulator.reset()
  const transport = new HttpsTransport()
  const tester = new AuthTester({ clock: systemClock, transport, ledger: vault ? () => vault.rateSlots : undefined })
  const items: TestRunItem[] = []
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const { key, provider } of keys) {
      items.push({
        key: { ...key, id: ids.get(key.id) ?? key.id },
        provider: findProvider(provider),
        settings: { baseUrl: simulator.baseUrls[provider], extraCa: simulator.caCertificatePem },
      })
    }
  }
  const floorMilliseconds = Math.max(
    ...keys.map(({ provider, simulatorPlan }) =>
      rateLimitFloorMilliseconds(simulator.limitsFor(provider, simulatorPlan ?? undefined), ROUNDS),
    ),
  )

  let peakRssBytes = 0
  let peakHeapBytes = 0
  const sample = () => {
    const usage = process.memoryUsage()
    peakRssBytes = Math.max(peakRssBytes, usage.rss)
    peakHeapBytes = Math.max(peakHeapBytes, usage.heapUsed)
  }
  const sampler = setInterval(sample, 20)
  const started = performance.now()
  const summary = await runTests(tester, items, { concurrency: CONCURRENCY })
  const totalMilliseconds = performance.now() - started
  clearInterval(sampler)
  sample()
  transport.close()
  cleanup()

  const latencies = summary.entries
    .flatMap((entry) =>
      entry.status === 'tested' && entry.result.latencyMilliseconds !== null ? [entry.result.latencyMilliseconds] : [],
    )
    .sort((a, b) => a - b)
  const counts = simulator.statusCounts()
  return {
    totalMilliseconds,
    floorMilliseconds,
    requests: simulator.requests.length,
    status429: Object.values(counts).reduce((sum, perStatus) => sum + (perStatus['429'] ?? 0), 0),
    refusalsDeclared: refusalsOf(simulator, DECLARED),
    refusalsUndeclared: refusalsOf(
      simulator,
      simulatedProviders.filter((provider) => !DECLARED.includes(provider)),
    ),
    peakRssBytes,
    peakHeapBytes,
    outcomes: Object.fromEntries(
      Object.entries({ ...summary.progress.counts, not_tested: summary.progress.notTested }).filter(
        ([, count]) => count > 0,
      ),
    ),
    latencyP50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    latencyP95: latencies[Math.floor(latencies.length * 0.95)] ?? 0,
  }
}

const main = async () => {
  const simulator = await startProviderSimulator()
  const keys = makeKeys()
  for (const { provider, simulatorPlan, key } of keys) {
    simulator.registerKey(provider, { value: key.value, ...(simulatorPlan ? { plan: simulatorPlan } : {}) })
  }
  const mix = Object.entries(
    keys.reduce<Record<string, number>>((tally, { provider, simulatorPlan }) => {
      const name = simulatorPlan ? `${provider}/${simulatorPlan}` : provider
      tally[name] = (tally[name] ?? 0) + 1
      return tally
    }, {}),
  )
  console.log(
    `Auth-test benchmark: ${KEY_COUNT} keys × ${ROUNDS} rounds, concurrency ${CONCURRENCY}, ${RUNS} runs, request slots ${SHARED_SLOTS ? 'shared in the vault' : 'in the process'}`,
  )
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  )
  console.log(`Keys: ${mix.map(([name, count]) => `${name} ${count}`).join(', ')}`)

  await runOnce(simulator, keys.slice(0, 10)) // warm-up: JIT and the simulator's first handshakes
  const samples: RunSample[] = []
  for (let run = 1; run <= RUNS; run += 1) {
    const sample = await runOnce(simulator, keys)
    samples.push(sample)
    console.log(
      `  run ${run}: ${sample.totalMilliseconds.toFixed(0)} ms (floor ${sample.floorMilliseconds} ms, ×${(sample.totalMilliseconds / sample.floorMilliseconds).toFixed(3)}), ` +
        `${sample.requests} requests, 429s ${sample.status429}, refusals declared/undeclared ${sample.refusalsDeclared}/${sample.refusalsUndeclared}, ` +
        `latency p50/p95 ${sample.latencyP50}/${sample.latencyP95} ms, outcomes ${JSON.stringify(sample.outcomes)}`,
    )
  }
  await simulator.close()

  const total = median(samples.map((sample) => sample.totalMilliseconds))
  const floor = median(samples.map((sample) => sample.floorMilliseconds))
  const ratio = total / floor
  const requests = median(samples.map((sample) => sample.requests))
  const results = {
    totalMilliseconds: Math.round(total),
    floorMilliseconds: floor,
    ratio: Number(ratio.toFixed(3)),
    overFloorPercent: Number(((ratio - 1) * 100).toFixed(1)),
    status429: median(samples.map((sample) => sample.status429)),
    refusalsWhereLimitsDeclared: Math.max(...samples.map((sample) => sample.refusalsDeclared)),
    refusalsElsewhere: Math.max(...samples.map((sample) => sample.refusalsUndeclared)),
    requests,
    requestsPerSecond: Math.round(requests / (total / 1000)),
    latencyP50Milliseconds: median(samples.map((sample) => sample.latencyP50)),
    latencyP95Milliseconds: median(samples.map((sample) => sample.latencyP95)),
    peakRssMiB: Number((median(samples.map((sample) => sample.peakRssBytes)) / 2 ** 20).toFixed(1)),
    peakHeapMiB: Number((median(samples.map((sample) => sample.peakHeapBytes)) / 2 ** 20).toFixed(1)),
  }
  console.log('\nMedians:')
  console.table(results)
  const withinTarget = ratio <= 1.1 && results.refusalsWhereLimitsDeclared === 0
  console.log(
    withinTarget ? 'Targets met: within 10% of the floor, zero 429s where limits are declared.' : 'TARGETS MISSED.',
  )
  process.exitCode = withinTarget ? 0 : 1
}

await main()
