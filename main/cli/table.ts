// Plain-text tables for a terminal: aligned columns, and cells made safe to print (a key's name or
// a tag could hold line breaks, escape sequences or bidirectional overrides).
import { shownText } from '../common/shownText'

/** The cell's text with control characters written as visible escapes (\n, \x1b): one rule with main's messages. */
export const printable = shownText

const WIDE =
  /[\p{Extended_Pictographic}\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u
// oxlint-disable-next-line no-misleading-character-class -- combining marks one by one are what this counts as zero-width
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200d\ufe0f]/u

/** Printable ASCII only: one column per character, the common case, told by one regex test. */
const NARROW_ONLY = /^[\x20-\x7e]*$/

/** Columns the text takes on a terminal: wide East Asian characters and emoji count two. */
export const displayWidth = (text: string): number => {
  if (NARROW_ONLY.test(text)) return text.length
  let width = 0
  for (const character of text) {
    if (ZERO_WIDTH.test(character)) continue
    width += WIDE.test(character) ? 2 : 1
  }
  return width
}

export interface TableColumn<Row> {
  header: string
  cell: (row: Row) => string
}

export const formatTable = <Row>(columns: readonly TableColumn<Row>[], rows: readonly Row[]): string => {
  const cells = [
    columns.map((column) => column.header),
    ...rows.map((row) => columns.map((column) => printable(column.cell(row)))),
  ]
  // Each cell measured once (a list of 10,000 keys has 60,000 cells).
  const cellWidths = cells.map((line) => line.map(displayWidth))
  const widths = columns.map((_, index) => cellWidths.reduce((widest, line) => Math.max(widest, line[index]!), 0))
  return cells
    .map((line, row) =>
      line
        .map((cell, index) =>
          index === line.length - 1 ? cell : cell + ' '.repeat(widths[index]! - cellWidths[row]![index]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('')
}
