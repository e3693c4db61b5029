// keyward inject: fills a template's keyward:// references (.env, JSON, YAML, any text) with the
// keys' values, into a private file (0600, written whole, never through a link) or a pipe. Nothing
// is written unless every reference resolves and every value fits where its reference stands.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { KeywardError } from '../../common/errors'
import { countNoun } from '../../common/countNoun'
import { readSmallTextFile } from '../../common/readSmallTextFile'
import {
  TemplatePlaces,
  fillTemplate,
  findTemplateReferences,
  injectionProblem,
  shownText,
  templateFormatOf,
  type ParsedReference,
  type TemplateFormat,
  type TemplateReference,
} from '../../reference-service/index'
import type { CliContext } from '../context'
import { CommandStopped, EXIT_FAILURE } from '../failures'
import type { ReferenceValue } from '../keyLookup'
import { choosePasswordSource, passwordUsesStdin } from '../passwordSource'
import { checkPrivateFileDestination, writePrivateFileAtomically } from '../../envfile/index'
import { withVaultJob, type GlobalOptions } from '../vaultAccess'

interface InjectOptions {
  input?: string
  output?: string
  force?: boolean
  stdout?: boolean
}

const MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
/** Problems listed one by one; past these, only their number. */
const PROBLEMS_LISTED = 20

interface Located {
  line: number
  column: number
  message: string
}

/** Fails with one line per problem (TEMPLATE:LINE:COLUMN: what is wrong) and a summary line. */
const failWith = (
  label: string,
  problems: readonly Located[],
  total: number,
  failed: 'read' | 'resolved' | 'filled safely' | 'resolved or filled safely',
): never => {
  const lines = problems
    .slice(0, PROBLEMS_LISTED)
    .map((problem) => `${label}:${problem.line}:${problem.column}: ${problem.message}`)
  if (problems.length > PROBLEMS_LISTED) lines.push(`… and ${problems.length - PROBLEMS_LISTED} more.`)
  const hint =
    (problems.some((problem) => problem.message.startsWith('No key matches'))
      ? ' "keyward list" shows every key.'
      : '') +
    (failed.includes('safely')
      ? ' Keyward does not quote or escape values for you: give such a value to a command with "keyward run", or write a .env with "keyward export".'
      : '')
  lines.push(
    `${problems.length} of ${total} references in ${label} could not be ${failed}; nothing was written.${hint}`,
  )
  throw new CommandStopped(lines.join('\nkeyward: '), EXIT_FAILURE)
}

/** The template's text; one that is not UTF-8 is refused, so every byte around the references is kept. */
const decodeTemplate = (bytes: Uint8Array, label: string): string => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new KeywardError('invalid_argument', `${label} is not UTF-8 text; Keyward fills text templates only.`)
  }
}

const readTemplateFromStdin = async (stream: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    total += bytes.length
    if (total > MAX_TEMPLATE_BYTES)
      throw new KeywardError('invalid_argument', 'The template on stdin is larger than 5 MB; that is not a template.')
    chunks.push(bytes)
  }
  return decodeTemplate(Buffer.concat(chunks), 'The template on stdin')
}

const readTemplateFile = (path: string, label: string): string => {
  const text = readSmallTextFile(path, { maxBytes: MAX_TEMPLATE_BYTES, sizeInWords: '5 MB', what: 'a template' })
  // A replacement character may stand for bytes that were not UTF-8: look at the bytes themselves.
  return text.includes('\uFFFD') ? decodeTemplate(readFileSync(path), label) : text
}

/** The distinct references of a template, each asked for once. */
const distinctReferences = (references: readonly TemplateReference[]): ParsedReference[] => [
  ...new Map(references.map((found) => [found.reference.text, found.reference])).values(),
]

/**
 * Fills the template from each reference's value (in the order of distinctReferences), checking that
 * each value can stand where its reference stands in this format (no line break in a .env line, no
 * quote ending a JSON string …); or lists every problem.
 */
const fillFromValues = (
  text: string,
  references: readonly TemplateReference[],
  results: readonly ReferenceValue[],
  label: string,
  format: TemplateFormat,
): string => {
  const byText = new Map(distinctReferences(references).map((reference, index) => [reference.text, results[index]]))
  const places = new TemplatePlaces(format, text)
  const problems: Located[] = []
  let unresolved = 0
  for (const found of references) {
    const result = byText.get(found.reference.text)
    if (!result?.ok) {
      unresolved += 1
      problems.push({
        line: found.line,
        column: found.column,
        message: result ? result.message : 'The vault gave no answer for this reference.',
      })
      continue
    }
    const unsafe = injectionProblem(format, places.at(found.start), result.value)
    if (unsafe)
      problems.push({
        line: found.line,
        column: found.column,
        message: `${shownText(found.reference.text)}: ${unsafe}`,
      })
  }
  if (problems.length) {
    failWith(
      label,
      problems,
      references.length,
      unresolved === problems.length ? 'resolved' : unresolved === 0 ? 'filled safely' : 'resolved or filled safely',
    )
  }
  return fillTemplate(text, references, (found) => (byText.get(found.reference.text) as { value: string }).value)
}

// Longer than 80 lines: commander's declaration (options, and help whose examples docs/cli.md
// repeats) with its one action: read the template, resolve, write the file privately.
export const registerInject = (program: Command, context: CliContext): Command =>
  program
    .command('inject')
    .description("fill a template's keyward:// references with the keys' values (a .env, JSON or YAML file)")
    .option('-i, --input <template>', 'the template to fill (default: stdin)')
    .option('-o, --output <file>', 'write to FILE (created with mode 0600)')
    .option('--force', 'replace FILE if it exists')
    .option('--stdout', 'print to stdout even when it is a terminal')
    .addHelpText(
      'after',
      `
A reference is keyward://KEY NAME or keyward://provider/environment/name (%20 and other escapes
work too). Written bare, it ends at the end of the line, at a quote (" ' \`), or at " #"; written as
{{ keyward://KEY NAME }} it ends at }}. Nothing is written unless every reference resolves.

Values are not quoted or escaped: a value that would break out of its place (a line break anywhere,
a quote or backslash inside a quoted string, a # in a bare .env value, ": " in bare YAML) is refused,
and nothing is written. The format is told by the file name (.json, .yaml/.yml, .env), else by the
text. docs/cli.md lists every rule.

Examples:
  keyward inject -i .env.template -o .env
  keyward inject -i config.template.json -o config.json --force
  keyward inject < app.template.yaml | kubectl apply -f -
`,
    )
    .action(async (_options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & InjectOptions>()
      const { io } = context
      const output = options.output === undefined ? undefined : resolve(io.cwd, options.output)
      if (output === undefined && io.stdoutIsTTY && !options.stdout) {
        throw new KeywardError(
          'invalid_argument',
          'Refusing to print secrets on the terminal. Write them to a file with -o FILE, pipe them, or add --stdout if you really mean it.',
        )
      }
      if (output !== undefined) checkPrivateFileDestination(output, { replace: Boolean(options.force) })
      const fromStdin = options.input === undefined || options.input === '-'
      const source = choosePasswordSource(options, context)
      if (fromStdin && passwordUsesStdin(source)) {
        throw new KeywardError(
          'invalid_argument',
          'The template and the password cannot both come from stdin: give the template with -i FILE, or the password with --password-file.',
        )
      }
      if (fromStdin && io.stdinIsTTY) {
        throw new KeywardError('invalid_argument', 'Give the template with -i FILE, or pipe it on stdin.')
      }
      const label = fromStdin ? 'stdin' : shownText(options.input!)
      const text = fromStdin
        ? await readTemplateFromStdin(io.stdin)
        : readTemplateFile(resolve(io.cwd, options.input!), label)

      const { references, problems } = findTemplateReferences(text)
      if (problems.length) failWith(label, problems, references.length + problems.length, 'read')
      let filled = text
      if (references.length === 0) {
        io.stderr.write(`keyward: warning: ${label} holds no keyward:// references; it is written as it is.\n`)
      } else {
        const { results } = await withVaultJob(
          context,
          options,
          'resolve',
          {
            references: distinctReferences(references),
            audit: {
              action: 'template filled',
              subject: output ?? 'standard output',
              detail: `${references.length} references from ${label}`,
            },
          },
          source,
        )
        filled = fillFromValues(
          text,
          references,
          results,
          label,
          templateFormatOf(fromStdin ? null : options.input!, text),
        )
      }
      if (output === undefined) {
        io.stdout.write(filled)
        return
      }
      writePrivateFileAtomically(output, filled, { replace: Boolean(options.force) })
      io.stdout.write(
        `Filled ${countNoun(references.length, 'reference')} from ${label} into ${output} (readable only by you).\n`,
      )
    })
