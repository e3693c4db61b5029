// keyward test [NAME…|--all]: sends each key's read-only verify request to its provider, within the
// plan's limits, and shows what each answer means. Exit 0 only when every key tested is valid, so a
// script or CI job can stop on a rejected or expired key. Results go into each key's test history.
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { KeywardError } from '../../common/errors'
import { countNoun } from '../../common/countNoun'
import type { CliContext } from '../context'
import { EXIT_CANCELED, EXIT_FAILURE } from '../failures'
import { readCaCertificate } from '../../key-test-service/index'
import { checkHttpsUrl } from '../../providers/index'
import { OUTCOME_ORDER, outcomeWord } from '#contract/statusWords'
import { quoted } from '../keyDisplay'
import type { KeyTestReport } from '../keyTestRun'
import { startProgress } from '../progress'
import { formatTable, printable, type TableColumn } from '../table'
import { testKeys } from '../agent/jobs'
import { jobThroughAgent, withOpenVault, type GlobalOptions } from '../vaultAccess'

interface TestOptions {
  all?: boolean
  json?: boolean
  baseUrl?: string[]
  ca?: string
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** --base-url PROVIDER=URL, checked before the vault is opened (the provider is looked up later). */
const parseBaseUrl = (given: string): { provider: string; url: string } => {
  const separator = given.indexOf('=')
  const provider = separator > 0 ? given.slice(0, separator).trim() : ''
  const url = separator > 0 ? given.slice(separator + 1).trim() : ''
  if (!provider || !url) {
    throw new KeywardError(
      'invalid_argument',
      '--base-url takes PROVIDER=URL, such as clodura=https://staging.example.com.',
    )
  }
  const checked = checkHttpsUrl(url, 'A base URL')
  if (checked.kind === 'not_url') {
    throw new KeywardError('invalid_argument', `--base-url ${printable(provider)}=…: "${printable(url)}" is not a URL.`)
  }
  if (checked.problem) throw new KeywardError('invalid_argument', checked.problem)
  return { provider, url }
}

const outcomeCell = (report: KeyTestReport): string => outcomeWord(report.outcome)

const reportColumns: TableColumn<KeyTestReport>[] = [
  { header: 'NAME', cell: (report) => report.name },
  { header: 'PROVIDER', cell: (report) => report.provider ?? '-' },
  { header: 'OUTCOME', cell: outcomeCell },
  {
    header: 'LATENCY',
    cell: (report) => (report.latencyMilliseconds === null ? '-' : `${Math.round(report.latencyMilliseconds)} ms`),
  },
  { header: 'HTTP', cell: (report) => (report.httpStatus === null ? '-' : String(report.httpStatus)) },
  // Last: the longest cell, so the short ones stay aligned on a narrow terminal.
  { header: 'REASON', cell: (report) => report.reason },
]

/** "4 keys: 1 rejected, 1 expired, 1 not tested, 1 valid.": worst first, as the app lists outcomes. */
const summaryLine = (reports: readonly KeyTestReport[]): string => {
  const parts = OUTCOME_ORDER.flatMap((outcome) => {
    const matching = reports.filter((report) => report.outcome === outcome)
    return matching.length ? [`${matching.length} ${outcomeCell(matching[0]!)}`] : []
  })
  return `${countNoun(reports.length, 'key')}: ${parts.join(', ')}.`
}

// Longer than 80 lines: commander's declaration (options, and help whose examples docs/cli.md
// repeats) with its one action: choose the keys, test them, report and exit by outcome.
export const registerTest = (program: Command, context: CliContext): Command =>
  program
    .command('test')
    .description('test keys with their provider (one read-only request each) and say what each answer means')
    .argument('[names...]', 'the keys to test, by name')
    .option('--all', 'test every key in the vault')
    .option('--json', "print a JSON array: each key's name, provider, test and what the answer told (never a value)")
    .option(
      '--base-url <provider=url>',
      "this run only: send PROVIDER's tests to URL (https://); repeat for several",
      collect,
    )
    .option('--ca <file>', 'this run only: also trust the CA certificate(s) in FILE (PEM), for every provider')
    .addHelpText(
      'after',
      `
Each key is tested with its provider's read-only verify request, within its plan's rate limits
(several keys at once). Results are kept in each key's test history, as in the app. A key that
cannot be tested (no provider, or Cloro without --verify-url) is listed with the reason.

Exit code: 0 when every key tested is valid, 1 otherwise (a key not tested counts as not valid).
--base-url and --ca hold for this run only; "keyward providers set-base-url" and
"keyward providers trust-ca" store them in the vault.

Examples:
  keyward test "Clipia prod" "Airclou CI"
  keyward test --all --json | jq -r '.[] | select(.outcome != "valid") | .name'
  keyward test --all --base-url clipia=https://clipia.staging.internal --ca staging-ca.pem
`,
    )
    .action(async (names: string[], _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & TestOptions>()
      if (names.length === 0 && !options.all) {
        self.error('name the keys to test, or give --all to test every key.', {
          exitCode: 2,
          code: 'keyward.nothingToTest',
        })
      }
      if (names.length > 0 && options.all) {
        self.error('give key names or --all, not both.', { exitCode: 2, code: 'keyward.namesAndAll' })
      }
      const baseUrls = (options.baseUrl ?? []).map(parseBaseUrl)
      const extraCa = options.ca === undefined ? null : readCaCertificate(resolve(context.io.cwd, options.ca))
      const { io } = context
      const interrupt = new AbortController()
      const onInterrupt = () => interrupt.abort()

      const input = { names, all: Boolean(options.all), baseUrls, extraCa }
      // Through the agent, the agent runs the tests; here, Ctrl-C stops the run: the answers so far are
      // kept (in the history too) and shown.
      process.once('SIGINT', onInterrupt)
      let reports: KeyTestReport[]
      try {
        ;({ reports } =
          (await jobThroughAgent(context, options, 'test', input)) ??
          (await withOpenVault(context, options, (vault) =>
            testKeys(vault, input, { progress: startProgress(io, context.clock), signal: interrupt.signal }),
          )))
      } finally {
        process.off('SIGINT', onInterrupt)
      }
      const interrupted = interrupt.signal.aborted

      if (reports.some((report) => report.outcome !== 'valid')) context.exitCode = EXIT_FAILURE
      if (interrupted) context.exitCode = EXIT_CANCELED
      const tested = reports.filter((report) => report.id !== null).length
      const stoppedLine = `keyward: test run stopped by Ctrl-C: ${tested} of ${countNoun(reports.length, 'key')} tested (their results are in each key's history); the others were not.\n`
      if (options.json) {
        io.stdout.write(`${JSON.stringify(reports, null, 2)}\n`)
        if (interrupted) io.stderr.write(stoppedLine)
        return
      }
      if (reports.length === 0) {
        io.stdout.write('The vault holds no keys to test. Add one with: keyward add NAME\n')
        return
      }
      io.stdout.write(formatTable(reportColumns, reports))
      io.stdout.write(`${summaryLine(reports)}\n`)
      if (interrupted) {
        io.stderr.write(stoppedLine)
        return
      }
      const untested = reports.filter((report) => report.outcome === 'not_tested')
      if (untested.some((report) => !report.reason.startsWith('Held back'))) {
        io.stderr.write(
          `keyward: ${untested.length === 1 ? `${quoted(untested[0]!.name)} was` : `${untested.length} keys were`} not tested. Give a key what a test needs with "keyward edit NAME --provider P" (and --verify-url URL for Cloro); "keyward providers" lists the providers.\n`,
        )
      }
    })
