// Turns the kernel's events over one text into hits: prefix rules tried at a run's start, context rules
// (key-like assignments, headers) tried on the text before a run, private key blocks, and exact vault
// values confirmed by their keyed fingerprint. Runs in scan workers: the secret never leaves here,
// only its fingerprints, its mask and a redacted line.
import { DOTS, maskSecret, shannonEntropy } from '../common/secretText'
import { keyedFingerprint } from './fingerprints'
import { EVENT_RUN, EVENT_VAULT, type ScanKernel } from './kernel/scanKernel'
import { isBase64LineBytes } from './byteTests'
import type { DetectionConfig, RawHit, RuleData } from './detectionConfig'

const VALUE_CHARACTER = new Uint8Array(256)
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/.~=') {
  VALUE_CHARACTER[character.charCodeAt(0)] = 1
}
const EQUALS = '='.charCodeAt(0)
const NEWLINE = 10
const MAX_BEFORE = 200
const MAX_TOKEN = 2048
const SNIPPET_CHARACTERS = 240
const utf8 = new TextDecoder('utf-8')

const BASE64_LINE = /^\s*[A-Za-z0-9+/]+={0,2}\s*$/
const PEM_HEADER = /^\s*$|^(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset):/
const HEX_VALUE = /^[0-9a-fA-F]+$/
const BACKSLASH = 0x5c
const PLUS = 0x2b
const BASE64_CHARACTER = new Uint8Array(256)
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=')
  BASE64_CHARACTER[character.charCodeAt(0)] = 1
/** A PEM body line is 64 characters (OpenSSH's 70): a run starts at most this far into one. */
const ESCAPED_LINE_MAX = 80
const SLASH = 0x2f
const COLON = 0x3a
const OPEN_PARENTHESIS = 0x28
const SCHEME_SEPARATOR = '://'
const SCHEME_CHARACTER = new Uint8Array(256)
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-:')
  SCHEME_CHARACTER[character.charCodeAt(0)] = 1
/** How far before a run a URL rule's prefix is looked for, and how much of a URL is read. */
const URL_LOOKBACK = 160
const URL_LOOKAHEAD = 512
/**
 * A password in a URL that is documentation or a local default: a word people write in its place, a
 * variable, a template (`${…}`, `%(…)s`, `%VAR%`: a `%` that encodes no character), stars or x's, or
 * the user name's twin (guest:guest). `%40` is an encoded `@`, how a real password holding one is written.
 */
const URL_PASSWORD_PLACEHOLDER =
  /^(?:pass(?:word)?|passwd|pwd|secret|changeme|example|test|guest|admin|root|user(?:name)?|postgres|mysql|redis|rabbitmq|default|dbpass(?:word)?|my[_-]?password|your[_-]?password|\*+|x+|\.+|…)$|^<.*>$|[${}]|%(?![0-9A-Fa-f]{2})|^\[|\]$/i
/** A URL password that is a word people write in a password's place, anywhere in it (REPLACE_WITH_PASSWORD). */
const URL_PASSWORD_WORD = /replace|your[_-]?pass|password|placeholder|example|changeme|redacted|secret_here|xxxx/i
/** A URL password made of such words only, once its encoded characters are decoded (`pass%20pass`, `user%23pass`). */
const URL_PASSWORD_WORDS_ONLY =
  /^(?:(?:pass(?:wd)?|pwd|user(?:name)?|secret|test|guest|admin|root|default)[^A-Za-z0-9]*){2,}$/i
/** A URL's percent-encoded part decoded; as written when it is not valid encoding. */
const decodedUrlPart = (part: string): string => {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
const LETTER_N = 0x6e
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
const CONTEXT_KEYWORDS = /key|secret|token|passw|pwd|credential|creds|auth|clodura|cloro/i
const VARIABLE_BEFORE =
  /([A-Za-z_$][A-Za-z0-9_.$-]*)["'\]]?\s*(?::=|=>|=|:|,)\s*["'`]?(?:(?:bearer|token|key|basic)\s+)?$/i
const HEADER_BEFORE =
  /(?:^|[^A-Za-z0-9-])(authorization|x-api-key|x-auth-token|api-key)["'\]]?\s*[:=,]\s*["'`]?(?:(?:bearer|token|key|basic)\s+)?$/i

interface PrefixRule {
  rule: RuleData
  prefixes: string[]
  pattern: RegExp
  placeholderPart: RegExp | null
}
interface ContextRule {
  rule: RuleData
  context: RegExp
  value: RegExp
  excludeNames: RegExp | null
}
interface UrlRule {
  rule: RuleData
  /** Tried at a URL's scheme (or at one of the rule's prefixes); group 1 is the secret part. */
  pattern: RegExp
  prefixes: string[]
}
interface CompiledValuePattern {
  pattern: RegExp
  appliesTo: 'prefix' | 'context' | null
}
interface BlockRule {
  rule: RuleData
  begin: RegExp
}

interface Candidate {
  ruleId: string
  start: number
  end: number
  vaultEntry: number | null
  variable: string | null
  /** Where the secret's line is masked from (a private key hides its whole body). */
  knownPrefix: string
  /** A private key: its body on lines of their own, or escaped inside one string (`\n`), with where its BEGIN is. */
  block?: { form: 'lines' } | { form: 'escaped'; beginAt: number }
  /** Nothing of it shown, not even its last four (a URL's user:password). */
  maskWhole?: boolean
}

/** Base64 of plain words ("dummy text data"): a sample, not a key (a user:password pair decodes with ':' and digits). */
const isEncodedProse = (value: string): boolean =>
  value.length >= 16 &&
  value.length % 4 === 0 &&
  /^[A-Za-z0-9+/]+={0,2}$/.test(value) &&
  /^[A-Za-z ,.]+$/.test(Buffer.from(value, 'base64').toString('latin1'))

/** Whether the first `count` `.`-separated parts of a token are base64url of JSON objects (a JWT's header and claims). */
const segmentsAreJson = (token: string, count: number): boolean =>
  token
    .split('.')
    .slice(0, count)
    .every((segment) => {
      try {
        const decoded: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
        return typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded)
      } catch {
        return false
      }
    })

const isPlaceholderKeyBody = (body: string): boolean =>
  KEY_BODY_PLACEHOLDER.test(body) || shannonEntropy(body) < KEY_BODY_MIN_ENTROPY

export class SecretDetector {
  /** Prefix rules by the first three bytes of their prefixes (as one number: no string per run). */
  private readonly prefixRules = new Map<number, PrefixRule[]>()
  private readonly contextRules: ContextRule[] = []
  private readonly blockRules: BlockRule[] = []
  private readonly urlRules: UrlRule[] = []
  /** Url rules found from a path-like prefix (hooks.slack.com/) before a run, with or without a scheme. */
  private readonly pathRules: UrlRule[] = []
  private readonly placeholders: Set<string>
  private readonly valuePatterns: CompiledValuePattern[]
  private readonly knownPrefixes: string[]
  private readonly fingerprintKey: Buffer
  private readonly vaultBlocks = new Map<number, Array<[entry: number, offset: number]>>()
  private readonly vaultFingerprints: string[]
  private readonly vaultLengths: number[]
  private lineText: Buffer | null = null
  private lineStart = 0
  private lineEnd = -1
  private lineBase64: boolean | null = null
  /** Whether the text being scanned holds any path rule's prefix (null: not asked yet). */
  private pathPrefixesIn: boolean | null = null

  constructor(config: DetectionConfig) {
    for (const rule of config.rules) {
      if (rule.kind === 'prefix') {
        const compiled = {
          rule,
          prefixes: rule.prefixes,
          pattern: new RegExp(rule.pattern, 'y'),
          placeholderPart: rule.placeholderPart ? new RegExp(rule.placeholderPart) : null,
        }
        for (const prefix of rule.prefixes) {
          if (prefix.length < 3) continue
          const key = prefix.charCodeAt(0) | (prefix.charCodeAt(1) << 8) | (prefix.charCodeAt(2) << 16)
          const list = this.prefixRules.get(key) ?? []
          if (!list.includes(compiled)) list.push(compiled)
          this.prefixRules.set(key, list)
        }
      } else if (rule.kind === 'context') {
        this.contextRules.push({
          rule,
          context: new RegExp(`(?:${rule.context ?? ''})`, 'i'),
          value: new RegExp(`^(?:${rule.pattern})$`),
          excludeNames: rule.excludeNames ? new RegExp(rule.excludeNames, 'i') : null,
        })
      } else if (rule.kind === 'url') {
        const compiled = { rule, pattern: new RegExp(rule.pattern, 'y'), prefixes: rule.prefixes }
        this.urlRules.push(compiled)
        if (rule.prefixes.length > 0) this.pathRules.push(compiled)
      } else {
        this.blockRules.push({ rule, begin: new RegExp(rule.pattern) })
      }
    }
    this.placeholders = new Set(config.placeholders)
    this.valuePatterns = config.valuePatterns.map((entry) => ({
      pattern: new RegExp(entry.pattern, entry.flags ?? ''),
      appliesTo: entry.appliesTo ?? null,
    }))
    this.knownPrefixes = [...config.knownPrefixes].sort((left, right) => right.length - left.length)
    this.fingerprintKey = Buffer.from(config.fingerprintKeyHex, 'hex')
    this.vaultFingerprints = config.vault?.entries.map((entry) => entry.secretFingerprint) ?? []
    this.vaultLengths = config.vault?.entries.map((entry) => entry.length) ?? []
    for (const [hash, entry, offset] of config.vault?.blocks ?? []) {
      const list = this.vaultBlocks.get(hash) ?? []
      list.push([entry, offset])
      this.vaultBlocks.set(hash, list)
    }
  }

  /** Scans the text the kernel holds (already filled by the caller) and returns its hits. */
  detect(kernel: ScanKernel, length: number, path: string): RawHit[] {
    const events = kernel.scan(length)
    const text = kernel.text(length)
    this.lineText = null
    this.pathPrefixesIn = null
    const candidates: Candidate[] = []
    let coveredUntil = -1
    for (let index = 0; index < events.length; index += 2) {
      const offset = events[index]!
      const meta = events[index + 1]!
      if ((meta & 3) === EVENT_VAULT) {
        this.matchVaultBlock(text, offset, meta >>> 2, candidates)
      } else if ((meta & 3) === EVENT_RUN && offset >= coveredUntil) {
        const found = this.matchRun(text, offset, meta >>> 2)
        if (found) {
          candidates.push(found)
          coveredUntil = found.end
        }
      }
    }
    if (this.urlRules.length > 0) this.matchUrls(text, kernel.schemeSeparators(), candidates)
    if (candidates.length === 0) return []
    return this.toHits(text, this.merge(candidates), path)
  }

  /**
   * The line around `at` ([start, end), end at its newline or the text's end), kept for the next
   * question: a run's events come in order, many on one line, and a minified line can be megabytes.
   */
  private lineAround(text: Buffer, at: number): void {
    if (this.lineText === text && at >= this.lineStart && at <= this.lineEnd) return
    this.lineText = text
    this.lineStart = at === 0 ? 0 : text.lastIndexOf(NEWLINE, at - 1) + 1
    const end = text.indexOf(NEWLINE, at)
    this.lineEnd = end < 0 ? text.length : end
    this.lineBase64 = null
  }

  private lineStartOf(text: Buffer, at: number): number {
    this.lineAround(text, at)
    return this.lineStart
  }

  private lineEndOf(text: Buffer, at: number): number {
    this.lineAround(text, at)
    return this.lineEnd
  }

  /** Whether the line around `at` is one of a key block's base64 lines (asked once a line). */
  private isBase64Line(text: Buffer, at: number): boolean {
    this.lineAround(text, at)
    this.lineBase64 ??= this.lineEnd - this.lineStart >= 40 && isBase64LineBytes(text, this.lineStart, this.lineEnd)
    return this.lineBase64
  }

  private knownPrefixOf(secret: string): string {
    return this.knownPrefixes.find((prefix) => secret.startsWith(prefix)) ?? ''
  }

  private variableBefore(text: Buffer, start: number): string | null {
    const lineStart = Math.max(this.lineStartOf(text, start), start - MAX_BEFORE)
    const before = text.toString('latin1', lineStart, start)
    const header = HEADER_BEFORE.exec(before)
    if (header) return header[1]!
    return VARIABLE_BEFORE.exec(before)?.[1] ?? null
  }

  /** Whether a value is documentation; a token's secret part ('part') is held to the patterns of every rule only, not to look-alikes of whole tokens (commit ids). */
  private isPlaceholder(value: string, foundBy: 'prefix' | 'context' | 'url' | 'part'): boolean {
    if (this.placeholders.has(value)) return true
    return this.valuePatterns.some(
      ({ pattern, appliesTo }) => (appliesTo === null || appliesTo === foundBy) && pattern.test(value),
    )
  }

  private matchRun(text: Buffer, start: number, length: number): Candidate | null {
    const lineEnd = this.lineEndOf(text, start + length)
    if (this.blockRules.length > 0) {
      const key = this.matchPrivateKey(text, start) ?? this.matchEscapedPrivateKey(text, start)
      if (key) return key
    }
    const candidates =
      start + 3 <= text.length
        ? this.prefixRules.get(text[start]! | (text[start + 1]! << 8) | (text[start + 2]! << 16))
        : undefined
    if (candidates) {
      const window = text.toString('latin1', start, Math.min(lineEnd, start + MAX_TOKEN))
      let prefixed = false
      for (const { rule, prefixes, pattern, placeholderPart } of candidates) {
        if (!prefixes.some((prefix) => window.startsWith(prefix))) continue
        // A provider's prefix; eyJ (a JWT's) is only base64 of '{"' and may start any value.
        prefixed ||= rule.providers.length > 0
        pattern.lastIndex = 0
        const match = pattern.exec(window)
        if (!match) continue
        // Base64 that only looks like a JWT (a header cut short, random letters after eyJ) is none.
        if (rule.jsonSegments && !segmentsAreJson(match[0], rule.jsonSegments)) continue
        const part = placeholderPart?.exec(match[0])?.[0]
        if (
          part
            ? this.placeholders.has(match[0]) || this.isPlaceholder(part, 'part')
            : this.isPlaceholder(match[0], 'prefix')
        )
          return null
        return {
          ruleId: rule.id,
          start,
          end: start + match[0].length,
          vaultEntry: null,
          variable: this.variableBefore(text, start),
          knownPrefix: this.knownPrefixOf(match[0]),
        }
      }
      // A provider's prefix on a token of the wrong shape (xoxp-…-####) is not that token, nor any other.
      if (prefixed) return null
    }
    if (this.pathRules.length > 0 && start > 0 && text[start - 1] === SLASH) {
      const found = this.matchPathUrl(text, start)
      if (found) return found
    }
    if (this.contextRules.length === 0) return null
    // The value around the run: '=' may only pad its end, so an assignment's name is never taken in ...
    const lineStart = this.lineStartOf(text, start)
    let valueStart = start
    while (valueStart > lineStart && VALUE_CHARACTER[text[valueStart - 1]!] && text[valueStart - 1] !== EQUALS)
      valueStart--
    let valueEnd = start + length
    while (valueEnd < lineEnd && VALUE_CHARACTER[text[valueEnd]!] && valueEnd - valueStart < MAX_TOKEN) valueEnd++
    // ... unless the value holds '=' itself (base64, a key=value pair's value): then the wider span, if a name is before it.
    let wideStart = valueStart
    while (wideStart > lineStart && VALUE_CHARACTER[text[wideStart - 1]!] && valueEnd - wideStart < MAX_TOKEN)
      wideStart--
    if (wideStart < valueStart) {
      while (wideStart < valueStart && text[wideStart] === EQUALS) wideStart++
      const wide = this.matchContext(text, wideStart, valueEnd, lineStart)
      if (wide) return wide
    }
    return this.matchContext(text, valueStart, valueEnd, lineStart)
  }

  /** The text before a value on its line; when nothing but blanks is, the line before too (an XML element's text on its own line). */
  private contextBefore(text: Buffer, valueStart: number, lineStart: number): string {
    const before = text.toString('latin1', Math.max(lineStart, valueStart - MAX_BEFORE), valueStart)
    if (lineStart === 0 || !/^\s*$/.test(before)) return before
    const previousStart = this.lineStartOf(text, lineStart - 1)
    const previous = text.toString('latin1', Math.max(previousStart, lineStart - 1 - MAX_BEFORE), lineStart)
    // The line lookup moved: put it back on the value's line for the runs after.
    this.lineAround(text, valueStart)
    return `${previous}${before}`
  }

  private matchContext(text: Buffer, valueStart: number, valueEnd: number, lineStart: number): Candidate | null {
    // The rest of a URL after its scheme ([v1-keys]: https://…/marshal.go), not a value of its own.
    if (
      valueStart > lineStart &&
      text[valueStart - 1] === COLON &&
      text[valueStart] === SLASH &&
      text[valueStart + 1] === SLASH
    )
      return null
    // A call is code, not a value (`key = base64.urlsafe_b64decode(key)`, `= create_urllib3_context()`).
    if (text[valueEnd] === OPEN_PARENTHESIS) return null
    const before = this.contextBefore(text, valueStart, lineStart)
    if (!CONTEXT_KEYWORDS.test(before)) return null
    for (const { rule, context, value, excludeNames } of this.contextRules) {
      const named = context.exec(before)
      if (!named) continue
      if (excludeNames?.test(named[0])) return null
      const secret = text.toString('latin1', valueStart, valueEnd)
      if (!value.test(secret)) return null
      if (rule.requireDigit && !/[0-9]/.test(secret)) return null
      if (rule.requireDigit && !/[A-Za-z]/.test(secret)) return null
      // Hex has 4 bits a character at most: a random 40-character hex value measures 3.4-3.9.
      if (
        rule.minEntropy !== undefined &&
        shannonEntropy(secret) < rule.minEntropy - (HEX_VALUE.test(secret) ? 0.5 : 0)
      )
        return null
      if (this.isPlaceholder(secret, 'context') || isEncodedProse(secret)) return null
      return {
        ruleId: rule.id,
        start: valueStart,
        end: valueEnd,
        vaultEntry: null,
        variable: this.variableBefore(text, valueStart),
        knownPrefix: this.knownPrefixOf(secret),
      }
    }
    return null
  }

  /** A URL rule found from a run right after a '/': its prefix (hooks.slack.com/) shortly before, scheme or not. */
  private matchPathUrl(text: Buffer, start: number): Candidate | null {
    // Most texts hold no path rule's prefix at all: asked once a text, by a byte search.
    this.pathPrefixesIn ??= this.pathRules.some((url) =>
      url.prefixes.some((prefix) => text.indexOf(prefix, 0, 'latin1') >= 0),
    )
    if (!this.pathPrefixesIn) return null
    const lineStart = this.lineStartOf(text, start)
    const from = Math.max(lineStart, start - URL_LOOKBACK)
    const before = text.toString('latin1', from, start)
    for (const url of this.pathRules) {
      for (const prefix of url.prefixes) {
        const at = before.lastIndexOf(prefix)
        if (at < 0) continue
        let schemeStart = from + at
        // Take in a scheme just before (https://).
        const scheme = before.slice(Math.max(0, at - 8), at).match(/[A-Za-z]+:\/\/$/)
        if (scheme) schemeStart -= scheme[0].length
        const found = this.urlAt(text, url, schemeStart, this.lineEndOf(text, start))
        if (found && found.end > start) return found
      }
    }
    return null
  }

  /**
   * URLs with a secret in them: each '://' (the kernel lists them, or a search over the text finds them
   * when there were more than it lists; a password may be shorter than the runs it reports).
   */
  private matchUrls(text: Buffer, separators: Uint32Array | null, out: Candidate[]): void {
    let next = 0
    for (
      let at = separators ? (separators[0] ?? -1) : text.indexOf(SCHEME_SEPARATOR, 0, 'latin1');
      at >= 0;
      at = separators ? (separators[++next] ?? -1) : text.indexOf(SCHEME_SEPARATOR, at + 3, 'latin1')
    ) {
      let schemeStart = at
      while (schemeStart > 0 && at - schemeStart < 24 && SCHEME_CHARACTER[text[schemeStart - 1]!]) schemeStart--
      if (schemeStart === at) continue
      if (out.some((candidate) => candidate.start <= at && at < candidate.end)) continue
      const lineEnd = Math.min(text.length, at + URL_LOOKAHEAD)
      // One window for every rule (the same text each would copy out for itself).
      const window = text.toString('latin1', schemeStart, Math.min(lineEnd, schemeStart + URL_LOOKAHEAD))
      for (const url of this.urlRules) {
        const found = this.urlAt(text, url, schemeStart, lineEnd, window)
        if (found) {
          out.push(found)
          break
        }
      }
    }
  }

  private urlAt(
    text: Buffer,
    url: UrlRule,
    from: number,
    until: number,
    window = text.toString('latin1', from, Math.min(until, from + URL_LOOKAHEAD)),
  ): Candidate | null {
    url.pattern.lastIndex = 0
    const match = url.pattern.exec(window)
    if (!match || match[1] === undefined) return null
    const secret = match[1]
    const colon = secret.indexOf(':')
    const password = colon >= 0 ? secret.slice(colon + 1) : secret
    if (colon >= 0 && password === secret.slice(0, colon)) return null
    if (password.length < 4 || /^(.)\1+$/.test(password) || URL_PASSWORD_WORD.test(password)) return null
    if (
      URL_PASSWORD_PLACEHOLDER.test(password) ||
      URL_PASSWORD_WORDS_ONLY.test(decodedUrlPart(password)) ||
      this.isPlaceholder(secret, 'url') ||
      this.isPlaceholder(password, 'url')
    )
      return null
    const start = from + match.index + match[0].indexOf(secret)
    return {
      ruleId: url.rule.id,
      start,
      end: start + secret.length,
      vaultEntry: null,
      variable: this.variableBefore(text, from),
      knownPrefix: '',
      maskWhole: true,
    }
  }

  private matchVaultBlock(text: Buffer, offset: number, hash: number, out: Candidate[]): void {
    for (const [entry, within] of this.vaultBlocks.get(hash) ?? []) {
      const start = offset - within
      const end = start + this.vaultLengths[entry]!
      if (start < 0 || end > text.length) continue
      if (out.some((candidate) => candidate.vaultEntry === entry && candidate.start === start)) continue
      if (this.fingerprintOf('secret', text.subarray(start, end)) !== this.vaultFingerprints[entry]) continue
      out.push({
        ruleId: 'vault-value',
        start,
        end,
        vaultEntry: entry,
        variable: this.variableBefore(text, start),
        knownPrefix: this.knownPrefixOf(text.toString('latin1', start, Math.min(end, start + 16))),
      })
    }
  }

  /**
   * A private key block, found from a run inside its body: the run's line is all base64, and walking up
   * over base64 lines (and PEM headers) reaches a BEGIN … PRIVATE KEY line.
   */
  private matchPrivateKey(text: Buffer, at: number): Candidate | null {
    if (!this.isBase64Line(text, at)) return null
    let lineStart = this.lineStart
    let lineEnd = this.lineEnd
    for (let step = 0; step < 120 && lineStart > 0; step++) {
      lineEnd = lineStart - 1
      lineStart = this.lineStartOf(text, lineEnd)
      const line = text.toString('latin1', lineStart, Math.min(lineEnd, lineStart + 200))
      if (BASE64_LINE.test(line) || PEM_HEADER.test(line)) continue
      for (const { rule, begin } of this.blockRules) {
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
  private matchEscapedPrivateKey(text: Buffer, at: number): Candidate | null {
    if (at < 1) return null
    const lineStart = this.lineStartOf(text, at)
    // The run may start after a '+' or '/' of the body line: walk back over base64 to the line's \n escape.
    let lineAt = at
    if (text[at - 1] === PLUS || text[at - 1] === SLASH) {
      while (lineAt > lineStart && at - lineAt < ESCAPED_LINE_MAX && BASE64_CHARACTER[text[lineAt - 1]!]) lineAt--
    }
    if (lineAt < 1 || text[lineAt - 1] !== BACKSLASH || text[lineAt] !== LETTER_N) return null
    const lineEnd = this.lineEndOf(text, at)
    const windowStart = Math.max(lineStart, at - ESCAPED_BEGIN_WINDOW)
    const before = text.toString('latin1', windowStart, at)
    const beginIndex = before.lastIndexOf('-----BEGIN ')
    if (beginIndex < 0) return null
    for (const { rule, begin } of this.blockRules) {
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

  /** One candidate per span: a vault match joins the rule match on the same text. */
  private merge(candidates: Candidate[]): Candidate[] {
    candidates.sort((left, right) => left.start - right.start || right.end - left.end)
    const merged: Candidate[] = []
    for (const candidate of candidates) {
      const previous = merged[merged.length - 1]
      if (previous && candidate.start < previous.end) {
        if (
          candidate.vaultEntry === null &&
          previous.vaultEntry !== null &&
          previous.ruleId === 'vault-value' &&
          candidate.start === previous.start &&
          candidate.end === previous.end
        ) {
          // A rule saw the same value the vault knows: name the rule, keep the vault key.
          previous.ruleId = candidate.ruleId
          previous.variable = candidate.variable
        }
        if (candidate.vaultEntry !== null && previous.vaultEntry === null) {
          // The vault knows this exact value: that is the stronger finding, whatever rule saw it first.
          previous.vaultEntry = candidate.vaultEntry
          if (previous.end !== candidate.end || previous.start !== candidate.start) {
            previous.start = candidate.start
            previous.end = candidate.end
            previous.ruleId = 'vault-value'
          }
        }
        continue
      }
      merged.push({ ...candidate })
    }
    return merged
  }

  fingerprintOf(purpose: 'secret' | 'finding', ...parts: Array<Uint8Array | string>): string {
    return keyedFingerprint(this.fingerprintKey, purpose, ...parts)
  }

  private toHits(text: Buffer, candidates: Candidate[], path: string): RawHit[] {
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
      const lineStart = this.lineStartOf(text, candidate.start)
      const lineEnd = this.lineEndOf(text, candidate.start)
      const secretBytes = text.subarray(candidate.start, candidate.end)
      const secret = secretBytes.toString('latin1', 0, secretBytes.length)
      const lastLineEnd = this.lineEndOf(text, Math.max(candidate.start, candidate.end - 1))
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
        const beginLineStart = this.lineStartOf(text, Math.max(0, lineStart - 1))
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
        secretFingerprint: this.fingerprintOf('secret', secretBytes),
        fingerprint: this.fingerprintOf('finding', path, secretBytes),
        redactedSecret: maskSecret(privateKey || candidate.maskWhole ? '' : secret, candidate.knownPrefix),
        snippet: privateKey ? keySnippet : this.snippet(text, lineStart, lineEnd, index, candidates),
        knownPrefix: candidate.knownPrefix,
        variable: candidate.variable,
        allowedInline,
      })
    }
    return hits
  }

  /**
   * The secret's line, every secret on it masked, cut to a readable length around this one. Candidates
   * are in order and apart (merged), so only the neighbours of `index` can reach into the cut.
   */
  private snippet(text: Buffer, lineStart: number, lineEnd: number, index: number, all: Candidate[]): string {
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
}
