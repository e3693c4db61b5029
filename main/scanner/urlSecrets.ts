// Secrets inside URLs: a connection string's user:password (found at each '://'), and URL rules found
// from a path-like prefix (hooks.slack.com/) before a run, with or without a scheme.
import type { Candidate } from './candidates'
import type { RuleData } from './detectionConfig'
import type { LineCursor } from './textLines'

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

export interface UrlRule {
  rule: RuleData
  /** Tried at a URL's scheme (or at one of the rule's prefixes); group 1 is the secret part. */
  pattern: RegExp
  prefixes: string[]
}

/** What URL matching asks of the detector: the name a value is assigned to, and whether it is documentation. */
export interface ValueJudge {
  variableBefore(text: Buffer, start: number): string | null
  isPlaceholder(value: string, foundBy: 'prefix' | 'context' | 'url' | 'part'): boolean
}

export class UrlFinder {
  readonly rules: UrlRule[] = []
  /** Url rules found from a path-like prefix (hooks.slack.com/) before a run, with or without a scheme. */
  readonly pathRules: UrlRule[] = []
  /** Whether the text being scanned holds any path rule's prefix (null: not asked yet). */
  private pathPrefixesIn: boolean | null = null
  private readonly lines: LineCursor
  private readonly judge: ValueJudge

  constructor(lines: LineCursor, judge: ValueJudge) {
    this.lines = lines
    this.judge = judge
  }

  add(rule: RuleData): void {
    const compiled = { rule, pattern: new RegExp(rule.pattern, 'y'), prefixes: rule.prefixes }
    this.rules.push(compiled)
    if (rule.prefixes.length > 0) this.pathRules.push(compiled)
  }

  /** Forgets what it knew of the last text. */
  reset(): void {
    this.pathPrefixesIn = null
  }

  /** A URL rule found from a run right after a '/': its prefix (hooks.slack.com/) shortly before, scheme or not. */
  atPath(text: Buffer, start: number): Candidate | null {
    // Most texts hold no path rule's prefix at all: asked once a text, by a byte search.
    this.pathPrefixesIn ??= this.pathRules.some((url) =>
      url.prefixes.some((prefix) => text.indexOf(prefix, 0, 'latin1') >= 0),
    )
    if (!this.pathPrefixesIn) return null
    const lineStart = this.lines.startOf(text, start)
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
        const found = this.urlAt(text, url, schemeStart, this.lines.endOf(text, start))
        if (found && found.end > start) return found
      }
    }
    return null
  }

  /**
   * URLs with a secret in them: each '://' (the kernel lists them, or a search over the text finds them
   * when there were more than it lists; a password may be shorter than the runs it reports).
   */
  atSchemes(text: Buffer, separators: Uint32Array | null, out: Candidate[]): void {
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
      for (const url of this.rules) {
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
      this.judge.isPlaceholder(secret, 'url') ||
      this.judge.isPlaceholder(password, 'url')
    )
      return null
    const start = from + match.index + match[0].indexOf(secret)
    return {
      ruleId: url.rule.id,
      start,
      end: start + secret.length,
      vaultEntry: null,
      variable: this.judge.variableBefore(text, from),
      knownPrefix: '',
      maskWhole: true,
    }
  }
}
