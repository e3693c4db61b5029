// Reads a third peer scanner's examples out of its Go detector tests (trufflehog's
// pkg/detectors/<service>/*_test.go): in each `Test…_Pattern` function, every table case's input
// (`input:` or `data:`, a string literal, a package-level string or `fmt.Sprintf` of those) and what
// the detector must report (`want: []string{…}` or `shouldMatch: true`). A case wanting nothing is text
// a scanner must not flag. Cases whose input is built any other way are counted as skipped, never
// guessed. Nothing of the peer's is kept in this repository: the sources are read at run time.
import { readGoString } from './goRuleExamples'

/** A secret's line (1-based); several lines when any of them will do; 'anywhere' when it is not in the text as is. */
export type SecretLine = number | number[] | 'anywhere'

export interface PeerTestCase {
  source: string
  text: string
  /** What the detector must report, one entry a result; [] for a negative. */
  secretLines: SecretLine[]
}

/** Package-level `name = "…"` / `` name = `…` `` strings (in `var (…)` blocks or alone). */
const packageStrings = (source: string): Map<string, string> => {
  const strings = new Map<string, string>()
  for (const match of source.matchAll(/^\s*(?:var\s+|const\s+)?([A-Za-z_]\w*)\s*(?:string\s*)?=\s*(?=["`])/gm)) {
    const literal = readGoString(source, match.index + match[0].length)
    if (literal) strings.set(match[1]!, literal.value)
  }
  return strings
}

/** Skips spaces (not newlines' meaning: Go's commas end elements anyway). */
const skipSpace = (text: string, index: number): number => {
  while (index < text.length && /\s/.test(text[index]!)) index += 1
  return index
}

/** One Go string expression at `start`: a literal, a known name, or fmt.Sprintf of those; null otherwise. */
const readExpression = (
  text: string,
  start: number,
  names: Map<string, string>,
): { value: string; end: number } | null => {
  const literal = readGoString(text, start)
  if (literal) return literal
  if (text.startsWith('fmt.Sprintf(', start)) {
    const values: string[] = []
    let index = start + 'fmt.Sprintf('.length
    for (;;) {
      index = skipSpace(text, index)
      if (text[index] === ')') break
      const part = readExpression(text, index, names)
      if (!part) return null
      values.push(part.value)
      index = skipSpace(text, part.end)
      if (text[index] === ',') index += 1
    }
    const [format, ...args] = values
    if (format === undefined) return null
    let next = 0
    const value = format.replace(/%[sv%]/g, (verb) => (verb === '%%' ? '%' : (args[next++] ?? '')))
    return { value, end: index + 1 }
  }
  const name = /^[A-Za-z_]\w*/.exec(text.slice(start, start + 100))?.[0]
  if (name && names.has(name)) return { value: names.get(name)!, end: start + name.length }
  return null
}

/** The strings of `[]string{…}` (or none for `nil`, `[]string{}`); null when an element cannot be read. */
const readWant = (text: string, start: number, names: Map<string, string>): string[] | null => {
  if (text.startsWith('nil', start)) return []
  if (!text.startsWith('[]string{', start)) return null
  const wanted: string[] = []
  let index = start + '[]string{'.length
  for (;;) {
    index = skipSpace(text, index)
    if (text[index] === '}') return wanted
    const element = readExpression(text, index, names)
    if (!element) return null
    wanted.push(element.value)
    index = skipSpace(text, element.end)
    if (text[index] === ',') index += 1
  }
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length

/**
 * Where each wanted value is: its line; for one the detector reports joined (AWS's `id:secret:session`),
 * the lines of its parts, any of which counts (one result in the peer's own count); else anywhere.
 */
const linesOfWanted = (text: string, wanted: string[]): SecretLine[] => {
  const lines = new Map<string, SecretLine>()
  for (const value of wanted) {
    const whole = text.indexOf(value)
    const parts =
      whole >= 0
        ? [lineOf(text, whole)]
        : value
            .split(':')
            .map((part) => text.indexOf(part))
            .filter((index) => index >= 0)
            .map((index) => lineOf(text, index))
    const line: SecretLine = parts.length === 0 ? 'anywhere' : parts.length === 1 ? parts[0]! : [...new Set(parts)]
    lines.set(JSON.stringify(line), line)
  }
  return [...lines.values()]
}

/**
 * The parts (16 characters or more) of the values a test wants reported joined (AWS's
 * `id:secret:session`, not in its input as is): Keyward reports each part on its own.
 */
const joinedParts = (wantedByCase: Array<{ input: string; wanted: string[] }>): string[] =>
  wantedByCase.flatMap(({ input, wanted }) =>
    wanted
      .filter((value) => value.includes(':') && !input.includes(value))
      .flatMap((value) => value.split(':').filter((part) => part.length >= 16)),
  )

export const trufflehogCases = (
  file: string,
  source: string,
): { cases: PeerTestCase[]; skipped: number; leftOut: string[] } => {
  const names = packageStrings(source)
  const cases: PeerTestCase[] = []
  const leftOut: string[] = []
  let skipped = 0
  for (const test of source.split(/\n(?=func )/)) {
    const name = /^func (Test\w*_Pattern)\(/.exec(test)?.[1]
    if (!name) continue
    const testCases: PeerTestCase[] = []
    const wantedByCase: Array<{ input: string; wanted: string[] }> = []
    const inputs = [...test.matchAll(/\b(input|data):\s*/g)]
    inputs.forEach((field, position) => {
      const caseEnd = inputs[position + 1]?.index ?? test.length
      const input = readExpression(test, field.index + field[0].length, names)
      const body = test.slice(input?.end ?? field.index, caseEnd)
      const want = /\bwant:\s*/.exec(body)
      const shouldMatch = /\bshouldMatch:\s*(true|false)/.exec(body)?.[1]
      const wanted = want ? readWant(body, want.index + want[0].length, names) : null
      // A case the peer itself skips (`skip: true`) is not one of its examples.
      if (/\bskip:\s*true/.test(body)) return
      if (!input || (wanted === null && shouldMatch === undefined)) {
        skipped += 1
        return
      }
      const secretLines =
        wanted !== null
          ? linesOfWanted(input.value, wanted)
          : shouldMatch === 'true'
            ? linesOfWanted(input.value, [input.value.trim()])
            : []
      if (wanted) wantedByCase.push({ input: input.value, wanted })
      testCases.push({ source: `trufflehog:${file}:${name}#${position + 1}`, text: input.value, secretLines })
    })
    // A case wanting nothing that holds a part the same test wants reported in its other cases (an AWS
    // key id without the session token its detector pairs it with) is not a text free of secrets for a
    // scanner that reports each part: left out, and named.
    const parts = joinedParts(wantedByCase)
    for (const entry of testCases) {
      if (entry.secretLines.length === 0 && parts.some((part) => entry.text.includes(part))) leftOut.push(entry.source)
      else cases.push(entry)
    }
  }
  return { cases, skipped, leftOut }
}
