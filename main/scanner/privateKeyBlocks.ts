// Private key blocks, found from a run the kernel reports inside a key's body: on lines of their own
// (walking up to the BEGIN line) or escaped inside one string (a cloud service-account JSON's `\n`s).
import { shannonEntropy } from '../common/secretText'
import type { Candidate } from './candidates'
import type { RuleData } from './detectionConfig'
import type { LineCursor } from './textLines'

const BASE64_LINE = /^\s*[A-Za-z0-9+/]+={0,2}\s*$/
const PEM_HEADER = /^\s*$|^(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset):/
const BACKSLASH = 0x5c
const PLUS = 0x2b
const SLASH = 0x2f
const LETTER_N = 0x6e
const BASE64_CHARACTER = new Uint8Array(256)
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=')
  BASE64_CHARACTER[character.charCodeAt(0)] = 1
/** A PEM body line is 64 characters (OpenSSH's 70): a run starts at most this far into one. */
const ESCAPED_LINE_MAX = 80
/** How far before a run inside an escaped key (`"-----BEGIN …-----\nMII…"`) its BEGIN line is looked for. */
const ESCAPED_BEGIN_WINDOW = 600
/** Between an escaped key's BEGIN line and its body: escapes, PEM headers, anything but a closing quote. */
const ESCAPED_KEY_LEAD = /^[^"'`]*$/
/**
 * A key body that is documentation: elided (`...`), a placeholder word, or too uniform to be a key
 * (random base64 carries about 6 bits a character; OpenSSH's runs of A leave 5.1-5.9, measured).
 */
const KEY_BODY_PLACEHOLDER = /\.\.\.|…|example|placeholder|redacted|x{6,}/i
const KEY_BODY_MIN_ENTROPY = 4.5

export interface BlockRule {
  rule: RuleData
  begin: RegExp
}

const isPlaceholderKeyBody = (body: string): boolean =>
  KEY_BODY_PLACEHOLDER.test(body) || shannonEntropy(body) < KEY_BODY_MIN_ENTROPY

export class PrivateKeyFinder {
  readonly rules: BlockRule[]
  private readonly lines: LineCursor

  constructor(rules: BlockRule[], lines: LineCursor) {
    this.rules = rules
    this.lines = lines
  }

  /**
   * A private key block, found from a run inside its body: the run's line is all base64, and walking up
   * over base64 lines (and PEM headers) reaches a BEGIN … PRIVATE KEY line.
   */
  onLines(text: Buffer, at: number): Candidate | null {
    if (!this.lines.isBase64Line(text, at)) return null
    let lineStart = this.lines.start
    let lineEnd = this.lines.end
    for (let step = 0; step < 120 && lineStart > 0; step++) {
      lineEnd = lineStart - 1
      lineStart = this.lines.startOf(text, lineEnd)
      const line = text.toString('latin1', lineStart, Math.min(lineEnd, lineStart + 200))
      if (BASE64_LINE.test(line) || PEM_HEADER.test(line)) continue
      for (const { rule, begin } of this.rules) {
        const match = begin.exec(line)
        if (!match) continue
        const label = `${match[1] ?? ''}PRIVATE KEY${match[2] ?? ''}`
        const endMarker = text.indexOf(`-----END ${label}-----`, lineEnd, 'latin1')
        if (endMarker < 0) return null
        const body = text.toString('latin1', lineEnd + 1, endMarker).replace(/\s+/g, '')
        if (body.length < 64 || isPlaceholderKeyBody(body)) return null
        return {
          ruleId: rule.id,
          start: lineEnd + 1,
          end: endMarker,
          vaultEntry: null,
          variable: null,
          knownPrefix: '',
          block: { form: 'lines' },
        }
      }
      return null
    }
    return null
  }

  /**
   * A private key written inside one string with escaped newlines (a cloud service-account JSON, a YAML
   * or .env value): a body run starts right after a `\n` escape, and the same line holds its BEGIN
   * shortly before and its END after.
   */
  escaped(text: Buffer, at: number): Candidate | null {
    if (at < 1) return null
    const lineStart = this.lines.startOf(text, at)
    // The run may start after a '+' or '/' of the body line: walk back over base64 to the line's \n escape.
    let lineAt = at
    if (text[at - 1] === PLUS || text[at - 1] === SLASH) {
      while (lineAt > lineStart && at - lineAt < ESCAPED_LINE_MAX && BASE64_CHARACTER[text[lineAt - 1]!]) lineAt--
    }
    if (lineAt < 1 || text[lineAt - 1] !== BACKSLASH || text[lineAt] !== LETTER_N) return null
    const lineEnd = this.lines.endOf(text, at)
    const windowStart = Math.max(lineStart, at - ESCAPED_BEGIN_WINDOW)
    const before = text.toString('latin1', windowStart, at)
    const beginIndex = before.lastIndexOf('-----BEGIN ')
    if (beginIndex < 0) return null
    for (const { rule, begin } of this.rules) {
      const match = begin.exec(before.slice(beginIndex))
      if (!match || match.index !== 0) continue
      if (!ESCAPED_KEY_LEAD.test(before.slice(beginIndex + match[0].length))) return null
      const beginAt = windowStart + beginIndex
      const bodyStart = beginAt + match[0].length
      const label = `${match[1] ?? ''}PRIVATE KEY${match[2] ?? ''}`
      const endMarker = text.indexOf(`-----END ${label}-----`, at, 'latin1')
      if (endMarker < 0 || endMarker > lineEnd) return null
      const body = text.toString('latin1', bodyStart, endMarker).replace(/\\+[nrt]|\s+/g, '')
      if (body.length < 64 || isPlaceholderKeyBody(body)) return null
      return {
        ruleId: rule.id,
        start: bodyStart,
        end: endMarker,
        vaultEntry: null,
        variable: null,
        knownPrefix: '',
        block: { form: 'escaped', beginAt },
      }
    }
    return null
  }
}
