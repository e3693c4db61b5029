// Finding the references in a template (.env, JSON, YAML, any text) with their line and column, and
// writing the template back with each one replaced.
//
// Where a reference ends, precisely:
// - `{{ keyward://… }}`: at the first `}}` on the same line; spaces inside the braces are not part of
//   it, and the whole `{{ … }}` is replaced. Works anywhere, next to any text.
// - bare `keyward://…`: at the end of the line, at a quote (" ' `), or at a space or tab followed by #
//   (a comment in .env and YAML), whichever comes first; spaces before that end are not part of it.
//   So `CLIPIA_KEY=keyward://Clipia live`, `"token": "keyward://Clipia live"` and
//   `token: keyward://Clipia live  # billing` each hold the reference keyward://Clipia live.
// A name holding a quote, `}}` or " #" is written with %XX escapes (referenceFor does this).
import { parseReference, type ParsedReference } from './referenceSyntax'
import { shownText } from '../common/shownText'

export interface TemplateReference {
  reference: ParsedReference
  /** Offsets in the text of what is replaced: the reference, or the whole {{ … }}. */
  start: number
  end: number
  /** 1-based; the column counts characters (code points), as an editor shows them. */
  line: number
  column: number
  form: 'bare' | 'braced'
}

export interface TemplateProblem {
  line: number
  column: number
  /** The reference as written, or the text that could not be read as one. */
  text: string
  message: string
}

export interface TemplateReferences {
  references: TemplateReference[]
  /** References that cannot be read: an empty one, or a {{ never closed on its line. */
  problems: TemplateProblem[]
}

const REFERENCE = /\{\{[ \t]*(keyward:\/\/[^\n]*?)[ \t]*\}\}|keyward:\/\/[^\n"'`]*/g
const COMMENT = /[ \t]#/

/** Whether `{{` and only spaces or tabs come right before the offset, on its line. */
const openBracesBefore = (text: string, index: number, lineStart: number): boolean => {
  let at = index
  while (at > lineStart && (text[at - 1] === ' ' || text[at - 1] === '\t')) at -= 1
  return at - 2 >= lineStart && text[at - 1] === '{' && text[at - 2] === '{'
}

/**
 * Every reference in the text, in order, and the ones that cannot be read. Lines and columns are
 * counted on from the previous reference, never from the line's start again: a hostile template of
 * one long line with many references costs its length, not its length times their number.
 */
export const findTemplateReferences = (text: string): TemplateReferences => {
  const references: TemplateReference[] = []
  const problems: TemplateProblem[] = []
  let line = 1
  let lineStart = 0
  let nextLineBreak = text.indexOf('\n')
  /** Characters (code points) of the line before countedTo. */
  let countedTo = 0
  let charactersBefore = 0
  for (const match of text.matchAll(REFERENCE)) {
    const index = match.index
    while (nextLineBreak !== -1 && nextLineBreak < index) {
      line += 1
      lineStart = nextLineBreak + 1
      nextLineBreak = text.indexOf('\n', lineStart)
    }
    if (countedTo < lineStart) {
      countedTo = lineStart
      charactersBefore = 0
    }
    charactersBefore += Array.from(text.slice(countedTo, index)).length
    countedTo = index
    const column = charactersBefore + 1
    const braced = match[1] !== undefined
    let written = braced ? match[1]! : match[0]
    if (!braced) {
      const comment = COMMENT.exec(written)
      if (comment) written = written.slice(0, comment.index)
      written = written.trimEnd()
      if (openBracesBefore(text, index, lineStart)) {
        problems.push({
          line,
          column,
          text: written,
          message: `${shownText(written)} opens with {{ but no }} closes it on the same line.`,
        })
        continue
      }
    }
    try {
      const reference = parseReference(written)
      const end = braced ? index + match[0].length : index + written.length
      references.push({ reference, start: index, end, line, column, form: braced ? 'braced' : 'bare' })
    } catch (error) {
      problems.push({ line, column, text: written, message: (error as Error).message })
    }
  }
  return { references, problems }
}

/** The text with each reference replaced by what valueOf answers for it. */
export const fillTemplate = (
  text: string,
  references: readonly TemplateReference[],
  valueOf: (reference: TemplateReference) => string,
): string => {
  const pieces: string[] = []
  let position = 0
  for (const reference of references) {
    pieces.push(text.slice(position, reference.start), valueOf(reference))
    position = reference.end
  }
  pieces.push(text.slice(position))
  return pieces.join('')
}
