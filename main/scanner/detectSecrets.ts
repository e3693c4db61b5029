// Turns the kernel's events over one text into hits: prefix rules tried at a run's start, context rules
// (key-like assignments, headers) tried on the text before a run, private key blocks, URLs with a
// secret in them, and exact vault values confirmed by their keyed fingerprint. Runs in scan workers:
// the secret never leaves here, only its fingerprints, its mask and a redacted line.
import { shannonEntropy } from '../common/secretText'
import { mergeCandidates, type Candidate } from './candidates'
import { keyedFingerprint } from './fingerprints'
import { toHits } from './hitReport'
import { EVENT_RUN, EVENT_VAULT, type ScanKernel } from './kernel/scanKernel'
import { PrivateKeyFinder, type BlockRule } from './privateKeyBlocks'
import { LineCursor } from './textLines'
import { UrlFinder } from './urlSecrets'
import { isEncodedProse, isJwtShaped } from './valueShapes'
import type { DetectionConfig, RawHit, RuleData } from './detectionConfig'

const VALUE_CHARACTER = new Uint8Array(256)
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/.~=') {
  VALUE_CHARACTER[character.charCodeAt(0)] = 1
}
const EQUALS = '='.charCodeAt(0)
const MAX_BEFORE = 200
const MAX_TOKEN = 2048
const HEX_VALUE = /^[0-9a-fA-F]+$/
const SLASH = 0x2f
const COLON = 0x3a
const OPEN_PARENTHESIS = 0x28
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
interface CompiledValuePattern {
  pattern: RegExp
  appliesTo: 'prefix' | 'context' | null
}

export class SecretDetector {
  /** Prefix rules by the first three bytes of their prefixes (as one number: no string per run). */
  private readonly prefixRules = new Map<number, PrefixRule[]>()
  private readonly contextRules: ContextRule[] = []
  private readonly lines = new LineCursor()
  private readonly privateKeys: PrivateKeyFinder
  private readonly urls: UrlFinder
  private readonly placeholders: Set<string>
  private readonly valuePatterns: CompiledValuePattern[]
  private readonly knownPrefixes: string[]
  private readonly fingerprintKey: Buffer
  private readonly vaultBlocks = new Map<number, Array<[entry: number, offset: number]>>()
  private readonly vaultFingerprints: string[]
  private readonly vaultLengths: number[]

  constructor(config: DetectionConfig) {
    const blockRules: BlockRule[] = []
    this.urls = new UrlFinder(this.lines, this)
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
        this.urls.add(rule)
      } else {
        blockRules.push({ rule, begin: new RegExp(rule.pattern) })
      }
    }
    this.privateKeys = new PrivateKeyFinder(blockRules, this.lines)
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
    this.lines.reset()
    this.urls.reset()
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
    if (this.urls.rules.length > 0) this.urls.atSchemes(text, kernel.schemeSeparators(), candidates)
    if (candidates.length === 0) return []
    return toHits(text, mergeCandidates(candidates), path, this.lines, this)
  }

  private knownPrefixOf(secret: string): string {
    return this.knownPrefixes.find((prefix) => secret.startsWith(prefix)) ?? ''
  }

  variableBefore(text: Buffer, start: number): string | null {
    const lineStart = Math.max(this.lines.startOf(text, start), start - MAX_BEFORE)
    const before = text.toString('latin1', lineStart, start)
    const header = HEADER_BEFORE.exec(before)
    if (header) return header[1]!
    return VARIABLE_BEFORE.exec(before)?.[1] ?? null
  }

  /** Whether a value is documentation; a token's secret part ('part') is held to the patterns of every rule only, not to look-alikes of whole tokens (commit ids). */
  isPlaceholder(value: string, foundBy: 'prefix' | 'context' | 'url' | 'part'): boolean {
    if (this.placeholders.has(value)) return true
    return this.valuePatterns.some(
      ({ pattern, appliesTo }) => (appliesTo === null || appliesTo === foundBy) && pattern.test(value),
    )
  }

  private matchRun(text: Buffer, start: number, length: number): Candidate | null {
    const lineEnd = this.lines.endOf(text, start + length)
    if (this.privateKeys.rules.length > 0) {
      const key = this.privateKeys.onLines(text, start) ?? this.privateKeys.escaped(text, start)
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
        if (rule.jwtParts && !isJwtShaped(match[0])) continue
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
    if (this.urls.pathRules.length > 0 && start > 0 && text[start - 1] === SLASH) {
      const found = this.urls.atPath(text, start)
      if (found) return found
    }
    if (this.contextRules.length === 0) return null
    // The value around the run: '=' may only pad its end, so an assignment's name is never taken in ...
    const lineStart = this.lines.startOf(text, start)
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
    const previousStart = this.lines.startOf(text, lineStart - 1)
    const previous = text.toString('latin1', Math.max(previousStart, lineStart - 1 - MAX_BEFORE), lineStart)
    // The line lookup moved: put it back on the value's line for the runs after.
    this.lines.around(text, valueStart)
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

  fingerprintOf(purpose: 'secret' | 'finding', ...parts: Array<Uint8Array | string>): string {
    return keyedFingerprint(this.fingerprintKey, purpose, ...parts)
  }
}
