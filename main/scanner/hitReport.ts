// Candidates become the hits a scan worker hands back: line and column, keyed fingerprints, the secret
// masked, and its line as a snippet with every secret on it masked. Nothing of a secret leaves here.
import { DOTS, maskSecret } from '../common/secretText'
import type { Candidate } from './candidates'
import type { RawHit } from './detectionConfig'
import type { LineCursor } from './textLines'

const NEWLINE = 10
const SNIPPET_CHARACTERS = 240
const utf8 = new TextDecoder('utf-8')

export interface HitFingerprints {
  fingerprintOf(purpose: 'secret' | 'finding', ...parts: Array<Uint8Array | string>): string
}

/**
 * The secret's line, every secret on it masked, cut to a readable length around this one. Candidates
 * are in order and apart (merged), so only the neighbours of `index` can reach into the cut.
 */
const snippetOf = (text: Buffer, lineStart: number, lineEnd: number, index: number, all: Candidate[]): string => {
  const current = all[index]!
  const from = Math.max(lineStart, current.start - 100)
  const to = Math.min(lineEnd, Math.max(current.start, Math.min(current.end, lineEnd)) + 100)
  const parts: string[] = []
  let cursor = from
  let first = index
  while (first > 0 && all[first - 1]!.end > from) first--
  for (let at = first; at < all.length && all[at]!.start < to; at++) {
    const candidate = all[at]!
    if (candidate.end <= from) continue
    const maskedStart = Math.max(candidate.start, from)
    if (maskedStart > cursor) parts.push(utf8.decode(text.subarray(cursor, maskedStart)))
    const secret = text.toString('latin1', candidate.start, candidate.end)
    parts.push(
      candidate.start >= from
        ? maskSecret(candidate.block || candidate.maskWhole ? '' : secret, candidate.knownPrefix)
        : DOTS,
    )
    cursor = Math.max(cursor, Math.min(candidate.end, to))
  }
  if (cursor < to) parts.push(utf8.decode(text.subarray(cursor, to)))
  let snippet = parts.join('').replace(/\s+/g, ' ').trim()
  if (from > lineStart) snippet = `…${snippet}`
  if (to < lineEnd) snippet = `${snippet}…`
  return snippet.length > SNIPPET_CHARACTERS ? `${snippet.slice(0, SNIPPET_CHARACTERS - 1)}…` : snippet
}

/**
 * The hits of a text's merged candidates (in order, apart). Longer than 80 lines: one pass that carries
 * its line count, its keyward:allow lookup and its column count from hit to hit; split up, each part
 * would hand that state back and forth.
 */
export const toHits = (
  text: Buffer,
  candidates: Candidate[],
  path: string,
  lines: LineCursor,
  fingerprints: HitFingerprints,
): RawHit[] => {
  const hits: RawHit[] = []
  let line = 1
  let nextNewline = text.indexOf(NEWLINE)
  // Looked up once a line and counted on from the last hit, never again from the line's start: a line
  // of hundreds of thousands of hits would otherwise cost its length for each of them.
  let allowFor = ''
  let allowAt = -1
  let columnLine = -1
  let columnOffset = 0
  let columnCount = 1
  const columnOf = (lineStart: number, offset: number): number => {
    if (lineStart !== columnLine || offset < columnOffset) {
      columnLine = lineStart
      columnOffset = lineStart
      columnCount = 1
    }
    columnCount += utf8.decode(text.subarray(columnOffset, offset)).length
    columnOffset = offset
    return columnCount
  }
  for (const [index, candidate] of candidates.entries()) {
    while (nextNewline >= 0 && nextNewline < candidate.start) {
      line++
      nextNewline = text.indexOf(NEWLINE, nextNewline + 1)
    }
    const lineStart = lines.startOf(text, candidate.start)
    const lineEnd = lines.endOf(text, candidate.start)
    const secretBytes = text.subarray(candidate.start, candidate.end)
    const secret = secretBytes.toString('latin1', 0, secretBytes.length)
    const lastLineEnd = lines.endOf(text, Math.max(candidate.start, candidate.end - 1))
    if (allowFor !== `${lineStart}:${lastLineEnd}`) {
      allowFor = `${lineStart}:${lastLineEnd}`
      allowAt = text.subarray(lineStart, lastLineEnd).indexOf('keyward:allow', 0, 'latin1')
    }
    const allowedInline = allowAt >= 0
    const block = candidate.block
    const privateKey = block !== undefined
    let keyLine = line
    let keyColumn = 1
    let keySnippet = ''
    if (block?.form === 'lines') {
      // Reported at its BEGIN line, the line before the body.
      const beginLineStart = lines.startOf(text, Math.max(0, lineStart - 1))
      keyLine = line - 1
      keySnippet = `${utf8
        .decode(text.subarray(beginLineStart, Math.max(beginLineStart, lineStart - 1)))
        .trim()
        .slice(0, 120)} ${DOTS}`
    } else if (block?.form === 'escaped') {
      const lead = utf8.decode(text.subarray(Math.max(lineStart, block.beginAt - 80), candidate.start))
      keyColumn = columnOf(lineStart, block.beginAt)
      keySnippet = `${lead.trim()}${DOTS}`
    }
    hits.push({
      ruleId: candidate.ruleId,
      vaultEntry: candidate.vaultEntry,
      line: keyLine,
      column: privateKey ? keyColumn : columnOf(lineStart, candidate.start),
      secretFingerprint: fingerprints.fingerprintOf('secret', secretBytes),
      fingerprint: fingerprints.fingerprintOf('finding', path, secretBytes),
      redactedSecret: maskSecret(privateKey || candidate.maskWhole ? '' : secret, candidate.knownPrefix),
      snippet: privateKey ? keySnippet : snippetOf(text, lineStart, lineEnd, index, candidates),
      knownPrefix: candidate.knownPrefix,
      variable: candidate.variable,
      allowedInline,
    })
  }
  return hits
}
