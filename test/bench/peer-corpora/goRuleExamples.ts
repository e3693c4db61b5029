// Reads a peer scanner's rule examples out of its Go sources (gitleaks' cmd/generate/config/rules):
// each rule function's true positives (`tps`) and false positives (`fps`), taken only where an element
// is a plain string literal (examples built at run time from random generators are left out), and the
// samples its `GenerateSampleSecrets(identifier, secret)` helper would make, from the helper's own
// templates. Nothing of the peer's is kept in this repository: the sources are read at run time.

export interface PeerExample {
  /** Where the example comes from: `gitleaks:aws.go:AWS` or a secretlint snapshot's folder. */
  source: string
  text: string
  /** true: a secret a scanner must find; false: text it must not flag. */
  secret: boolean
}

/** A Go string literal starting at `text[start]` (interpreted or raw); null when none starts there. */
export const readGoString = (text: string, start: number): { value: string; end: number } | null => {
  const quote = text[start]
  if (quote === '`') {
    const end = text.indexOf('`', start + 1)
    return end < 0 ? null : { value: text.slice(start + 1, end), end: end + 1 }
  }
  if (quote !== '"') return null
  let value = ''
  for (let index = start + 1; index < text.length; index += 1) {
    const character = text[index]!
    if (character === '"') return { value, end: index + 1 }
    if (character === '\n') return null
    if (character !== '\\') {
      value += character
      continue
    }
    const escaped = text[(index += 1)]
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'", '`': '`' }
    if (escaped !== undefined && escaped in simple) value += simple[escaped]
    else if (escaped === 'x') {
      value += String.fromCharCode(parseInt(text.slice(index + 1, index + 3), 16))
      index += 2
    } else value += `\\${escaped ?? ''}`
  }
  return null
}

/** Skips blanks and comments from `index`; returns the next meaningful position. */
const skipBlank = (text: string, index: number): number => {
  for (;;) {
    while (index < text.length && /\s/.test(text[index]!)) index += 1
    if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index)
      index = end < 0 ? text.length : end
    } else if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index)
      index = end < 0 ? text.length : end + 2
    } else return index
  }
}

/** The top-level elements of a bracketed Go list starting after `open`; each as its source text. */
const splitElements = (text: string, open: number, closer: string): string[] => {
  const elements: string[] = []
  let depth = 0
  let current = ''
  for (let index = open; index < text.length;) {
    const character = text[index]!
    if (character === '"' || character === '`') {
      const literal = readGoString(text, index)
      if (!literal) return elements
      current += text.slice(index, literal.end)
      index = literal.end
      continue
    }
    if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index)
      index = end < 0 ? text.length : end
      continue
    }
    if ('([{'.includes(character)) depth += 1
    if (')]}'.includes(character)) {
      if (depth === 0 && character === closer) {
        if (current.trim()) elements.push(current.trim())
        return elements
      }
      depth -= 1
    }
    if (character === ',' && depth === 0) {
      if (current.trim()) elements.push(current.trim())
      current = ''
    } else current += character
    index += 1
  }
  return elements
}

/** An element that is one string literal and nothing else; otherwise null (built at run time). */
const plainLiteral = (element: string): string | null => {
  const start = skipBlank(element, 0)
  const literal = readGoString(element, start)
  if (!literal) return null
  return skipBlank(element, literal.end) === element.length ? literal.value : null
}

/** The templates of `GenerateSampleSecrets` ({i}, {I}, {s}) from the helper's source. */
export const sampleTemplates = (generateSource: string): string[] => {
  const body = /func GenerateSampleSecrets\([^)]*\)[^{]*\{([\s\S]*?)\n\}/.exec(generateSource)?.[1] ?? ''
  const mapStart = body.indexOf('map[string]string{')
  if (mapStart < 0) return []
  const templates: string[] = []
  for (const element of splitElements(body, mapStart + 'map[string]string{'.length, '}')) {
    const colon = (() => {
      const key = readGoString(element, skipBlank(element, 0))
      return key ? skipBlank(element, key.end) : -1
    })()
    if (colon < 0 || element[colon] !== ':') continue
    const value = plainLiteral(element.slice(colon + 1))
    if (value !== null) templates.push(value)
  }
  return templates
}

const fillTemplate = (template: string, identifier: string, secret: string): string =>
  template.replaceAll('{i}', identifier).replaceAll('{I}', identifier.toUpperCase()).replaceAll('{s}', secret)

/** The examples of every rule function in one Go rules file. */
export const goRuleExamples = (fileName: string, source: string, templates: readonly string[]): PeerExample[] => {
  const examples: PeerExample[] = []
  const functions = source.split(/\nfunc /).slice(1)
  for (const body of functions) {
    const name = /^(\w+)/.exec(body)?.[1] ?? '?'
    const where = `gitleaks:${fileName}:${name}`
    // `tps := []string{…}`, `tps = append(tps, …)`, and the same for fps.
    const lists = /\b(tps|fps)\s*(?::=\s*\[\]string\{|=\s*append\(\s*(?:tps|fps)\s*,)/g
    for (let match = lists.exec(body); match; match = lists.exec(body)) {
      const closer = match[0].endsWith('{') ? '}' : ')'
      for (const element of splitElements(body, match.index + match[0].length, closer)) {
        const value = plainLiteral(element)
        if (value !== null && value.trim()) examples.push({ source: where, text: value, secret: match[1] === 'tps' })
      }
    }
    const samples = /GenerateSampleSecrets\(\s*("(?:[^"\\]|\\.)*"|`[^`]*`)\s*,\s*("(?:[^"\\]|\\.)*"|`[^`]*`)\s*\)/g
    for (let match = samples.exec(body); match; match = samples.exec(body)) {
      const identifier = readGoString(match[1]!, 0)?.value
      const secret = readGoString(match[2]!, 0)?.value
      if (!identifier || !secret) continue
      for (const template of templates) {
        examples.push({ source: `${where}:sample`, text: fillTemplate(template, identifier, secret), secret: true })
      }
    }
  }
  return examples
}
