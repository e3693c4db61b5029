// Writes NAME=value lines that dotenv (and shells, for simple values) read back exactly.
import { KeywardError } from '../common/errors'

const PLAIN = /^[A-Za-z0-9_\-./:@+=,~%]*$/

/** Quotes a value with the first quote style that holds it without escapes dotenv would not undo. */
export const quoteEnvValue = (variable: string, value: string): string => {
  if (PLAIN.test(value)) return value
  if (!value.includes("'") && !value.includes('\n')) return `'${value}'`
  if (!value.includes('"') && !value.includes('\\')) return `"${value.replace(/\n/g, '\\n')}"`
  if (!value.includes('`') && !value.includes('\n')) return `\`${value}\``
  throw new KeywardError(
    'invalid_argument',
    `The value of ${variable} mixes quotes and line breaks in a way a .env file cannot hold; copy it directly instead.`,
  )
}

export interface EnvLine {
  variable: string
  value: string
  comment?: string
}

export const formatEnvFile = (lines: readonly EnvLine[], heading?: string): string => {
  const output: string[] = []
  if (heading) output.push(...heading.split(/\r?\n/).map((text) => `# ${text}`), '')
  for (const line of lines) {
    if (line.comment) output.push(`# ${line.comment.replace(/[\r\n]+/g, ' ')}`)
    output.push(`${line.variable}=${quoteEnvValue(line.variable, line.value)}`)
  }
  return `${output.join('\n')}\n`
}
