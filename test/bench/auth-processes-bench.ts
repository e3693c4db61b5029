// Plan limits across processes: several built `keyward test --all` processes started together on
// the same Clodura Starter keys (1/s, 10/min), each running its rounds back to back, against the
// HTTPS simulator on the real clock. Counts the 429s (every one is avoidable: the limits are
// declared) and compares the time with the floor the limits impose. A script, never a timed test.
//   npx tsx test/bench/auth-processes-bench.ts [--processes 4 --rounds 3 --keys 4 --runs 3]
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { rateLimitFloorMilliseconds, startProviderSimulator } from '../simulator/index'
import { fakeKeys } from '../support/fakeKeys'
import { assertCliBuilt } from '../integration/cli/builtCli'
import { makeBenchVault, runCliTimed } from './cliBench'
import { median } from './median'

const { values: options } = parseArgs({
  options: {
    processes: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    keys: { type: 'string', default: '4' },
    runs: { type: 'string', default: '3' },
  },
})
const PROCESSES = Number(options.processes)
const ROUNDS = Number(options.rounds)
const KEY_COUNT = Number(options.keys)
const RUNS = Number(options.runs)

const main = async () => {
  assertCliBuilt()
  const simulator = await startProviderSimulator()
  console.log(
    `Processes benchmark: ${PROCESSES} keyward test processes × ${ROUNDS} rounds on ${KEY_COUNT} Clodura Starter keys, ${RUNS} runs`,
  )
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  )
  const samples: { total: number; floor: number; status429: number; valid: number; tests: number }[] = []
  for (let run = 1; run <= RUNS; run += 1) {
    // A fresh vault each run: the slots of the last run would rightly hold this one back a minute.
    const directory = mkdtempSync(join(tmpdir(), 'keyward-processes-bench-'))
    try {
      const values = Array.from({ length: KEY_COUNT }, () => fakeKeys.clodura())
      for (const value of values) simulator.registerKey('clodura', { value, plan: 'Starter' })
      const { env } = await makeBenchVault(
        directory,
        values.map((value, index) => ({ name: `starter ${index}`, value, provider: 'clodura', plan: 'starter' })),
      )
      simulator.reset()
      const args = [
        'test',
        '--all',
        '--json',
        '--base-url',
        `clodura=${simulator.baseUrls.clodura}`,
        '--ca',
        simulator.caPath,
      ]
      const started = performance.now()
      const reports = await Promise.all(
        Array.from({ length: PROCESSES }, async () => {
          const outcomes: string[] = []
          for (let round = 0; round < ROUNDS; round += 1) {
            const result = await runCliTimed(args, env, directory)
            if (!result.stdout.trim().startsWith('[')) throw new Error(`keyward test failed: ${result.stderr}`)
            outcomes.push(...(JSON.parse(result.stdout) as { outcome: string }[]).map((report) => report.outcome))
          }
          return outcomes
        }),
      )
      const total = performance.now() - started
      const outcomes = reports.flat()
      const floor = rateLimitFloorMilliseconds({ perSecond: 1, perMinute: 10 }, PROCESSES * ROUNDS)
      const status429 = simulator.statusCounts().clodura['429'] ?? 0
      const sample = {
        total,
        floor,
        status429,
        valid: outcomes.filter((outcome) => outcome === 'valid').length,
        tests: outcomes.length,
      }
      samples.push(sample)
      console.log(
        `  run ${run}: ${(total / 1000).toFixed(1)} s (floor ${(floor / 1000).toFixed(1)} s per key), ${sample.tests} tests, ${sample.valid} valid, ` +
          `429s ${status429}, simulator statuses ${JSON.stringify(simulator.statusCounts().clodura)}`,
      )
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  }
  await simulator.close()
  const results = {
    totalSeconds: Number((median(samples.map((sample) => sample.total)) / 1000).toFixed(1)),
    floorSeconds: Number((median(samples.map((sample) => sample.floor)) / 1000).toFixed(1)),
    status429Median: median(samples.map((sample) => sample.status429)),
    status429Max: Math.max(...samples.map((sample) => sample.status429)),
    validOfTests: `${median(samples.map((sample) => sample.valid))} of ${median(samples.map((sample) => sample.tests))}`,
  }
  console.log('\nMedians:')
  console.table(results)
  const met = results.status429Max === 0
  console.log(met ? 'Target met: zero avoidable 429s.' : 'TARGET MISSED: avoidable 429s.')
  process.exitCode = met ? 0 : 1
}

await main()
