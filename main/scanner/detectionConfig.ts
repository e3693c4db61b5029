// What a scan worker is given to detect with (rules as plain data, vault fingerprints, keys) and what
// it hands back for each hit. Structured-clone friendly; never a whole secret.
export type RuleKind = 'prefix' | 'context' | 'block' | 'url'

export interface RuleData {
  id: string
  title: string
  kind: RuleKind
  /** Providers whose keys this rule finds; more than one means the prefix is shared. */
  providers: string[]
  prefixes: string[]
  /**
   * Prefix rules: the token from its start; context rules: the whole value; block rules: the BEGIN line;
   * url rules: the URL from its scheme (or its `prefixes`), group 1 being the secret part.
   */
  pattern: string
  /** Context rules: what the text before the value must end with (case-insensitive). */
  context?: string
  minEntropy?: number
  /** Prefix rules: the part of a match that placeholder checks read; the whole match when absent. */
  placeholderPart?: string
  requireDigit?: boolean
  /** Prefix rules: a match counts only when its `.`-separated parts decode as a JWT's (header and claims). */
  jwtParts?: boolean
  excludeNames?: string
  confidence: 'high' | 'medium' | 'low'
  note?: string
}

export interface ValuePattern {
  id: string
  why: string
  pattern: string
  flags?: string
  appliesTo?: 'prefix' | 'context'
}

export interface VaultFingerprints {
  /** One entry per vault value: its length and keyed fingerprint (HMAC of the value). */
  entries: Array<{ length: number; secretFingerprint: string }>
  /** (24-bit block hash, entry, offset of the 8-byte gram in the value). */
  blocks: Array<[hash: number, entry: number, offset: number]>
  vaultKeyHex: string
  characters: string
}

export interface DetectionConfig {
  rules: RuleData[]
  placeholders: string[]
  valuePatterns: ValuePattern[]
  /** Every provider prefix, to mask a secret readably (`sk_live_••••7hQx`). */
  knownPrefixes: string[]
  fingerprintKeyHex: string
  vault: VaultFingerprints | null
}

export interface RawHit {
  ruleId: string
  vaultEntry: number | null
  line: number
  column: number
  secretFingerprint: string
  fingerprint: string
  redactedSecret: string
  snippet: string
  knownPrefix: string
  /** The variable or header the secret was assigned to, when the line says. */
  variable: string | null
  allowedInline: boolean
}
