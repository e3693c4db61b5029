// keyward import FILE: read a .env file, preview what would be imported (masked), and import the
// lines that look like keys in one transaction, after a confirmation. Broken lines are reported
// with their line numbers and do not stop the good ones.
import { basename, resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { ENVIRONMENTS, type Environment, type KeyRecord, type NewKey } from '#contract'
import { KeywardError } from '../../common/errors'
import { countNoun } from '../../common/countNoun'
import {
  parseEnvFile,
  previewImportEntries,
  readEnvFileText,
  type EnvFileEntry,
  type EnvFileProblem,
} from '../../envfile/index'
import { providersOf } from '../../key-test-service/index'
import type { KeyStore, OpenVault } from '../../vault/index'
import type { CliContext } from '../context'
import { quoted } from '../keyDisplay'
import { EXIT_CANCELED } from '../failures'
import { startProgress } from '../progress'
import { confirm } from '../prompt'
import { formatTable, printable } from '../table'
import { withOpenVault, type GlobalOptions } from '../vaultAccess'

interface ImportOptions {
  yes?: boolean
  env?: Environment
  json?: boolean
  skipExisting?: boolean
  verbose?: boolean
}

interface PreviewEntry {
  line: number
  variable: string
  maskedValue: string
  provider: string | null
  environment: Environment
  duplicateOf: string | null
  looksLikeKey: boolean
  /** With --skip-existing: the vault already has a key of this name, so the line is left out. */
  nameTaken?: boolean
}

const problemText = (problem: EnvFileProblem): string => `line ${problem.line}: ${problem.message}`

const previewColumns = [
  { header: 'LINE', cell: (entry: PreviewEntry) => String(entry.line) },
  { header: 'VARIABLE', cell: (entry: PreviewEntry) => entry.variable },
  { header: 'VALUE', cell: (entry: PreviewEntry) => entry.maskedValue },
  { header: 'PROVIDER', cell: (entry: PreviewEntry) => entry.provider ?? '-' },
  { header: 'ENV', cell: (entry: PreviewEntry) => entry.environment },
  { header: 'DUPLICATE OF', cell: (entry: PreviewEntry) => entry.duplicateOf ?? '-' },
  {
    header: 'IMPORT',
    cell: (entry: PreviewEntry) =>
      !entry.looksLikeKey ? 'no (not a key)' : entry.nameTaken ? 'no (name in the vault)' : 'yes',
  },
]

/** Names the import would take that are already used, in the vault or twice in the file. */
const takenNames = (keys: KeyStore, candidates: readonly { line: number; variable: string }[]): string[] => {
  const seen = new Map<string, number>()
  const taken: string[] = []
  for (const { line, variable } of candidates) {
    const existing = keys.findByName(variable)
    if (existing) taken.push(`${quoted(existing.name)} (line ${line})`)
    const earlier = seen.get(variable.toLowerCase())
    if (earlier !== undefined) taken.push(`${quoted(variable)} (lines ${earlier} and ${line} differ only in case)`)
    seen.set(variable.toLowerCase(), line)
  }
  return taken
}

/**
 * Writes the chosen lines as keys, in one transaction written in steps with progress; Ctrl-C while
 * they are written rolls the whole import back and answers null.
 */
const writeKeys = async (
  context: CliContext,
  vault: OpenVault,
  chosen: readonly PreviewEntry[],
  entries: readonly EnvFileEntry[],
): Promise<KeyRecord[] | null> => {
  const { io } = context
  const byLine = new Map(entries.map((entry) => [entry.line, entry]))
  const newKeys: NewKey[] = chosen.map((entry) => ({
    name: entry.variable,
    value: byLine.get(entry.line)!.value,
    provider: entry.provider,
    environment: entry.environment,
    envVar: entry.variable,
  }))
  // Ctrl-C while the keys are written rolls the whole import back (it is one transaction).
  const interrupt = new AbortController()
  const onInterrupt = () => interrupt.abort()
  process.once('SIGINT', onInterrupt)
  const progress = startProgress(io, context.clock)
  const imported = await vault.keys
    .addManyInSteps(newKeys, 'imported', {
      signal: interrupt.signal,
      onProgress: (done) => progress.update(`Importing keys: ${done} of ${newKeys.length} written`),
    })
    .finally(() => {
      process.off('SIGINT', onInterrupt)
      progress.end()
    })
  return imported
}

// Longer than 80 lines: commander's declaration (options, and help whose examples docs/cli.md
// repeats) with its one action, read top to bottom as the command runs: parse, preview, ask, import.
export const registerImport = (program: Command, context: CliContext): Command =>
  program
    .command('import')
    .description('import the keys of a .env file, after a preview')
    .argument('<file>', 'the .env file to read')
    .option('-y, --yes', 'import without asking (needed when there is no terminal to ask)')
    .addOption(
      new Option('--env <environment>', 'store every imported key in this environment (else guessed)').choices(
        ENVIRONMENTS,
      ),
    )
    .option('--skip-existing', 'leave out the lines whose names the vault already has, and import the rest')
    .option('--json', 'print the preview, problems and imported keys as JSON')
    .option('--verbose', 'with --yes off a terminal, print the line-by-line preview too (a summary otherwise)')
    .addHelpText(
      'after',
      `
Each variable that looks like a key becomes a key of the same name; ordinary settings (PORT=3000)
are shown but not imported. Values are shown masked. Lines that cannot be read are listed with
their numbers on stderr and skipped; the rest are imported all together or not at all. When a
name is already in the vault nothing is imported, unless --skip-existing leaves those lines out.
On a terminal the preview is shown line by line; with --yes off a terminal only the summary is
(add --verbose for the preview).

Examples:
  keyward import .env
  keyward import .env.staging --env test --yes
  keyward import .env --skip-existing
  keyward import .env --yes --json --password-file ~/.keyward-password
`,
    )
    .action(async (file: string, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & ImportOptions>()
      const { io } = context
      const path = resolve(io.cwd, file)
      const { entries, problems } = parseEnvFile(readEnvFileText(path))

      const outcome = await withOpenVault(context, options, async (vault) => {
        const preview: PreviewEntry[] = previewImportEntries(
          entries,
          vault.keys,
          providersOf(vault).map((entry) => entry.definition),
        ).map((entry) => ({
          ...entry,
          environment: options.env ?? entry.environment,
          ...(options.skipExisting && entry.looksLikeKey && vault.keys.findByName(entry.variable)
            ? { nameTaken: true }
            : {}),
        }))
        const keyLines = preview.filter((entry) => entry.looksLikeKey)
        const chosen = keyLines.filter((entry) => !entry.nameTaken)
        // A preview someone must confirm is always shown; a scripted --yes run gets the summary alone.
        const showPreview = !options.json && (io.stdoutIsTTY || Boolean(options.verbose) || !options.yes)
        if (showPreview && preview.length)
          io.stdout.write(`${basename(path)}:\n${formatTable(previewColumns, preview)}`)
        for (const problem of problems) io.stderr.write(`keyward: ${printable(problemText(problem))}\n`)
        if (keyLines.length === 0) {
          throw new KeywardError(
            'not_found',
            `${basename(path)} holds no lines that look like keys; nothing was imported.`,
          )
        }
        if (chosen.length === 0) return { preview, imported: [] as KeyRecord[] }
        const taken = takenNames(vault.keys, chosen)
        if (taken.length) {
          throw new KeywardError(
            'duplicate_name',
            `Nothing was imported: the vault already has ${taken.length === 1 ? 'a key' : 'keys'} named ${taken.join(', ')}. Rename ${taken.length === 1 ? 'that key' : 'those keys'} (keyward edit NAME --name NEW), remove ${taken.length === 1 ? 'the line' : 'the lines'} from the file, or add --skip-existing to import the rest.`,
          )
        }
        if (!options.yes) {
          const terminal = context.terminal()
          if (!terminal) {
            throw new KeywardError(
              'invalid_argument',
              'Nothing was imported: there is no terminal to confirm on. Add --yes to import without asking.',
            )
          }
          // "No" is an answer, not a failure: exit 0.
          if (!(await confirm(terminal, `Import ${countNoun(chosen.length, 'key')} into ${vault.path}?`)))
            return { preview, imported: null }
        }
        const imported = await writeKeys(context, vault, chosen, entries)
        if (imported === null) return { preview, imported: null, interrupted: true }
        vault.audit.record({ action: '.env imported', subject: path, detail: `${imported.length} keys` })
        return { preview, imported }
      })
      if ('interrupted' in outcome) {
        io.stderr.write(
          'keyward: import stopped by Ctrl-C before it was finished: nothing was imported, the vault is as it was.\n',
        )
        context.exitCode = EXIT_CANCELED
        return
      }
      report(context, path, outcome.preview, outcome.imported, problems, Boolean(options.json))
    })

const report = (
  context: CliContext,
  path: string,
  preview: PreviewEntry[],
  imported: KeyRecord[] | null,
  problems: EnvFileProblem[],
  json: boolean,
): void => {
  const { stdout } = context.io
  if (imported === null) {
    stdout.write('Nothing was imported.\n')
    return
  }
  if (json) {
    const shownProblems = problems.map((problem) => ({
      line: problem.line,
      message: problemText(problem).replace(/^line \d+: /, ''),
    }))
    stdout.write(`${JSON.stringify({ file: path, entries: preview, problems: shownProblems, imported }, null, 2)}\n`)
    return
  }
  const settings = preview.filter((entry) => !entry.looksLikeKey).length
  const namesTaken = preview.filter((entry) => entry.nameTaken).length
  const parts = [`Imported ${countNoun(imported.length, 'key')} from ${basename(path)}`]
  if (namesTaken) parts.push(`${namesTaken} left out (${namesTaken === 1 ? 'name' : 'names'} already in the vault)`)
  if (settings) parts.push(`${countNoun(settings, 'setting')} left out (not keys)`)
  if (problems.length) parts.push(`${countNoun(problems.length, 'line')} could not be read (listed on stderr)`)
  stdout.write(`${parts.join('; ')}.\n`)
}
