// keyward import FILE: read a .env file, preview what would be imported (masked), and import the
// lines that look like keys in one transaction, after a confirmation. Broken lines are reported
// with their line numbers and do not stop the good ones.
import { basename, resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { ENVIRONMENTS, type Environment, type KeyRecord, type NewKey } from '../../../preload/contract'
import { KeywardError } from '../../common/errors'
import { parseEnvFile, previewImportEntries, readEnvFileText, type EnvFileProblem } from '../../envfile/index'
import { providersOf } from '../../keytests/index'
import type { KeyStore } from '../../vault/index'
import type { CliContext } from '../context'
import { CommandStopped, EXIT_FAILURE } from '../failures'
import { quoted } from '../keyDisplay'
import { confirm } from '../prompt'
import { formatTable, printable } from '../table'
import { withOpenVault, type GlobalOptions } from '../vaultAccess'

interface ImportOptions {
  yes?: boolean
  env?: Environment
  json?: boolean
}


interface PreviewEntry {
  line: number
  variable: string
  maskedValue: string
  provider: string | null
  environment: Environment
  duplicateOf: string | null
  looksLikeKey: boolean
}


const problemText = (problem: EnvFileProblem): string => `line ${problem.line}: ${problem.message}`

const previewColumns = [
  { header: 'LINE', cell: (entry: PreviewEntry) => String(entry.line) },
  { header: 'VARIABLE', cell: (entry: PreviewEntry) => entry.variable },
  { header: 'VALUE', cell: (entry: PreviewEntry) => entry.maskedValue },
  { header: 'PROVIDER', cell: (entry: PreviewEntry) => entry.provider ?? '-' },
  { header: 'ENV', cell: (entry: PreviewEntry) => entry.environment },
  { header: 'DUPLICATE OF', cell: (entry: PreviewEntry) => entry.duplicateOf ?? '-' },
  { header: 'IMPORT', cell: (entry: PreviewEntry) => (entry.looksLikeKey ? 'yes' : 'no (not a key)') },
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

export const registerImport = (program: Command, context: CliContext): Command =>
  program
    .command('import')
    .description('import the keys of a .env file, after a preview')
    .argument('<file>', 'the .env file to read')
    .option('-y, --yes', 'import without asking (needed when there is no terminal to ask)')
    .addOption(new Option('--env <environment>', 'store every imported key in this environment (else guessed)').choices(ENVIRONMENTS))
    .option('--json', 'print the preview, problems and imported keys as JSON')
    .addHelpText(
      'after',
      `
Each variable that looks like a key becomes a key of the same name; ordinary settings (PORT=3000)
are shown but not imported. Values are shown masked. Lines that cannot be read are listed with
their numbers on stderr and skipped; the rest are imported all together or not at all.

Examples:
  keyward import .env
  keyward import .env.staging --env test --yes
  keyward import .env --yes --json --password-file ~/.keyward-password
`,
    )
    .action(async (file: string, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & ImportOptions>()
      const { io } = context
      const path = resolve(io.cwd, file)
      const { entries, problems } = parseEnvFile(readEnvFileText(path))

      const outcome = await withOpenVault(context, options, async (vault) => {
        const preview: PreviewEntry[] = previewImportEntries(entries, vault.keys, providersOf(vault).map((entry) => entry.definition)).map(
          (entry) => ({ ...entry, environment: options.env ?? entry.environment }),
        )
        const chosen = preview.filter((entry) => entry.looksLikeKey)
        if (!options.json) {
          if (preview.length) io.stdout.write(`${basename(path)}:\n${formatTable(previewColumns, preview)}`)
        }
        for (const problem of problems) io.stderr.write(`keyward: ${printable(problemText(problem))}\n`)
        if (chosen.length === 0) {
          throw new KeywardError('not_found', `${basename(path)} holds no lines that look like keys; nothing was imported.`)
        }
        const taken = takenNames(vault.keys, chosen)
        if (taken.length) {
          throw new KeywardError(
            'duplicate_name',
            `Nothing was imported: the vault already has ${taken.length === 1 ? 'a key' : 'keys'} named ${taken.join(', ')}. Rename ${taken.length === 1 ? 'that key' : 'those keys'} (keyward edit NAME --name NEW) or remove ${taken.length === 1 ? 'the line' : 'the lines'} from the file, then import again.`,
          )
        }
        if (!options.yes) {
          const terminal = context.terminal()
          if (!terminal) {
            throw new KeywardError('invalid_argument', 'Nothing was imported: there is no terminal to confirm on. Add --yes to import without asking.')
          }
          const plural = chosen.length === 1 ? 'key' : 'keys'
          if (!(await confirm(terminal, `Import ${chosen.length} ${plural} into ${vault.path}?`))) {
            throw new CommandStopped('Nothing was imported.', EXIT_FAILURE)
          }
        }
        const byLine = new Map(entries.map((entry) => [entry.line, entry]))
        const newKeys: NewKey[] = chosen.map((entry) => ({
          name: entry.variable,
          value: byLine.get(entry.line)!.value,
          provider: entry.provider,
          environment: entry.environment,
          envVar: entry.variable,
        }))
        const imported = vault.keys.addMany(newKeys, 'imported')
        vault.audit.record({ action: '.env imported', subject: path, detail: `${imported.length} keys` })
        return { preview, imported }
      })
      report(context, path, outcome.preview, outcome.imported, problems, Boolean(options.json))
    })

const report = (
  context: CliContext,
  path: string,
  preview: PreviewEntry[],
  imported: KeyRecord[],
  problems: EnvFileProblem[],
  json: boolean,
): void => {
  const { stdout } = context.io
  if (json) {
    const shownProblems = problems.map((problem) => ({ line: problem.line, message: problemText(problem).replace(/^line \d+: /, '') }))
    stdout.write(`${JSON.stringify({ file: path, entries: preview, problems: shownProblems, imported }, null, 2)}\n`)
    return
  }
  const skipped = preview.length - imported.length
  const parts = [`Imported ${imported.length} key${imported.length === 1 ? '' : 's'} from ${basename(path)}`]
  if (skipped) parts.push(`${skipped} setting${skipped === 1 ? '' : 's'} left out (not keys)`)
  if (problems.length) parts.push(`${problems.length} line${problems.length === 1 ? '' : 's'} could not be read (listed on stderr)`)
  stdout.write(`${parts.join('; ')}.\n`)
}
