// The contract's scan types: a scan's folder and scopes, its progress, its findings (masked, never a
// whole secret), a finding's test, and where a scan last saw a key.
import { z } from 'zod'
import { Environment } from './fields'
import { TestOutcome } from './tests'

export const SCAN_SCOPES = ['tree', 'index', 'history'] as const
export const ScanScopes = z
  .object({ tree: z.boolean(), index: z.boolean(), history: z.boolean() })
  .refine((scopes) => scopes.tree || scopes.index || scopes.history, {
    message: 'Choose at least one of the working tree, the index and the history.',
  })
export type ScanScopes = z.infer<typeof ScanScopes>

/** A scan's folder: an absolute path the user chose in main's folder dialog. */
export const ScanFolder = z.string().min(1).max(4096)
/** A folder the user chose: its path, and the path as the window shows it (home as ~). */
export const ScanFolderChoice = z.object({ folder: z.string(), shown: z.string() })
export type ScanFolderChoice = z.infer<typeof ScanFolderChoice>
/** A finding's keyed fingerprint (hex), stable across scans of the same vault. */
export const FindingFingerprint = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'A finding fingerprint is 32 hexadecimal characters.')
export const IGNORE_REASONS = ['false_positive', 'accepted'] as const

export const ScanRunStatus = z.object({
  state: z.enum(['running', 'finished', 'canceled', 'failed']),
  folder: z.string(),
  scopes: ScanScopes,
  phase: z.enum(['listing', 'tree', 'index', 'history', 'commits', 'done']),
  files: z.number().int(),
  blobs: z.number().int(),
  /** Blobs in the history, once listed. */
  totalBlobs: z.number().int().nullable(),
  bytes: z.number(),
  findings: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Why a failed scan stopped, in words. */
  error: z.string().nullable(),
})
export type ScanRunStatus = z.infer<typeof ScanRunStatus>

/** One leak, as the scanner panel shows it: never a whole secret, only a masked one and a masked line. */
export const ScanFinding = z.object({
  fingerprint: FindingFingerprint,
  ruleId: z.string(),
  ruleTitle: z.string(),
  provider: z.string().nullable(),
  ambiguousWith: z.array(z.string()),
  environment: Environment,
  /** From the rule's confidence, the environment, a vault match and where it is (docs/scanner.md). */
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  /** exposed: tracked, staged or committed; stored: only in a git-ignored or untracked local file. */
  exposure: z.enum(['exposed', 'stored']),
  kind: z.enum(SCAN_SCOPES),
  path: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  commit: z.string().nullable(),
  author: z.string().nullable(),
  date: z.string().nullable(),
  inHead: z.boolean(),
  gitIgnored: z.boolean(),
  untracked: z.boolean(),
  versions: z.number().int().nullable(),
  vaultKey: z
    .object({ keyId: z.string(), keyName: z.string(), version: z.number().int(), current: z.boolean() })
    .nullable(),
  redactedSecret: z.string(),
  snippet: z.string(),
  message: z.string(),
  /** Why it is not counted: marked by the user, or a keyward:allow comment on its line. */
  suppressed: z.enum([...IGNORE_REASONS, 'inline_allow']).nullable(),
})
export type ScanFinding = z.infer<typeof ScanFinding>

export const MAX_FINDINGS_SHOWN = 5_000

export const ScanResults = z.object({
  folder: z.string(),
  repository: z.string().nullable(),
  scopes: ScanScopes,
  canceled: z.boolean(),
  finishedAt: z.string(),
  /** Active findings first, then the suppressed ones; at most MAX_FINDINGS_SHOWN. */
  findings: z.array(ScanFinding).max(MAX_FINDINGS_SHOWN),
  /** Findings left off the list above. */
  notShown: z.number().int(),
  problems: z.array(z.object({ code: z.string(), subject: z.string(), message: z.string() })),
  skipped: z.object({
    binary: z.number().int(),
    large: z.number().int(),
    symlinks: z.number().int(),
    directories: z.number().int(),
    other: z.number().int(),
  }),
  stats: z.object({
    files: z.number().int(),
    blobs: z.number().int(),
    bytes: z.number(),
    commits: z.number().int(),
    durationMs: z.number(),
  }),
  /** Vault keys this scan marked leaked. */
  leakedKeys: z.number().int(),
})
export type ScanResults = z.infer<typeof ScanResults>

/** "Is the leaked value still live?": a test of the exact version the finding matched. */
export const FindingTest = z.object({
  keyId: z.string(),
  keyVersion: z.number().int(),
  current: z.boolean(),
  outcome: TestOutcome,
  reason: z.string(),
  httpStatus: z.number().int().nullable(),
  testedAt: z.string(),
})
export type FindingTest = z.infer<typeof FindingTest>

/** A place a scan last saw one of a key's values: update it when the key is rotated. */
export const KeySighting = z.object({
  version: z.number().int(),
  /** The scanned folder (the repository's top folder when it is one). */
  folder: z.string(),
  kind: z.enum(SCAN_SCOPES),
  path: z.string(),
  line: z.number().int(),
  commit: z.string().nullable(),
  inHead: z.boolean(),
  /** exposed: tracked, staged or committed (the key leaked); stored: only in a git-ignored or untracked local file; unknown: seen before Keyward recorded which. */
  exposure: z.enum(['exposed', 'stored', 'unknown']),
  foundAt: z.string(),
})
export type KeySighting = z.infer<typeof KeySighting>
