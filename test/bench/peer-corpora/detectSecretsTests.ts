// Reads a peer scanner's examples out of its Python plugin tests (detect-secrets' tests/plugins/
// *_test.py): every `@pytest.mark.parametrize` table whose first column is the scanned line or file
// (`line`, `payload`, `file_content`), with its `should_flag` column when there is one (a table without
// it expects every row flagged). A row's text may be string literals (adjacent ones joined), a module
// constant, `+`, a slice and `.format(…)` of those; a row written any other way is counted as skipped,
// never guessed. Nothing of the peer's is kept in this repository: the sources are read at run time.

export interface PythonTestCase {
  source: string
  text: string
  secret: boolean
}

const TEXT_COLUMNS = new Set(['line', 'payload', 'file_content'])

/** A Python string literal at `start` (optional u/r/b prefix, single or double quotes, no triple quotes). */
const readPythonString = (text: string, start: number): { value: string; end: number } | null => {
  const prefix = /^[urbURB]{0,2}(?=['"])/.exec(text.slice(start, start + 3))?.[0] ?? ''
  const raw = /r/i.test(prefix)
  const quote = text[start + prefix.length]
  if (quote !== '"' && quote !== "'") return null
  let value = ''
  for (let index = start + prefix.length + 1; index < text.length; index += 1) {
    const character = text[index]!
    if (character === quote) return { value, end: index + 1 }
    if (character === '\n') return null
    if (character !== '\\' || raw) {
      value += character
      continue
    }
    const escaped = text[(index += 1)] ?? ''
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' }
    value += simple[escaped] ?? `\\${escaped}`
  }
  return null
}

const skipBlank = (text: string, index: number): number => {
  for (;;) {
    while (index < text.length && /\s/.test(text[index]!)) index += 1
    if (text[index] !== '#') return index
    const end = text.indexOf('\n', index)
    index = end < 0 ? text.length : end
  }
}

/** An expression made of literals, names, `+`, `[a:b]` and `.format(x)`; null when it holds anything else. */
const readExpression = (
  text: string,
  start: number,
  names: Map<string, string>,
): { value: string; end: number } | null => {
  let value: string | null = null
  let index = skipBlank(text, start)
  for (;;) {
    let term: { value: string; end: number } | null = readPythonString(text, index)
    // Adjacent literals are one string.
    while (term) {
      const next = readPythonString(text, skipBlank(text, term.end))
      if (!next) break
      term = { value: term.value + next.value, end: next.end }
    }
    if (!term) {
      const name = /^[A-Za-z_]\w*/.exec(text.slice(index, index + 100))?.[0]
      if (!name || !names.has(name)) return null
      term = { value: names.get(name)!, end: index + name.length }
    }
    index = term.end
    for (;;) {
      const slice = /^\[(\d*):(\d*)\]/.exec(text.slice(index, index + 20))
      if (slice) {
        term.value = term.value.slice(Number(slice[1] || 0), slice[2] ? Number(slice[2]) : undefined)
        index += slice[0].length
        continue
      }
      if (text.startsWith('.format(', index)) {
        const argument = readExpression(text, index + '.format('.length, names)
        const close = argument ? skipBlank(text, argument.end) : -1
        if (!argument || text[close] !== ')') return null
        term.value = term.value.replace('{}', argument.value)
        index = close + 1
        continue
      }
      break
    }
    value = (value ?? '') + term.value
    const after = skipBlank(text, index)
    if (text[after] !== '+') return { value, end: index }
    index = skipBlank(text, after + 1)
  }
}

/** Module-level `NAME = '…'` constants (their right side read as an expression of earlier ones). */
const moduleStrings = (source: string): Map<string, string> => {
  const names = new Map<string, string>()
  for (const match of source.matchAll(/^([A-Z_][A-Z0-9_]*)\s*=\s*/gm)) {
    const value = readExpression(source, match.index + match[0].length, names)
    if (value) names.set(match[1]!, value.value)
  }
  return names
}

/** The index just past the bracket that closes the one at `open`, skipping strings and comments. */
const closingBracket = (text: string, open: number): number => {
  let depth = 0
  for (let index = open; index < text.length; index += 1) {
    const character = text[index]!
    if (character === '#') index = text.indexOf('\n', index)
    else if (character === '"' || character === "'") index = (readPythonString(text, index)?.end ?? index + 1) - 1
    else if ('([{'.includes(character)) depth += 1
    else if (')]}'.includes(character) && --depth === 0) return index + 1
    if (index < 0) return text.length
  }
  return text.length
}

export const detectSecretsCases = (file: string, source: string): { cases: PythonTestCase[]; skipped: number } => {
  const names = moduleStrings(source)
  const cases: PythonTestCase[] = []
  let skipped = 0
  for (const table of source.matchAll(/@pytest\.mark\.parametrize\(\s*(['"])([^'"]*)\1\s*,\s*\[/g)) {
    const columns = table[2]!.split(',').map((column) => column.trim())
    if (!TEXT_COLUMNS.has(columns[0]!)) continue
    const flagColumn = columns.indexOf('should_flag')
    const listStart = table.index + table[0].length - 1
    const listEnd = closingBracket(source, listStart)
    let index = skipBlank(source, listStart + 1)
    let row = 0
    while (index < listEnd - 1) {
      row += 1
      // A row is a tuple `(text, should_flag)` or, in a one-column table, the text alone.
      const tuple = source[index] === '('
      const text = readExpression(source, tuple ? index + 1 : index, names)
      const rowEnd = tuple ? closingBracket(source, index) : (text?.end ?? listEnd - 1)
      const flag = flagColumn > 0 ? /\b(True|False)\b/.exec(source.slice(text?.end ?? index, rowEnd))?.[1] : 'True'
      if (text && flag)
        cases.push({ source: `detect-secrets:${file}#${row}`, text: text.value, secret: flag === 'True' })
      else skipped += 1
      index = skipBlank(source, rowEnd)
      if (source[index] === ',') index = skipBlank(source, index + 1)
    }
  }
  return { cases, skipped }
}
