// keyward scan [PATH]: look for leaked keys in a folder's working tree (and, when asked, its staged
// index and full history), with the rules and, when a vault is given, the vault's own values (current
// and earlier versions), so each finding names the key to rotate. Exit 1 when a finding is at or above
// --fail-on: made for CI and the pre-commit hook.
import { resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { version } from '../../../package.json'
import { startScan, type ScanReport } from '../../scanner/index'
import { leaksItsKey, recordScanLeaks, scanWithVaultInputs, type VaultScanInputs } from '../../scan-service/index'
import type { CliContext } from '../context'
import { EXIT_CANCELED, EXIT_FAILURE } from '../failures'
import { startProgress } from '../progress'
import { countNoun } from '../../common/countNoun'
import {
  buildSarif,
  DEFAULT_FAIL_ON,
  failingFindings,
  FAIL_ON,
  formatScanText,
  scanProgressLine,
  type FailOn,
} from '../scanOutput'
import { agentPathsFor } from '../agent/runtimeFolder'
import { sayOnceUntilUnlocked } from '../agent/notices'
import type { JobInput } from '../agent/jobs'
import { vaultExists } from '../../vault/index'
import { jobThroughAgent, vaultPathFor, withOpenVault, type GlobalOptions } from '../vaultAccess'

const FORMATS = ['text', 'json', 'sarif'] as const
type Format = (typeof FORMATS)[number]

interface ScanCommandOptions {
  history?: boolean
  staged?: boolean
  stagedOnly?: boolean
  format: Format
  failOn: FailOn
  /** false with --no-vault. */
  vault?: boolean
  vaultIfUnlocked?: boolean
}

/**
 * Scans with the vault's values when a vault is named (kept open through the scan, so each vault key a
 * finding matches is marked leaked: rotation then lists it until it is rotated; findings ignored in the
 * app stay ignored), else with the rules only. An unlocked agent does the scan itself when it holds the
 * vault; with --vault-if-unlocked (the pre-commit hook) only the agent is asked, never a password.
 */
const scanWithVault = async (
  context: CliContext,
  options: GlobalOptions,
  use: { vault: boolean; onlyIfUnlocked: boolean; job: JobInput<'scan'> },
  scan: (fromVault?: VaultScanInputs) => Promise<ScanReport>,
): Promise<{ report: ScanReport; markedLeaked: number }> => {
  if (!use.vault) return { report: await scan(), markedLeaked: 0 }
  if (use.onlyIfUnlocked) {
    // No vault on this machine: nothing is locked, and the rules are all there is.
    if (!vaultExists(vaultPathFor(options, context))) return { report: await scan(), markedLeaked: 0 }
    const answered = await jobThroughAgent(context, options, 'scan', use.job, 'Scanning with the rules only.')
    if (answered) return answered
    sayOnceUntilUnlocked(
      agentPathsFor(vaultPathFor(options, context), context.io.env),
      context.io.stderr,
      'keyward: the vault is locked, so this scan used the rules only (said once until the next unlock). Run "keyward unlock" to also find your vault\'s own keys.\n',
    )
    return { report: await scan(), markedLeaked: 0 }
  }
  if (!(options.vault || context.io.env.KEYWARD_VAULT)) return { report: await scan(), markedLeaked: 0 }
  const answered = await jobThroughAgent(context, options, 'scan', use.job)
  if (answered) return answered
  return withOpenVault(context, options, async (vault) => {
    const report = await scanWithVaultInputs(vault, scan)
    return { report, markedLeaked: recordScanLeaks(vault, report, new Date(context.clock.now())) }
  })
}

/** Vault keys found only in local files git does not keep: stored here, not leaked. */
const storedOnlyKeys = (report: ScanReport): number => {
  const exposed = new Set(report.findings.filter(leaksItsKey).map((finding) => finding.vaultKey!.keyId))
  return new Set(
    report.findings.flatMap((finding) =>
      finding.vaultKey && !exposed.has(finding.vaultKey.keyId) ? [finding.vaultKey.keyId] : [],
    ),
  ).size
}

// Longer than 80 lines: commander's declaration (options, and help whose examples docs/cli.md
// repeats) with its one action: scan, report, then the vault's marks and the exit code.
export const registerScan = (program: Command, context: CliContext): Command =>
  program
    .command('scan')
    .description('find leaked keys in a folder: its working tree, and its staged files or git history when asked')
    .argument('[path]', 'the folder to scan (default: the current folder)')
    .option('--history', 'also scan every commit of every branch, tag and stash')
    .option('--staged', 'also scan what is staged for the next commit')
    .option('--staged-only', 'scan only what is staged for the next commit (what a pre-commit hook wants)')
    .addOption(new Option('--format <format>', 'how to print the findings').choices(FORMATS).default('text'))
    .addOption(
      new Option(
        '--fail-on <level>',
        'exit 1 when a finding is this severity or above (critical > high > medium > low > info)',
      )
        .choices(FAIL_ON)
        .default(DEFAULT_FAIL_ON),
    )
    .option('--no-vault', 'scan with the rules only, even when --vault or KEYWARD_VAULT names a vault')
    .option(
      '--vault-if-unlocked',
      "use the vault's values only when it is unlocked (keyward unlock); never ask for a password",
    )
    .addHelpText(
      'after',
      `
Without a vault (no --vault, no KEYWARD_VAULT, or --no-vault) only the rules are used. With one, every
value the vault holds, current or earlier, is also looked for exactly, and a finding names the vault key
to rotate. No output ever holds a whole secret: only masks like clipia_live_••••7hQx.

Severity comes from how sure the rule is (a GitHub token, an AWS key, a private key: high; a
key-like assignment: low), the key's environment (a test key is one step lower), whether it is your
vault's value (its current live value: critical) and where it is: a key only in a git-ignored or
untracked local file is stored there, not leaked (low). The default, high, stops every high-confidence
secret in tracked, staged or committed files and never a documentation placeholder.

Exit codes: 0 nothing at or above --fail-on, 1 a finding at or above it (or the scan could not run),
2 a usage error. --fail-on any fails on every finding; none never fails. live (the earlier name of the
default) means high, test means any.

Examples:
  keyward scan
  keyward scan ~/code/app --history
  keyward scan --staged --fail-on medium
  keyward scan --staged-only --fail-on high --vault-if-unlocked   # what the pre-commit hook runs
  keyward scan --history --format sarif > keyward.sarif
  keyward unlock && keyward scan --history         # with the vault's values, no password file
`,
    )
    .action(async (path: string | undefined, _options: object, self: Command) => {
      const local = self.opts<ScanCommandOptions>()
      // The subcommand's --no-vault shares the name "vault" with the global --vault PATH: read each apart.
      const globals = self.parent!.opts<GlobalOptions>()
      const { io } = context
      // Ctrl-C stops the scan and prints what was found so far.
      const interrupt = new AbortController()
      const onInterrupt = () => interrupt.abort()
      process.once('SIGINT', onInterrupt)
      // A pre-commit hook's scan of what is staged is short, and its output is the commit's: no progress.
      const progress = local.stagedOnly ? null : startProgress(io, context.clock)
      const root = resolve(io.cwd, path ?? '.')
      // A pre-commit hook asks about the commit alone: a local .env that is never committed must not block it.
      const scopes = local.stagedOnly
        ? { tree: false, index: true, history: false }
        : { tree: true, index: Boolean(local.staged), history: Boolean(local.history) }
      const use = {
        vault: local.vault !== false,
        onlyIfUnlocked: Boolean(local.vaultIfUnlocked),
        job: { root, scopes },
      }
      const { report, markedLeaked } = await scanWithVault(context, globals, use, (fromVault) =>
        startScan({
          root,
          scopes,
          ...fromVault,
          signal: interrupt.signal,
          onProgress: progress ? (state) => progress.update(scanProgressLine(state)) : undefined,
        }),
      ).finally(() => {
        process.off('SIGINT', onInterrupt)
        progress?.end()
      })
      const storedOnly = storedOnlyKeys(report)
      if (storedOnly > 0) {
        io.stderr.write(
          `keyward: ${storedOnly} vault key${storedOnly === 1 ? ' is' : 's are'} stored in plain text only in git-ignored or untracked files here (not leaked); ` +
            'put a reference in their place, or start the program with "keyward run".\n',
        )
      }
      if (markedLeaked > 0) {
        io.stderr.write(
          `keyward: ${countNoun(markedLeaked, 'vault key')} marked leaked; "keyward due" lists ${markedLeaked === 1 ? 'it' : 'them'} until rotated.\n`,
        )
      }
      if (local.format === 'json') io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
      else if (local.format === 'sarif') io.stdout.write(`${JSON.stringify(buildSarif(report, version), null, 2)}\n`)
      else io.stdout.write(formatScanText(report))
      if (report.canceled) {
        const { files, blobs } = report.stats
        const scanned = `${files.toLocaleString('en')} file${files === 1 ? '' : 's'}${blobs > 0 ? ` and ${blobs.toLocaleString('en')} blob${blobs === 1 ? '' : 's'}` : ''}`
        io.stderr.write(
          `keyward: scan canceled after ${scanned}; the findings above are what it found before it stopped.\n`,
        )
        context.exitCode = EXIT_CANCELED
        return
      }
      const failing = failingFindings(report, local.failOn)
      if (failing.length > 0) {
        io.stderr.write(`keyward: ${countNoun(failing.length, 'finding')} at or above --fail-on ${local.failOn}.\n`)
        context.exitCode = EXIT_FAILURE
      }
    })
