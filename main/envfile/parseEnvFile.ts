// Reads a .env file line by line. dotenv's parser decides what each entry means; this module only
// keeps line numbers, so that good lines are imported and each broken one is reported by number.
import { parse } from 'dotenv'

export interface EnvFileEntry {
  /** 1-based line where the entry starts. */
  line: number
  variable: string
  value: string
}

export interface EnvFileProblem {
  line: number
  message: string
}

export interface ParsedEnvFile {
  entries: EnvFileEntry[]
  problems: EnvFileProblem[]
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const ASSIGNMENT = /^\s*(?:export\s+)?([^=:\s]*(?:\s+[^=:\s]+)*)\s*(=|:\s)(.*)$/s
/** What comes before the variable's name in ASSIGNMENT (the same greedy prefix). */
const BEFORE_NAME = /^\s*(?:export\s+)?/
/**
 * The name the entry is handed to dotenv under. dotenv answers a plain object, where a variable named
 * __proto__ sets the object's prototype instead of a value (and constructor answers a function when
 * the line was not read): each entry is parsed alone under this name, and read as an own property.
 */
const NAME_FOR_DOTENV = 'ENTRY'

/** The quote an unfinished value opened, if the value starts with one and it is not closed yet. */
const openQuote = (rawValue: string): string | null => {
  const value = rawValue.trimStart()
  const quote = value[0]
  if (quote !== '"' && quote !== "'" && quote !== '`') return null
  for (let index = 1; index < value.length; index += 1) {
    if (value[index] === '\\' && quote === '"') {
      index += 1
      continue
    }
    if (value[index] === quote) return null
  }
  return quote
}

export const parseEnvFile = (text: string): ParsedEnvFile => {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const entries: EnvFileEntry[] = []
  const problems: EnvFileProblem[] = []
  const seen = new Map<string, number>()

  for (let index = 0; index < lines.length; index += 1) {
    const lineNumber = index + 1
    const line = lines[index]!
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue

    const assignment = ASSIGNMENT.exec(line)
    if (!assignment) {
      // The line itself is not quoted back: it may be a secret pasted on its own.
      problems.push({ line: lineNumber, message: `no "=" on this line: expected NAME=value` })
      continue
    }
    const variable = assignment[1]!
    if (!VARIABLE_NAME.test(variable)) {
      problems.push({
        line: lineNumber,
        message: variable
          ? `"${preview(variable)}" is not a valid variable name (letters, digits and _, not starting with a digit)`
          : 'the line starts with "=": the variable name is missing',
      })
      continue
    }

    // A quoted value may run over several lines; gather them before handing the entry to dotenv.
    let chunk = line
    const quote = openQuote(assignment[3]!)
    if (quote) {
      let closingIndex = index + 1
      while (closingIndex < lines.length && !lines[closingIndex]!.includes(quote)) closingIndex += 1
      if (closingIndex >= lines.length) {
        // Only this line is skipped: the lines after it are read as their own entries.
        problems.push({
          line: lineNumber,
          message: `${variable}: the value opens a ${quote} quote that is never closed`,
        })
        continue
      }
      chunk = lines.slice(index, closingIndex + 1).join('\n')
      index = closingIndex
    }

    const nameAt = BEFORE_NAME.exec(line)![0].length
    const parsed = parse(`${chunk.slice(0, nameAt)}${NAME_FOR_DOTENV}${chunk.slice(nameAt + variable.length)}`)
    const value = Object.hasOwn(parsed, NAME_FOR_DOTENV) ? parsed[NAME_FOR_DOTENV] : undefined
    if (value === undefined) {
      problems.push({ line: lineNumber, message: `${variable}: the line could not be read as NAME=value` })
      continue
    }
    if (value === '') {
      problems.push({ line: lineNumber, message: `${variable} has no value; nothing to import` })
      continue
    }
    const earlier = seen.get(variable)
    if (earlier !== undefined) {
      problems.push({
        line: lineNumber,
        message: `${variable} is set again (first on line ${earlier}); the later value is used`,
      })
      const previous = entries.findIndex((entry) => entry.variable === variable)
      if (previous >= 0) entries.splice(previous, 1)
    }
    seen.set(variable, lineNumber)
    entries.push({ line: lineNumber, variable, value })
  }
  return { entries, problems }
}

const preview = (text: string): string => (text.length > 40 ? `${text.slice(0, 37)}…` : text)
