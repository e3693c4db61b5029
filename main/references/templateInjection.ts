// Whether a key's value can stand in a template where its reference stands without changing the
// file's structure: a value that would end its line, end its quoted string or start a comment is
// refused (keyward inject writes nothing then), never quoted or escaped. What counts depends on the
// template's format (.env, JSON, YAML, other text) and on whether the reference sits in a string.
import type { TemplateReference } from './templateReferences'

export type TemplateFormat = 'env' | 'json' | 'yaml' | 'text'

/** Endings a template's file name may carry after its real one: config.json.template is JSON. */
const TEMPLATE_SUFFIX = /\.(template|tmpl|tpl|example|sample|dist|in)$/i
const ENV_ASSIGNMENT = /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/
/** A .env line up to where its value starts. */
const ENV_VALUE_START = new RegExp(`${ENV_ASSIGNMENT.source}\\s*$`)

/**
 * The template's format, from its file name (.json; .yaml or .yml; .env, .env.*, *.env), then, for
 * stdin or another name, from its text: JSON when the whole text parses as JSON, else plain text.
 */
export const templateFormatOf = (fileName: string | null, text: string): TemplateFormat => {
  if (fileName !== null) {
    const base = (fileName.split(/[\\/]/).pop() ?? '').replace(TEMPLATE_SUFFIX, '').toLowerCase()
    if (base.endsWith('.json')) return 'json'
    if (base.endsWith('.yaml') || base.endsWith('.yml')) return 'yaml'
    if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'env'
  }
  try {
    JSON.parse(text)
    return 'json'
  } catch {
    // Every line NAME=value (or blank, or a comment): a .env file by any other name.
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    return lines.length > 0 && lines.every((line) => ENV_ASSIGNMENT.test(line)) ? 'env' : 'text'
  }
}

const FORMAT_IN_WORDS: Record<TemplateFormat, string> = { env: 'a .env file', json: 'a JSON file', yaml: 'a YAML file', text: 'the template' }

/** Where the reference stands on its line: in a string opened by this quote, in a comment, or bare. */
type Place = { kind: 'quoted'; quote: '"' | "'" | '`' } | { kind: 'comment' } | { kind: 'bare'; startsValue: boolean }

const QUOTES_OF: Record<TemplateFormat, string> = { env: `"'\``, json: '"', yaml: `"'`, text: `"'\`` }

/** Reads the line up to the reference as the format would: which quote is open, or a comment begun. */
const placeOf = (format: TemplateFormat, before: string): Place => {
  const quotes = QUOTES_OF[format]
  let open: '"' | "'" | '`' | null = null
  for (let index = 0; index < before.length; index += 1) {
    const character = before[index]!
    if (open) {
      if (character === '\\' && open === '"') index += 1
      else if (character === open) open = null
      continue
    }
    const previous = index === 0 ? ' ' : before[index - 1]!
    if (character === '#' && (format === 'env' || format === 'yaml') && /\s/.test(previous)) return { kind: 'comment' }
    // In YAML and .env a quote opens a string only where a value starts; an apostrophe inside a
    // plain value (it's) is a letter.
    const opensHere = format === 'json' || format === 'text' || /[\s=:[{,-]/.test(previous)
    if (quotes.includes(character) && opensHere) open = character as '"' | "'" | '`'
  }
  if (open) return { kind: 'quoted', quote: open }
  const startsValue = format === 'env' ? ENV_VALUE_START.test(before) : /(^|[\s:\-[{,])$/.test(before)
  return { kind: 'bare', startsValue }
}

const LINE_BREAK = /[\n\r\u2028\u2029]/
const CONTROL = /[\u0000-\u001f\u007f]/
const JSON_SCALAR = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/
const YAML_INDICATOR_FIRST = /^[-?:,[\]{}#&*!|>'"%@`]/

/**
 * Why this value cannot stand where this reference stands, in words that never quote the value; null
 * when it can. The text is the whole template, the reference one found in it.
 */
export const injectionProblem = (format: TemplateFormat, text: string, reference: TemplateReference, value: string): string | null => {
  const where = FORMAT_IN_WORDS[format]
  if (LINE_BREAK.test(value)) return `the key's value holds a line break, which would end this line of ${where} and start another.`
  if (CONTROL.test(value)) return `the key's value holds a control character (a tab, an escape …), which ${where} cannot hold as it is.`
  const lineStart = text.lastIndexOf('\n', reference.start - 1) + 1
  const place = placeOf(format, text.slice(lineStart, reference.start))
  if (place.kind === 'comment') return null
  if (place.kind === 'quoted') {
    if (value.includes(place.quote)) return `the key's value holds a ${place.quote}, which would end the ${place.quote}-quoted string the reference stands in.`
    if (place.quote === '"' && value.includes('\\')) return `the key's value holds a backslash, which the "-quoted string the reference stands in would read as an escape.`
    return null
  }
  switch (format) {
    case 'json':
      return JSON_SCALAR.test(value) ? null : 'the reference stands outside a JSON string and the value is not a number, true, false or null: write the reference inside double quotes.'
    case 'env':
      if (value.includes('#')) return "the key's value holds a #, which starts a comment in an unquoted .env value (the rest would be lost): write the reference inside single quotes."
      if (place.startsValue && /^[\s"'`]/.test(value)) return "the key's value starts with a quote or a space, which an unquoted .env value reads differently: write the reference inside single quotes."
      return null
    case 'yaml':
      if (/:(\s|$)|\s#/.test(value)) return "the key's value holds \": \" or \" #\" (or ends with \":\"), which YAML reads as a new key or a comment: write the reference inside single quotes."
      if (place.startsValue && (YAML_INDICATOR_FIRST.test(value) || /^\s|\s$/.test(value))) return "the key's value starts with a character YAML reads as syntax (- : [ { # & * ! | > ' \" % @), or with a space: write the reference inside single quotes."
      return null
    case 'text':
      return null
  }
}
