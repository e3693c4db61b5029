// Whether a key's value can stand in a template where its reference stands without changing the
// file's structure: a value that would end its line, end its quoted string or start a comment is
// refused (keyward inject writes nothing then), never quoted or escaped. What counts depends on the
// template's format (.env, JSON, YAML, other text) and on whether the reference sits in a string.

export type TemplateFormat = 'env' | 'json' | 'yaml' | 'text'

/** Endings a template's file name may carry after its real one: config.json.template is JSON. */
const TEMPLATE_SUFFIX = /\.(template|tmpl|tpl|example|sample|dist|in)$/i
const ENV_ASSIGNMENT = /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/

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

const FORMAT_IN_WORDS: Record<TemplateFormat, string> = {
  env: 'a .env file',
  json: 'a JSON file',
  yaml: 'a YAML file',
  text: 'the template',
}

type Quote = '"' | "'" | '`'

/** Where a reference stands on its line: in a string opened by this quote, in a comment, or bare. */
export type TemplatePlace =
  | { kind: 'quoted'; quote: Quote }
  | { kind: 'comment' }
  /** startsValue: the value starts where the reference does; inFlow: inside a YAML [ ] or { } on its line. */
  | { kind: 'bare'; startsValue: boolean; inFlow: boolean }

const QUOTES_OF: Record<TemplateFormat, string> = { env: `"'\``, json: '"', yaml: `"'`, text: `"'\`` }
/** A .env line up to where its value starts (sticky: matched at a line's start). */
const ENV_VALUE_START = /[ \t]*(export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*=[ \t]*/y
/** In YAML and .env a quote opens a string only after one of these; an apostrophe in a plain value (it's) is a letter. */
const OPENS_VALUE = /[\s=:[{,-]/

/**
 * Reads a template as its format would, up to each reference in turn (offsets in increasing order):
 * which quote is open, or whether a comment began, on the reference's line. Each character is read
 * once, however many references a line holds, so a hostile one-line template costs no more than its
 * length.
 */
export class TemplatePlaces {
  private position = 0
  private lineStart = 0
  private open: Quote | null = null
  private inComment = false
  private flowDepth = 0
  private valueStart: number

  constructor(
    private readonly format: TemplateFormat,
    private readonly text: string,
  ) {
    this.valueStart = this.valueStartAt(0)
  }

  at(offset: number): TemplatePlace {
    if (offset < this.position) throw new Error('TemplatePlaces.at: offsets must come in order')
    const quotes = QUOTES_OF[this.format]
    const { text, format } = this
    for (let index = this.position; index < offset; index += 1) {
      const character = text[index]!
      if (character === '\n') {
        this.lineStart = index + 1
        this.open = null
        this.inComment = false
        this.flowDepth = 0
        this.valueStart = this.valueStartAt(index + 1)
        continue
      }
      if (this.inComment) continue
      if (this.open) {
        if (character === '\\' && this.open === '"' && index + 1 < offset && text[index + 1] !== '\n') index += 1
        else if (character === this.open) this.open = null
        continue
      }
      const previous = index === this.lineStart ? ' ' : text[index - 1]!
      if (character === '#' && (format === 'env' || format === 'yaml') && /\s/.test(previous)) this.inComment = true
      else if (quotes.includes(character) && (format === 'json' || format === 'text' || OPENS_VALUE.test(previous)))
        this.open = character as Quote
      else if (character === '[' || character === '{') this.flowDepth += 1
      else if ((character === ']' || character === '}') && this.flowDepth > 0) this.flowDepth -= 1
    }
    this.position = offset
    if (this.inComment) return { kind: 'comment' }
    if (this.open) return { kind: 'quoted', quote: this.open }
    const startsValue =
      format === 'env' ? offset === this.valueStart : offset === this.lineStart || /[\s:\-[{,]/.test(text[offset - 1]!)
    return { kind: 'bare', startsValue, inFlow: format === 'yaml' && this.flowDepth > 0 }
  }

  /** For a .env line starting here, the offset where its value starts; -1 for another format or line. */
  private valueStartAt(lineStart: number): number {
    if (this.format !== 'env') return -1
    ENV_VALUE_START.lastIndex = lineStart
    const match = ENV_VALUE_START.exec(this.text)
    return match ? lineStart + match[0].length : -1
  }
}

const LINE_BREAK = /[\n\r\u2028\u2029]/
// oxlint-disable-next-line no-control-regex -- control characters are what a value may not carry here
const CONTROL = /[\u0000-\u001f\u007f]/
const JSON_SCALAR = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/
const YAML_INDICATOR_FIRST = /^[-?:,[\]{}#&*!|>'"%@`]/

/**
 * Why this value cannot stand at this place of a template of this format, in words that never quote
 * the value; null when it can.
 */
export const injectionProblem = (format: TemplateFormat, place: TemplatePlace, value: string): string | null => {
  const where = FORMAT_IN_WORDS[format]
  if (LINE_BREAK.test(value))
    return `the key's value holds a line break, which would end this line of ${where} and start another.`
  if (CONTROL.test(value))
    return `the key's value holds a control character (a tab, an escape …), which ${where} cannot hold as it is.`
  if (place.kind === 'comment') return null
  if (place.kind === 'quoted') {
    if (value.includes(place.quote))
      return `the key's value holds a ${place.quote}, which would end the ${place.quote}-quoted string the reference stands in.`
    if (place.quote === '"' && value.includes('\\'))
      return `the key's value holds a backslash, which the "-quoted string the reference stands in would read as an escape.`
    return null
  }
  switch (format) {
    case 'json':
      return JSON_SCALAR.test(value)
        ? null
        : 'the reference stands outside a JSON string and the value is not a number, true, false or null: write the reference inside double quotes.'
    case 'env':
      if (value.includes('#'))
        return "the key's value holds a #, which starts a comment in an unquoted .env value (the rest would be lost): write the reference inside single quotes."
      if (/^\s|\s$/.test(value))
        return "the key's value starts or ends with a space, which an unquoted .env value drops: write the reference inside single quotes."
      if (place.startsValue && /^["'`]/.test(value))
        return "the key's value starts with a quote, which an unquoted .env value reads as the start of a quoted one: write the reference inside single quotes."
      return null
    case 'yaml':
      if (place.inFlow && /[,[\]{}]/.test(value))
        return "the key's value holds , [ ] { } which end or split the YAML [ ] or { } the reference stands in: write the reference inside single quotes."
      if (/:(\s|$)|\s#/.test(value))
        return 'the key\'s value holds ": " or " #" (or ends with ":"), which YAML reads as a new key or a comment: write the reference inside single quotes.'
      if (/^\s|\s$/.test(value) || (place.startsValue && YAML_INDICATOR_FIRST.test(value)))
        return "the key's value starts with a character YAML reads as syntax (- : [ { # & * ! | > ' \" % @), or with a space: write the reference inside single quotes."
      return null
    case 'text':
      return null
  }
}
