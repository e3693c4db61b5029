// keyward due [--json] [--all]: the keys that need rotating, most urgent first, with the due date in
// words and why; exit 1 when any key is leaked, rejected, expired or overdue (due soon only warns), so
// a script or CI job can stop on it. `due snooze` and `due period` change what the Rotation panel
// changes: a key's snooze and its own rotation period; `due clear-leaked` takes back a leaked mark, as
// setting its findings aside does in the app.
import { Help, type Command } from 'commander'
import { rotationStateWord } from '#contract/statusWords'
import { KeywardError, isKeywardError } from '../../common/errors'
import { countNoun } from '../../common/countNoun'
import {
  MAX_PERIOD_DAYS,
  MIN_PERIOD_DAYS,
  ROTATION_STATES,
  RotationService,
  type DueReport,
  type DueReportEntry,
  type KeyRotationStatus,
} from '../../rotation-service/index'
import type { OpenVault } from '../../vault/index'
import type { CliContext } from '../context'
import { EXIT_FAILURE } from '../failures'
import { quoted } from '../keyDisplay'
import { findKeyByName } from '../keyLookup'
import { formatTable, printable, type TableColumn } from '../table'
import { withOpenVault, withVaultJob, type GlobalOptions } from '../vaultAccess'

interface DueOptions {
  json?: boolean
  all?: boolean
}

interface SnoozeOptions {
  days?: string
  clear?: boolean
}

const STAGE_WORDS: Record<string, string> = {
  pending: 'new value pasted, not tested',
  tested: 'new value tested, not current yet',
  promoted: 'old value retiring',
}

const day = (iso: string): string => iso.slice(0, 10)

const stateCell = (entry: DueReportEntry): string =>
  entry.snoozedUntil === null
    ? rotationStateWord(entry.state)
    : `${rotationStateWord(entry.state)} (snoozed to ${day(entry.snoozedUntil)})`

const reasonCell = (entry: DueReportEntry): string =>
  entry.rotation === null ? entry.reason : `${entry.reason}; rotating: ${STAGE_WORDS[entry.rotation] ?? entry.rotation}`

const columns: TableColumn<DueReportEntry>[] = [
  { header: 'NAME', cell: (entry) => entry.name },
  { header: 'PROVIDER', cell: (entry) => entry.provider ?? '-' },
  { header: 'ENV', cell: (entry) => entry.environment },
  { header: 'STATE', cell: stateCell },
  { header: 'DUE', cell: (entry) => entry.due },
  // Last: the longest cell, so the short ones stay aligned on a narrow terminal.
  { header: 'REASON', cell: reasonCell },
]

/** "6 keys: 1 expired, 1 overdue, 2 due soon, 2 ok; 1 snoozed." (states with no key left out) */
export const dueSummaryLine = (report: DueReport): string => {
  const { counts } = report
  const parts = ROTATION_STATES.filter((state) => counts[state] > 0).map(
    (state) => `${counts[state]} ${rotationStateWord(state)}`,
  )
  const snoozed = counts.snoozed > 0 ? `; ${counts.snoozed} snoozed` : ''
  return `${countNoun(counts.total, 'key')}: ${parts.join(', ')}${snoozed}.`
}

/** The rotation service on the vault this command opened, on the run's clock. */
const rotationOf = (vault: OpenVault, context: CliContext) =>
  new RotationService({ openVault: () => vault, clock: context.clock })

/** The core's refusals quote the key's name as it is; a name could hold escape sequences. */
const safely = <Result>(work: () => Result): Result => {
  try {
    return work()
  } catch (error) {
    if (isKeywardError(error)) throw new KeywardError(error.code, printable(error.message))
    throw error
  }
}

/** "12 days overdue (90-day policy)", "ok, due in 80 days (rotate every 30 days (set on this key))". */
const statusWords = (status: KeyRotationStatus): string => {
  const state =
    status.state === 'ok' ? `ok, due ${status.dueInWords}` : `${rotationStateWord(status.state)}: ${status.dueInWords}`
  return `${state} (${status.dueReason})`
}

const REPORT_OPTIONS = ['--json', '--all']

const PERIOD_WORDS = `DAYS is a whole number of days from ${MIN_PERIOD_DAYS} to ${MAX_PERIOD_DAYS.toLocaleString('en')} (ten years), or "default"`

/** DAYS or "default" (null: the key follows its provider's period, else the vault's). */
const parsePeriod = (given: string): number | null => {
  if (given.trim().toLowerCase() === 'default') return null
  // Never quoted back: whatever was typed here is not meant for the terminal.
  if (!/^\d{1,9}$/.test(given.trim())) throw new KeywardError('invalid_argument', `${PERIOD_WORDS}.`)
  return Number(given.trim())
}

const parseSnoozeDays = (given: string): number => {
  if (!/^\d{1,9}$/.test(given.trim()))
    throw new KeywardError('invalid_argument', '--days takes a whole number of days, at least 1.')
  return Number(given.trim())
}

const registerSnooze = (due: Command, context: CliContext): Command =>
  due
    .command('snooze')
    .description("hold back a key's reminders for some days (only a key due soon or overdue)")
    .argument('<name>', 'the key, by name')
    .option('--days <n>', "snooze for N days (at most the policy's longest snooze, 14 by default)")
    .option('--clear', 'end the snooze now')
    .addHelpText(
      'after',
      `
A snoozed key keeps its state and stays in "keyward due", but no longer makes it exit 1, and the app
does not remind you of it until the snooze ends. A leaked, rejected or expired key cannot be snoozed.
A snooze is cut to the longest snooze (14 days unless changed in the app) and never runs past the
key's expiry. Rotating the key ends its snooze.

Examples:
  keyward due snooze "Clipia prod" --days 7
  keyward due snooze "Clipia prod" --clear
`,
    )
    .action(async (name: string, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & SnoozeOptions>()
      if (options.days === undefined && !options.clear) {
        self.error('give --days N to snooze, or --clear to end a snooze.', {
          exitCode: 2,
          code: 'keyward.snoozeHowLong',
        })
      }
      if (options.days !== undefined && options.clear) {
        self.error('give --days or --clear, not both.', { exitCode: 2, code: 'keyward.snoozeDaysAndClear' })
      }
      const days = options.days === undefined ? null : parseSnoozeDays(options.days)
      const message = await withOpenVault(context, options, (vault) => {
        const key = findKeyByName(vault.keys, name)
        const rotation = rotationOf(vault, context)
        if (days === null) {
          if (rotation.status(key.id).snoozedUntil === null)
            return `${quoted(key.name)} is not snoozed; nothing was changed.`
          const { status } = rotation.snooze(key.id, null)
          return `Ended the snooze of ${quoted(key.name)}; it is ${statusWords(status)}.`
        }
        const { plan } = safely(() => rotation.snooze(key.id, { days }))
        return `${quoted(key.name)}: ${plan!.message}`
      })
      context.io.stdout.write(`${message}\n`)
    })

const registerPeriod = (due: Command, context: CliContext): Command =>
  due
    .command('period')
    .description(
      'set how often a key is rotated, in days, or "default" to follow its provider\'s or the vault\'s period',
    )
    .argument('<name>', 'the key, by name')
    .argument('<days>', `${MIN_PERIOD_DAYS} to ${MAX_PERIOD_DAYS}, or "default"`)
    .addHelpText(
      'after',
      `
The key is then due at its last rotation plus DAYS (or its expiry, when that comes first).
"default" removes the key's own period: it follows its provider's advice (Airclou: 90 days), else
the vault's period (90 days; 180 for test keys), as set in the app.

Examples:
  keyward due period "Clipia prod" 30
  keyward due period "Clipia prod" default
`,
    )
    .action(async (name: string, given: string, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions>()
      const days = parsePeriod(given)
      const message = await withOpenVault(context, options, (vault) => {
        const key = findKeyByName(vault.keys, name)
        const status = safely(() => rotationOf(vault, context).setPeriod(key.id, days))
        const what = days === null ? 'now follows its default period' : `is now rotated every ${countNoun(days, 'day')}`
        return `${quoted(key.name)} ${what}: ${statusWords(status)}.`
      })
      context.io.stdout.write(`${message}\n`)
    })

const registerClearLeaked = (due: Command, context: CliContext): Command =>
  due
    .command('clear-leaked')
    .description('take back the leaked mark a scan put on a key (its copies were never readable by others)')
    .argument('<name>', 'the key, by name')
    .addHelpText(
      'after',
      `
A scan marks a vault key leaked when it finds the key's value in a tracked, staged or committed file;
one found only in a git-ignored or untracked local file is stored there in plain text, not leaked.
Clear the mark only when no copy was ever readable by others (a false alarm, or a commit never pushed
and since rewritten); otherwise rotate the key, which clears it too. "keyward:allow" on the line, or
setting the finding aside in the app, keeps that finding out of later scans.

Examples:
  keyward due clear-leaked "Clipia prod"
`,
    )
    .action(async (name: string, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions>()
      const message = await withOpenVault(context, options, (vault) => {
        const key = findKeyByName(vault.keys, name)
        const rotation = rotationOf(vault, context)
        if (vault.rotation.get(key.id).leakedAt === null)
          return `${quoted(key.name)} is not marked leaked; nothing was changed.`
        const status = rotation.clearLeaked(key.id)
        return `Cleared the leaked mark of ${quoted(key.name)}; it is ${statusWords(status)}.`
      })
      context.io.stdout.write(`${message}\n`)
    })

// Longer than 80 lines: commander's declaration of due and its help (examples docs/cli.md repeats)
// with the report's action; its subcommands are registered by their own functions above.
export const registerDue = (program: Command, context: CliContext): Command => {
  const due = program
    .command('due')
    .description(
      'list the keys that need rotating, most urgent first; exit 1 when one is leaked, rejected, expired or overdue',
    )
    .option('--json', 'print the whole report as JSON: counts and every key (never a value)')
    .option('--all', 'list ok keys too')
    .addHelpText(
      'after',
      `
Each key is due at the earlier of its expiry and its last rotation plus its period. States, most
urgent first: leaked, rejected, expired, overdue, due soon, ok.

Exit code: 1 when any key is leaked, rejected, expired or overdue (a snoozed overdue key does not
count); 0 otherwise: a key due soon is listed but does not fail the check.

Examples:
  keyward due
  keyward due --all
  keyward due --json | jq -r '.keys[] | select(.state != "ok") | .name'
  keyward due snooze "Clipia prod" --days 7
  keyward due period "Clipia prod" 30
  keyward due clear-leaked "Clipia prod"
`,
    )
    .action(async (_options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & DueOptions>()
      const report = await withVaultJob(context, options, 'due', {})
      if (report.exitCode !== 0) context.exitCode = EXIT_FAILURE
      const { stdout } = context.io
      if (options.json) {
        stdout.write(`${JSON.stringify(report, null, 2)}\n`)
        return
      }
      if (report.counts.total === 0) {
        stdout.write('The vault holds no keys yet. Add one with: keyward add NAME\n')
        return
      }
      const shown = options.all ? report.keys : report.keys.filter((entry) => entry.state !== 'ok')
      if (shown.length === 0) {
        stdout.write(
          `Nothing needs rotating: ${report.counts.total === 1 ? 'the key is' : `all ${report.counts.total} keys are`} ok.\n`,
        )
      } else {
        stdout.write(formatTable(columns, shown))
      }
      stdout.write(`${dueSummaryLine(report)}\n`)
    })
  for (const command of [
    registerSnooze(due, context),
    registerPeriod(due, context),
    registerClearLeaked(due, context),
  ]) {
    command
      .showHelpAfterError(`(run "keyward due ${command.name()} --help" for usage and examples)`)
      // --json and --all belong to the report; the subcommands' help lists only the real globals.
      .configureHelp({
        ...command.configureHelp(),
        visibleGlobalOptions(this: Help, self: Command) {
          return Help.prototype.visibleGlobalOptions
            .call(this, self)
            .filter((option) => !REPORT_OPTIONS.includes(option.long ?? ''))
        },
      })
      .hook('preAction', (self) => {
        const given = REPORT_OPTIONS.filter(
          (flag) => self.optsWithGlobals<DueOptions>()[flag.slice(2) as keyof DueOptions],
        )
        if (given.length) {
          self.error(
            `${given.join(' and ')} ${given.length === 1 ? 'is' : 'are'} for "keyward due" itself, not "due ${self.name()}".`,
            {
              exitCode: 2,
              code: 'keyward.reportOption',
            },
          )
        }
      })
  }
  return due
}
