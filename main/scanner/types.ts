// The scanner's public types: what a scan is asked to do, what it reports while running, and what it
// finds. No value in here ever holds a whole secret: findings carry fingerprints and masks only.
import type { Environment } from '#contract'

export const CONFIDENCES = ['high', 'medium', 'low'] as const
export type Confidence = (typeof CONFIDENCES)[number]

/** Most to least severe. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

/** A copy others can read (tracked, staged, committed) or one only on this disk (git-ignored, untracked). */
export type Exposure = 'exposed' | 'stored'

export type ScanScope = 'tree' | 'index' | 'history'
export type LocationKind = ScanScope

/** One value from the vault to look for, exactly. Dropped as soon as it is fingerprinted. */
export interface VaultValue {
  keyId: string
  keyName: string
  /** The key's version this value is (the current one or an older one). */
  version: number
  /** Whether this is the key's current value; a match on an older one still means "rotate". */
  current: boolean
  provider?: string | null
  environment?: Environment
  value: string
}

export type IgnoreReason = 'false_positive' | 'accepted'

export interface ScanProgress {
  phase: 'listing' | 'tree' | 'index' | 'history' | 'commits' | 'done'
  files: number
  blobs: number
  /** Blobs the history holds (known once the listing is done; until then null). */
  totalBlobs: number | null
  bytes: number
  findings: number
}

export interface ScanOptions {
  /** The folder to scan: a git work tree (any folder inside one) or a plain folder. */
  root: string
  scopes?: Partial<Record<ScanScope, boolean>>
  vaultValues?: readonly VaultValue[]
  /**
   * The key the stable fingerprints are made with (kept in the vault so that ignoring survives scans;
   * 32 bytes). Without it a random one is used and fingerprints hold for this scan only.
   */
  fingerprintKey?: Uint8Array
  /** Finding fingerprints the user marked, with why. */
  ignored?: ReadonlyMap<string, IgnoreReason>
  onProgress?: (progress: ScanProgress) => void
  signal?: AbortSignal
  /** Files and blobs larger than this are skipped and counted (default 10 MiB). */
  maxFileBytes?: number
  /** Scanning threads (default: the machine's cores, at most 4). */
  threads?: number
  /**
   * Read history blobs straight from the repository's pack files where the native reader is built
   * (default); false reads every blob through `git cat-file`.
   */
  readPacks?: boolean
}

export interface FindingLocation {
  kind: LocationKind
  /** Path relative to the scanned root's repository (or the folder), with '/' separators. */
  path: string
  line: number
  column: number
  /**
   * The commit that introduced the secret at this path: in history (null when no commit reaches the blob),
   * and for a tracked file whose HEAD version holds it (one finding, not a second one in history).
   */
  commit: string | null
  author: string | null
  /** ISO 8601 author date of that commit. */
  date: string | null
  /** The secret is in HEAD's tree at this path (still there now, not only in history). */
  inHead: boolean
  gitIgnored: boolean
  untracked: boolean
  /** How many versions (blobs) of the path in history held this secret, when history was scanned. */
  versions?: number
}

export interface VaultKeyMatch {
  keyId: string
  keyName: string
  version: number
  current: boolean
}

export interface Finding {
  /** Stable across scans (with the same fingerprintKey): the secret and the path, for ignoring. */
  fingerprint: string
  /** Keyed hash of the secret: the same secret found in several places shares it. */
  secretFingerprint: string
  ruleId: string
  ruleTitle: string
  provider: string | null
  /** Other providers whose keys share this prefix (sk_live_: Stripe and AgentClara). */
  ambiguousWith: string[]
  environment: Environment
  /** How sure the rule is that this is a real secret (a vault match: high). */
  confidence: Confidence
  /** From confidence, environment, vault match and exposure: what --fail-on and the ranking use. */
  severity: Severity
  /** exposed: tracked, staged or committed; stored: only in a git-ignored or untracked local file. */
  exposure: Exposure
  location: FindingLocation
  /** The vault key this is (exact match), to rotate. */
  vaultKey: VaultKeyMatch | null
  /** Known prefix, dots, last four: `sk_live_••••7hQx`. */
  redactedSecret: string
  /** The line with every secret on it masked, at most 240 characters. */
  snippet: string
  /** Why it matters in one sentence, including ambiguity notes. */
  message: string
}

export type SuppressedReason = IgnoreReason | 'inline_allow'

export interface SuppressedFinding extends Finding {
  suppressed: SuppressedReason
}

export type ProblemCode =
  | 'not_a_repository'
  | 'repository_refused'
  | 'objects_outside'
  | 'outside_folder'
  | 'worktree_elsewhere'
  | 'unreadable'
  | 'too_large'
  | 'symlink_loop'
  | 'missing_object'
  | 'corrupt_object'
  | 'invalid_utf8'
  | 'git_failed'
  | 'vault_value_too_short'

/** Something the scan could not do for one file or object; the scan went on with the rest. */
export interface ScanProblem {
  code: ProblemCode
  /** The file, object or value the problem is about (never a secret). */
  subject: string
  message: string
}

export interface SkipCounts {
  binary: number
  large: number
  symlinks: number
  directories: number
  other: number
}

export interface ScanReport {
  root: string
  /** The repository's top folder, or null when the root is a plain folder. */
  repository: string | null
  scopes: Record<ScanScope, boolean>
  canceled: boolean
  findings: Finding[]
  suppressed: SuppressedFinding[]
  problems: ScanProblem[]
  skipped: SkipCounts
  stats: {
    files: number
    blobs: number
    bytes: number
    commits: number
    durationMs: number
  }
}
