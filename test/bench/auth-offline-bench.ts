// Failing fast: `keyward test --all` on N keys whose host does not resolve (a base URL under the
// reserved .invalid domain), built and run off a terminal, as a CI job or a hook would. Reports the
// total time, keys a second, and the longest silence on stderr. A script, never a timed test.
//   npx tsx test/bench/auth-offline-bench.ts [--keys 2000 --runs 3]
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fakeKeys } from '../support/fakeKeys'
import { assertCliBuilt } from '../integration/cli/builtCli'
import { makeBenchVault, runCliTimed } from './cliBench'
import { median } from './median'

const { values: options } = parseArgs({
  options: { keys: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' } },
})
const KEY_COUNT = Number(options.keys)
const RUNS = Number(options.runs)

const main = async () => {
  assertCliBuilt()
  console.log(
    `Offline benchmark: keyward test --all on ${KEY_COUNT} keys whose host does not resolve, off a terminal, ${RUNS} runs`,
  )
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  )
  const directory = mkdtempSync(join(tmpdir(), 'keyward-offline-bench-'))
  try {
    const made = Date.now()
    const { env } = await makeBenchVault(
      directory,
      Array.from({ length: KEY_COUNT }, (_, index) => ({
        name: `clodura ${index}`,
        value: fakeKeys.clodura(),
        provider: 'clodura',
        plan: 'starter',
      })),
    )
    console.log(`  vault with ${KEY_COUNT} keys made in ${((Date.now() - made) / 1000).toFixed(1)} s`)
    const samples: { seconds: number; longestSilence: number; lines: number }[] = []
    for (let run = 1; run <= RUNS; run += 1) {
      const result = await runCliTimed(
        ['test', '--all', '--json', '--base-url', 'clodura=https://api.clodura.invalid'],
        env,
        directory,
      )
      const reports = JSON.parse(result.stdout) as { outcome: string; reason: string }[]
      const outcomes = reports.reduce<Record<string, number>>(
        (tally, report) => ({ ...tally, [report.outcome]: (tally[report.outcome] ?? 0) + 1 }),
        {},
      )
      const lines = result.stderrTimes.filter((piece) => piece.text.includes('Testing keys'))
      const moments = [0, ...lines.map((line) => line.at), result.milliseconds]
      const longestSilence = Math.max(...moments.slice(1).map((at, index) => at - moments[index]!))
      samples.push({ seconds: result.milliseconds / 1000, longestSilence: longestSilence / 1000, lines: lines.length })
      console.log(
        `  run ${run}: ${(result.milliseconds / 1000).toFixed(2)} s, ${Math.round(KEY_COUNT / (result.milliseconds / 1000))} keys/s, exit ${result.exitCode}, ` +
          `outcomes ${JSON.stringify(outcomes)}, ${lines.length} progress lines, longest silence on stderr ${(longestSilence / 1000).toFixed(2)} s; first reason: ${reports[0]?.reason}`,
      )
    }
    const seconds = median(samples.map((sample) => sample.seconds))
    console.log('\nMedians:')
    console.table({
      totalSeconds: Number(seconds.toFixed(2)),
      keysPerSecond: Math.round(KEY_COUNT / seconds),
      longestSilenceSeconds: Number(median(samples.map((sample) => sample.longestSilence)).toFixed(2)),
      progressLines: median(samples.map((sample) => sample.lines)),
    })
    const met = seconds < 10
    console.log(met ? 'Target met: under 10 s.' : 'TARGET MISSED: 10 s or more.')
    process.exitCode = met ? 0 : 1
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

await main()
