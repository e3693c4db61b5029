// THE contract between the renderer and main: every method the renderer may call, its IPC channel,
// and runtime schemas for its argument and result. main/ipc, preload and the e2e harness are all
// derived from this one table; the renderer takes its types from here and imports nothing from main/.
import { z } from 'zod'
import { ENVIRONMENTS, ERROR_CODES } from './contractWords'

export { ENVIRONMENTS, ERROR_CODES }
import { ROTATION_STATES, TEST_OUTCOMES } from './statusWords'

// The words, tones and order of outcomes and rotation states: one table for the CLI and the window.
export * from './statusWords'

/** Largest secret value or note accepted across the bridge (64 KiB). */
export const MAX_VALUE_BYTES = 64 * 1024

export const Environment = z.enum(ENVIRONMENTS)
export type Environment = z.infer<typeof Environment>

const utf8Length = (text: string): number => new TextEncoder().encode(text).length
const boundedText = (label: string, maxChars: number) =>
  z.string().max(maxChars, { message: `${label} is longer than ${maxChars} characters` })

export const KeyName = z
  .string()
  .trim()
  .min(1, { message: 'A key needs a name' })
  .max(200, { message: 'A key name is at most 200 characters' })
export const SecretValue = z
  .string()
  .min(1, { message: 'The key value is empty' })
  .refine((value) => utf8Length(value) <= MAX_VALUE_BYTES, {
    message: 'The key value is larger than 64 KB',
  })
export const MasterPassword = z
  .string()
  .min(1, { message: 'Enter the master password' })
  .max(1024, { message: 'The master password is longer than 1024 characters' })
export const NewMasterPassword = MasterPassword.refine((password) => password.length >= 8, {
  message: 'A master password needs at least 8 characters',
})
const Label = z.string().trim().min(1).max(100)
/** ISO 8601 date (YYYY-MM-DD) or date-time. */
export const IsoDate = z.iso.date().or(z.iso.datetime({ offset: true }))
export const EnvVarName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'An env var name uses letters, digits and _' })
  .max(200)
const Id = z.string().min(1).max(64)

export const KeyFields = z.object({
  name: KeyName,
  provider: Label.nullable(),
  environment: Environment,
  scopes: z.array(Label).max(100),
  tags: z.array(Label).max(100),
  notes: boundedText('Notes', 20_000).refine((notes) => utf8Length(notes) <= MAX_VALUE_BYTES, {
    message: 'Notes are larger than 64 KB',
  }),
  envVar: EnvVarName.nullable(),
  expiresAt: IsoDate.nullable(),
  /** The provider plan the key is on (its rate limits); null: the provider's default. */
  plan: Label.nullable(),
  /** Which of the provider's header schemes to test with; null: the provider's default. */
  authScheme: Label.nullable(),
  /** The endpoint to verify this key with, for providers whose docs name none (Cloro). */
  verifyUrl: z.string().url().max(2000).nullable(),
})
export type KeyFields = z.infer<typeof KeyFields>

export const TestOutcome = z.enum(TEST_OUTCOMES)
export type TestOutcome = z.infer<typeof TestOutcome>

/** What a provider's verify answer told about a key. */
export const ProviderFacts = z.object({
  permissions: z.array(z.string()).optional(),
  keyId: z.string().optional(),
  expiresAt: z.string().optional(),
  credits: z.number().optional(),
  balance: z.number().optional(),
  plan: z.string().optional(),
  /** When the provider said so. */
  observedAt: z.string(),
})
export type ProviderFacts = z.infer<typeof ProviderFacts>

export const KeyTest = z.object({
  id: z.number().int(),
  keyId: z.string(),
  keyVersion: z.number().int(),
  testedAt: z.string(),
  outcome: TestOutcome,
  /** What the answer means and what to do, in words. */
  reason: z.string(),
  providerMessage: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  latencyMilliseconds: z.number().nullable(),
  attempts: z.number().int(),
  nextTestAt: z.string().nullable(),
})
export type KeyTest = z.infer<typeof KeyTest>

/** A key as the renderer sees it: every field but the value, which is masked. */
export const KeyRecord = KeyFields.extend({
  id: Id,
  maskedValue: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastRotatedAt: z.string(),
  versionCount: z.number().int(),
  lastTest: KeyTest.pick({
    outcome: true,
    testedAt: true,
    reason: true,
    latencyMilliseconds: true,
    httpStatus: true,
    nextTestAt: true,
  }).nullable(),
  providerFacts: ProviderFacts.nullable(),
})
export type KeyRecord = z.infer<typeof KeyRecord>

export const KeyVersion = z.object({
  version: z.number().int(),
  maskedValue: z.string(),
  createdAt: z.string(),
  reason: z.enum(['created', 'changed', 'imported']),
})
export type KeyVersion = z.infer<typeof KeyVersion>

export const VaultStatus = z.object({
  state: z.enum(['missing', 'locked', 'unlocked']),
  vaultPath: z.string(),
  keyCount: z.number().int().nullable(),
  autoLockMinutes: z.number(),
  /** Seconds until the idle auto-lock, while unlocked. */
  lockInSeconds: z.number().nullable(),
  /** Why the vault was last locked, so the unlock screen can say so. */
  lockedBecause: z.enum(['idle', 'suspend', 'screen-lock', 'user']).nullable(),
})
export type VaultStatus = z.infer<typeof VaultStatus>

// What a search matches in a key, in one place for both sides: main stores it per key (search_text,
// matched with LIKE) and the window filters the index it holds with it, so both find the same keys.
interface SearchableKey {
  name: string
  provider: string | null
  envVar: string | null
  notes: string | null
  tags: readonly string[]
  scopes: readonly string[]
}

/** The key's searchable text, lowercased: name, provider id, env var, notes, tags and scopes. */
export const keySearchText = (key: SearchableKey): string =>
  [key.name, key.provider, key.envVar, key.notes, ...key.tags, ...key.scopes].filter(Boolean).join('\n').toLowerCase()

/** Whether a typed search finds the key: the same as main's `search_text LIKE %text%` on lowercased text. */
export const matchesKeySearch = (key: SearchableKey, text: string): boolean =>
  keySearchText(key).includes(text.trim().toLowerCase())

/**
 * The most keys one listKeys answers: the renderer asks for the whole masked index once (10,000 keys
 * answer in tens of milliseconds, see docs/architecture.md) and scrolls it virtualised.
 */
export const KEY_INDEX_LIMIT = 100_000

export const KeyQuery = z.object({
  text: z.string().max(200).optional(),
  provider: Label.optional(),
  environment: Environment.optional(),
  tag: Label.optional(),
  offset: z.number().int().min(0).max(1_000_000).optional(),
  limit: z.number().int().min(1).max(KEY_INDEX_LIMIT).optional(),
})
export type KeyQuery = z.infer<typeof KeyQuery>

const Count = z.object({ value: z.string(), count: z.number().int() })
export const KeyList = z.object({
  keys: z.array(KeyRecord),
  total: z.number().int(),
  /** The sidebar's filter counts, each group within the other groups' filters (main/vault/stores/keyFacets.ts). */
  facets: z.object({
    providers: z.array(Count),
    environments: z.array(Count),
    tags: z.array(Count),
  }),
})
export type KeyList = z.infer<typeof KeyList>

export const NewKey = KeyFields.partial().extend({ name: KeyName, value: SecretValue })
export type NewKey = z.infer<typeof NewKey>

export const KeyChanges = KeyFields.partial().extend({ value: SecretValue.optional() })
export type KeyChanges = z.infer<typeof KeyChanges>

export const KeyGuess = z.object({
  provider: z.string().nullable(),
  environment: Environment,
  envVar: z.string().nullable(),
  /** Set when a prefix belongs to more than one provider (sk_live_: Stripe and AgentClara). */
  ambiguousWith: z.array(z.string()),
})
export type KeyGuess = z.infer<typeof KeyGuess>

/** A pasted value's guess, and the vault key already holding that value (now, or as an earlier version). */
export const ValueGuess = KeyGuess.extend({
  sameValueAs: z.object({ id: Id, name: z.string(), current: z.boolean() }).nullable(),
})
export type ValueGuess = z.infer<typeof ValueGuess>

export const ProviderSummary = z.object({
  id: z.string(),
  name: z.string(),
  prefixes: z.array(z.object({ prefix: z.string(), environment: Environment })),
  envVar: z.string(),
  hosts: z.array(z.string()),
  scopes: z.object({ label: z.string(), values: z.array(z.string()) }).nullable(),
  rotationPeriodDays: z.number().nullable(),
  /** Null when Keyward cannot test this provider's keys. */
  authTest: z
    .object({
      schemes: z.array(z.object({ id: z.string(), label: z.string() })),
      defaultScheme: z.string(),
      plans: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          limits: z.object({
            perSecond: z.number().optional(),
            perMinute: z.number().optional(),
            perDay: z.number().optional(),
          }),
        }),
      ),
      defaultPlan: z.string().nullable(),
      /** Null: each key names its own verify URL. */
      verifyUrl: z.string().nullable(),
    })
    .nullable(),
  /** Where the user pointed this provider's tests instead (a staging host or a proxy). */
  baseUrl: z.string().nullable(),
  /** File name of an extra CA certificate trusted for this provider, when one is set. */
  caCertificate: z.string().nullable(),
  custom: z.boolean(),
})
export type ProviderSummary = z.infer<typeof ProviderSummary>

export const EnvImportEntry = z.object({
  line: z.number().int(),
  variable: z.string(),
  maskedValue: z.string(),
  provider: z.string().nullable(),
  environment: Environment,
  /** Name of a vault key that already holds this exact value. */
  duplicateOf: z.string().nullable(),
  /** False for ordinary settings (PORT=3000): shown, but not ticked for import by default. */
  looksLikeKey: z.boolean(),
})
export const EnvImportProblem = z.object({ line: z.number().int(), message: z.string() })
export const EnvImportPreview = z.discriminatedUnion('canceled', [
  z.object({ canceled: z.literal(true) }),
  z.object({
    canceled: z.literal(false),
    importId: Id,
    fileName: z.string(),
    entries: z.array(EnvImportEntry),
    problems: z.array(EnvImportProblem),
  }),
])
export type EnvImportPreview = z.infer<typeof EnvImportPreview>

export const EnvImportChoice = z.object({
  importId: Id,
  entries: z
    .array(
      z.object({
        line: z.number().int().min(1),
        name: KeyName,
        provider: Label.nullable(),
        environment: Environment,
      }),
    )
    .max(10_000),
})

export const EnvExportResult = z.discriminatedUnion('canceled', [
  z.object({ canceled: z.literal(true) }),
  z.object({ canceled: z.literal(false), path: z.string(), count: z.number().int() }),
])

/**
 * Why a key was not tested, for grouping ("4 Cloro keys need a verify URL"): no_provider, a provider
 * Keyward does not know, one it cannot test, no verify URL (Cloro), a value no header can carry, the
 * provider's settings or definition (scheme, plan, base URL), held back by the plan's limits, other.
 */
export const UNTESTED_CAUSES = [
  'no_provider',
  'unknown_provider',
  'no_auth_test',
  'no_verify_url',
  'unsendable_value',
  'provider_settings',
  'rate_limited',
  'other',
] as const
export type UntestedCause = (typeof UNTESTED_CAUSES)[number]

export const TestRunStatus = z.object({
  state: z.enum(['running', 'finished', 'canceled']),
  total: z.number().int(),
  done: z.number().int(),
  counts: z.record(TestOutcome, z.number().int()),
  /** Keys Keyward could not test (no provider, no verify URL…), with why; provider: the key's, as stored. */
  skipped: z.array(
    z.object({
      keyId: z.string(),
      name: z.string(),
      reason: z.string(),
      provider: z.string().nullable(),
      cause: z.enum(UNTESTED_CAUSES),
    }),
  ),
  /** Keys whose test is under way (sent, or waiting for its slot) at this moment. */
  inFlight: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** While keys wait for their plan's limits: the earliest time the next one may go. */
  waitingUntil: z.string().nullable(),
})
export type TestRunStatus = z.infer<typeof TestRunStatus>

export const RotationState = z.enum(ROTATION_STATES)
export type RotationState = z.infer<typeof RotationState>

export const RotationStatus = z.object({
  keyId: z.string(),
  name: z.string(),
  state: RotationState,
  /** Why the key is in this state, in words. */
  stateReason: z.string(),
  /** When the key is due: the earlier of its expiry and its last rotation plus its period. */
  dueAt: z.string(),
  dueBy: z.enum(['expiry', 'period']),
  /** Why it is due then: 'expiry from the provider', '90-day policy', 'Airclou rotates every 90 days'. */
  dueReason: z.string(),
  /** Whole days until the due date; negative once past it (−12: 12 days overdue). */
  daysLeft: z.number().int(),
  /** 'in 6 days', 'due today', '12 days overdue', 'expired 3 days ago'; 'rotate now' when leaked or rejected. */
  dueInWords: z.string(),
  expiresAt: z.string().nullable(),
  periodDays: z.number().int(),
  lastRotatedAt: z.string(),
  /** While due soon: the reminder lead time reached (30, 7 or 1 days before). */
  leadDays: z.number().int().nullable(),
  /** Set while a snooze holds back the reminders of a due-soon or overdue key. */
  snoozedUntil: z.string().nullable(),
  /** Not ok and not snoozed: counted on the badge and told in notifications. */
  needsAction: z.boolean(),
  rotationStage: z.string().nullable(),
})
export type RotationStatus = z.infer<typeof RotationStatus>

export const RotationPolicy = z.object({
  /** Days between rotations when neither the key nor its provider names a period. */
  defaultPeriodDays: z.number().int().min(1).max(3650),
  /** Days between rotations for test keys (a gentler policy); null: the same as live keys. */
  testKeyPeriodDays: z.number().int().min(1).max(3650).nullable(),
  /** Days before the due date a reminder is given, largest first (30, 7, 1). */
  leadTimesDays: z.array(z.number().int().min(1).max(365)).min(1).max(5),
  /** Longest a reminder may be snoozed. */
  maxSnoozeDays: z.number().int().min(1).max(90),
  /** Whether a notification shown while the vault is unlocked may say the key's name. */
  nameKeysInNotifications: z.boolean(),
})
export type RotationPolicy = z.infer<typeof RotationPolicy>

export const RotationOverview = z.object({
  generatedAt: z.string(),
  keys: z.array(RotationStatus),
  counts: z.record(z.string(), z.number().int()),
  policy: RotationPolicy,
})
export type RotationOverview = z.infer<typeof RotationOverview>

export const RotationFlow = z.object({
  keyId: z.string(),
  keyName: z.string(),
  stage: z.enum(['pending', 'tested', 'promoted', 'done']),
  startedAt: z.string(),
  newVersion: z.number().int(),
  oldVersion: z.number().int(),
  newValueMasked: z.string(),
  oldValueMasked: z.string(),
  newExpiresAt: z.string().nullable(),
  /** The new value's test in place; not_testable when its provider has no test (then only force makes it current). */
  test: z
    .object({ outcome: z.enum([...TEST_OUTCOMES, 'not_testable']), reason: z.string(), testedAt: z.string() })
    .nullable(),
  canPromote: z.boolean(),
  canForce: z.boolean(),
  promotedAt: z.string().nullable(),
  forced: z.boolean(),
  nextStep: z.enum(['test', 'promote', 'update_services', 'done']),
  nextStepInWords: z.string(),
})
export type RotationFlow = z.infer<typeof RotationFlow>

export const VersionHistoryEntry = z.object({
  version: z.number().int(),
  maskedValue: z.string(),
  reason: z.string(),
  status: z.enum(['current', 'previous', 'pending', 'retiring', 'revoked']),
  createdAt: z.string(),
  testedAt: z.string().nullable(),
  testOutcome: z.string().nullable(),
  promotedAt: z.string().nullable(),
  retiringAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export type VersionHistoryEntry = z.infer<typeof VersionHistoryEntry>

export const SCAN_SCOPES = ['tree', 'index', 'history'] as const
export const ScanScopes = z
  .object({ tree: z.boolean(), index: z.boolean(), history: z.boolean() })
  .refine((scopes) => scopes.tree || scopes.index || scopes.history, {
    message: 'Choose at least one of the working tree, the index and the history.',
  })
export type ScanScopes = z.infer<typeof ScanScopes>

/** A scan's folder: an absolute path the user chose in main's folder dialog. */
export const ScanFolder = z.string().min(1).max(4096)
/** A finding's keyed fingerprint (hex), stable across scans of the same vault. */
/** A folder the user chose: its path, and the path as the window shows it (home as ~). */
export const ScanFolderChoice = z.object({ folder: z.string(), shown: z.string() })
export type ScanFolderChoice = z.infer<typeof ScanFolderChoice>
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

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.enum(['app', 'cli', 'cli via agent', 'cli via app']),
  action: z.string(),
  keyId: z.string().nullable(),
  subject: z.string().nullable(),
  detail: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** One environment as a .env of references: each key's variable, the reference filling it, and whether it resolves. */
export const EnvironmentView = z.object({
  environment: Environment,
  variables: z.array(
    z.object({
      variable: z.string(),
      keyId: z.string(),
      keyName: z.string(),
      provider: z.string().nullable(),
      reference: z.string(),
      line: z.string(),
      maskedValue: z.string(),
      status: z.enum(['ok', 'clash', 'ambiguous']),
      problem: z.string().nullable(),
    }),
  ),
  /** The whole environment as a template: references only, no value. */
  template: z.string(),
})
export type EnvironmentView = z.infer<typeof EnvironmentView>

export const BackupSummary = z.object({
  name: z.string(),
  createdAt: z.string(),
  /** manual, before-migration-to-v5, before-restore. */
  reason: z.string(),
  sizeBytes: z.number(),
  /** How many keys it holds, when this vault can read the count (backups it made itself); null otherwise. */
  keyCount: z.number().int().nullable(),
  /** Why the file cannot be used, when it looks damaged. */
  problem: z.string().nullable(),
})
export type BackupSummary = z.infer<typeof BackupSummary>

/** A backup file's name as main lists it: one file name, never a path. */
const BackupName = z
  .string()
  .max(300)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.keyward-backup$/, { message: 'Choose a backup from the list' })

/**
 * Which backup to restore: one of main's list, by name, or a file the user chose in main's open-file
 * dialog, by the id main gave it. The window never sends a path; main turns either into one.
 */
export const BackupSource = z.discriminatedUnion('from', [
  z.object({ from: z.literal('list'), name: BackupName }).strict(),
  z.object({ from: z.literal('file'), choiceId: z.string().min(1).max(64) }).strict(),
])
export type BackupSource = z.infer<typeof BackupSource>

const RestoreRequest = z
  .object({
    source: BackupSource,
    /** The vault's master password, asked again for a restore. */
    password: MasterPassword,
    /** The backup's own master password, when it was made before the password was changed. */
    backupPassword: MasterPassword.optional(),
  })
  .strict()

const KeyInBackup = z.object({ name: z.string(), versions: z.number().int() })

/** What a restore changes, key by key: names and version counts, never a value. */
export const RestorePreview = z.object({
  backup: BackupSummary,
  keysNow: z.number().int().nullable(),
  keysInBackup: z.number().int(),
  /** In the backup, not in the vault: the restore brings them back. */
  added: z.array(KeyInBackup),
  /** In the vault, not in the backup: the restore removes them. */
  removed: z.array(KeyInBackup),
  /** In both, different (renamed, other versions, edited); `currentName` when the backup names it otherwise. */
  changed: z.array(
    z.object({
      name: z.string(),
      currentName: z.string().nullable(),
      currentVersions: z.number().int(),
      backupVersions: z.number().int(),
    }),
  ),
  unchanged: z.number().int(),
  /** Why the app will not restore this backup (a backup of another vault); null when it may. */
  refusal: z.string().nullable(),
})
export type RestorePreview = z.infer<typeof RestorePreview>

const Empty = z.undefined()
const IdArgument = z.object({ id: Id })

/** Declares one method: its channel and the schemas of what goes in and what comes out. */
/**
 * The keyward command on the user's PATH, as main found it. Main alone decides where its link goes
 * (~/.local/bin on Linux, /usr/local/bin on macOS): the page asks to install or remove, nothing more.
 */
export const CommandStatus = z.object({
  /** installed: Keyward's link leads to this app; by-package: the package put this app's keyward on PATH;
   * foreign: another program's file is where the link would go; unavailable: this build carries no command. */
  state: z.enum(['installed', 'not-installed', 'by-package', 'foreign', 'unavailable']),
  /** Where Keyward puts (or put) the link, the home folder shown as ~. */
  linkPath: z.string(),
  /** The keyward a shell finds first on the app's PATH, or null. */
  firstOnPath: z.string().nullable(),
  /** Set when that keyward is not this app's (an older one earlier on PATH). */
  shadowedBy: z.string().nullable(),
  linkFolderOnPath: z.boolean(),
  /** What to add to PATH when the link's folder is not on it. */
  pathAdvice: z.string().nullable(),
  /** macOS, when /usr/local/bin needs an administrator: the exact command to run in Terminal. */
  adminCommand: z.string().nullable(),
  canInstall: z.boolean(),
  canRemove: z.boolean(),
  message: z.string(),
})
export type CommandStatus = z.infer<typeof CommandStatus>
const CommandOutcome = z.object({ status: CommandStatus, message: z.string() })

const method = <Input extends z.ZodType, Output extends z.ZodType>(channel: string, input: Input, output: Output) => ({
  channel,
  input,
  output,
})

export const contract = {
  getVaultStatus: method('vault:status', Empty, VaultStatus),
  createVault: method('vault:create', z.object({ password: NewMasterPassword }), VaultStatus),
  unlockVault: method('vault:unlock', z.object({ password: MasterPassword }), VaultStatus),
  lockVault: method('vault:lock', Empty, VaultStatus),
  changeMasterPassword: method(
    'vault:change-password',
    z.object({ currentPassword: MasterPassword, newPassword: NewMasterPassword }),
    z.object({ changed: z.literal(true) }),
  ),
  setAutoLock: method(
    'vault:set-auto-lock',
    z.object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    }),
    VaultStatus,
  ),
  /**
   * The master password typed again to show or copy more values (after reauth_required): main checks
   * it against the vault, counting a wrong one like a wrong unlock, and renews the allowance.
   */
  confirmMasterPassword: method(
    'vault:confirm-password',
    z.object({ password: MasterPassword }),
    z.object({ confirmed: z.literal(true) }),
  ),
  /** The user is active in the window: restart the idle auto-lock countdown. */
  reportActivity: method('vault:activity', Empty, z.object({ lockInSeconds: z.number().nullable() })),

  listKeys: method('keys:list', KeyQuery, KeyList),
  getKey: method('keys:get', IdArgument, KeyRecord),
  addKey: method('keys:add', NewKey, KeyRecord),
  updateKey: method('keys:update', z.object({ id: Id, changes: KeyChanges }), KeyRecord),
  deleteKey: method('keys:delete', IdArgument, z.object({ deleted: z.literal(true) })),
  revealKey: method('keys:reveal', IdArgument, z.object({ value: z.string() })),
  copyKey: method('keys:copy', IdArgument, z.object({ clearsInSeconds: z.number() })),
  listKeyVersions: method('keys:versions', IdArgument, z.array(KeyVersion)),
  guessKey: method('keys:guess', z.object({ value: SecretValue }), ValueGuess),

  /** Sends the key's read-only verify request now (waits a few seconds at most for its limits). */
  testKey: method('tests:test-key', IdArgument, KeyTest),
  listKeyTests: method('tests:history', IdArgument, z.array(KeyTest)),
  /** Tests every key (or the ones named) in the background, each within its plan's limits. */
  startTestRun: method('tests:start-run', z.object({ keyIds: z.array(Id).max(100_000).optional() }), TestRunStatus),
  getTestRun: method('tests:run-status', Empty, TestRunStatus.nullable()),
  cancelTestRun: method('tests:cancel-run', Empty, TestRunStatus.nullable()),

  /** Every key's due date and state, most urgent first, with counts per state. */
  getRotationOverview: method('rotation:overview', Empty, RotationOverview),
  setRotationPeriod: method(
    'rotation:set-period',
    z.object({
      id: Id,
      days: z
        .number()
        .int()
        .min(1, { message: 'A rotation period is at least 1 day' })
        .max(3650, { message: 'A rotation period is at most 3650 days (10 years)' })
        .nullable(),
    }),
    RotationStatus,
  ),
  /** Holds a due key's reminders back (capped, never past its expiry); null ends a snooze. */
  snoozeRotation: method(
    'rotation:snooze',
    z.object({
      id: Id,
      snooze: z.union([z.object({ days: z.number().int().min(1).max(365) }), z.object({ until: IsoDate })]).nullable(),
    }),
    z.object({ status: RotationStatus, message: z.string().nullable() }),
  ),
  getRotationPolicy: method('rotation:policy', Empty, RotationPolicy),
  setRotationPolicy: method('rotation:set-policy', RotationPolicy.partial(), RotationPolicy),
  /** Step 1 of the rotate flow: the new value, kept pending beside the current one. */
  startRotation: method(
    'rotation:start',
    z.object({ id: Id, value: SecretValue, expiresAt: IsoDate.nullable().optional() }),
    RotationFlow,
  ),
  /** Step 2: tests the pending value in place (nothing changes on the key yet). */
  testRotation: method('rotation:test', IdArgument, RotationFlow),
  /** Step 3: the new value becomes current; the old one is "retiring" (still copyable, still scanned for). */
  promoteRotation: method('rotation:promote', z.object({ id: Id, force: z.boolean().optional() }), RotationFlow),
  /** Step 4: the user revoked the old value at the provider. */
  confirmRotationRevoked: method('rotation:confirm-revoked', IdArgument, RotationFlow),
  cancelRotation: method('rotation:cancel', IdArgument, z.object({ canceled: z.literal(true) })),
  getRotationFlow: method('rotation:flow', IdArgument, RotationFlow.nullable()),
  listRotationFlows: method('rotation:flows', Empty, z.array(RotationFlow)),
  /** Copies the retiring value (main's clipboard, cleared after 30 s). */
  copyRetiringKey: method('rotation:copy-retiring', IdArgument, z.object({ clearsInSeconds: z.number() })),
  listKeyVersionHistory: method('rotation:version-history', IdArgument, z.array(VersionHistoryEntry)),
  /** Asks main to show a save dialog and writes an .ics calendar of due dates (0600). */
  exportRotationCalendar: method('rotation:export-calendar', Empty, EnvExportResult),

  /** Asks main to show a folder dialog; the folder chosen becomes one the scanner may scan. */
  chooseScanFolder: method(
    'scan:choose-folder',
    Empty,
    z.discriminatedUnion('canceled', [
      z.object({ canceled: z.literal(true) }),
      z.object({ canceled: z.literal(false) }).extend(ScanFolderChoice.shape),
    ]),
  ),
  /** Folders chosen before (most recent first); only these can be scanned. */
  listScanFolders: method('scan:folders', Empty, z.array(ScanFolderChoice)),
  startScan: method('scan:start', z.object({ folder: ScanFolder, scopes: ScanScopes }), ScanRunStatus),
  getScanRun: method('scan:status', Empty, ScanRunStatus.nullable()),
  cancelScan: method('scan:cancel', Empty, ScanRunStatus.nullable()),
  getScanResults: method('scan:results', Empty, ScanResults.nullable()),
  ignoreScanFinding: method(
    'scan:ignore',
    z.object({ fingerprint: FindingFingerprint, reason: z.enum(IGNORE_REASONS) }),
    ScanResults,
  ),
  unignoreScanFinding: method('scan:unignore', z.object({ fingerprint: FindingFingerprint }), ScanResults),
  testScanFinding: method('scan:test-finding', z.object({ fingerprint: FindingFingerprint }), FindingTest),
  /**
   * Copies the full path of the file a finding is in (main's own record of its last scan: the window
   * names the finding, never a path), answering the path as the window may show it (home as ~).
   */
  copyScanFindingPath: method(
    'scan:copy-path',
    z.object({ fingerprint: FindingFingerprint }),
    z.object({ shown: z.string() }),
  ),
  listKeySightings: method('scan:sightings', IdArgument, z.array(KeySighting)),

  /** The vault's audit log, newest first: who did what to which key, and when (never a value). */
  /** Encrypted backups beside the vault, newest first, and the folder they are in. */
  listBackups: method('backups:list', Empty, z.object({ folder: z.string(), backups: z.array(BackupSummary) })),
  createBackup: method('backups:create', Empty, BackupSummary),
  /** Asks main to show an open-file dialog for a backup kept elsewhere; main keeps the path, the window gets an id. */
  chooseBackupFile: method(
    'backups:choose-file',
    Empty,
    z.discriminatedUnion('canceled', [
      z.object({ canceled: z.literal(true) }),
      z.object({ canceled: z.literal(false), choiceId: z.string(), backup: BackupSummary }),
    ]),
  ),
  /** What restoring the backup would change; the master password is asked again; nothing is written. */
  previewRestore: method('backups:preview-restore', RestoreRequest, RestorePreview),
  /**
   * Restores the backup over the vault: the master password again, the vault as it is backed up
   * first ("before-restore"), then the backup's database in its place in one rename.
   */
  restoreBackup: method(
    'backups:restore',
    RestoreRequest,
    RestorePreview.extend({ safetyBackup: z.string().nullable() }),
  ),
  listAuditLog: method(
    'audit:list',
    z.object({
      limit: z.number().int().min(1).max(1000).optional(),
      before: z.number().int().optional(),
      keyId: Id.optional(),
    }),
    z.object({ entries: z.array(AuditEntry), total: z.number().int() }),
  ),

  /** The keyward command on PATH: main links it to the app's own (Settings, "Install the keyward command"). */
  getCommandStatus: method('command:status', Empty, CommandStatus),
  installCommand: method('command:install', Empty, CommandOutcome),
  removeCommand: method('command:remove', Empty, CommandOutcome),

  listProviders: method('providers:list', Empty, z.array(ProviderSummary)),
  /** Points a provider's tests at another base URL (https only), or back at its own with null. */
  setProviderBaseUrl: method(
    'providers:set-base-url',
    z.object({ providerId: Label, baseUrl: z.string().url().max(2000).nullable() }),
    ProviderSummary,
  ),
  /** Asks main to show a file dialog for a CA certificate (PEM) to trust for this provider. */
  chooseProviderCaCertificate: method(
    'providers:choose-ca',
    z.object({ providerId: Label }),
    z.discriminatedUnion('canceled', [
      z.object({ canceled: z.literal(true) }),
      z.object({ canceled: z.literal(false), provider: ProviderSummary }),
    ]),
  ),
  clearProviderCaCertificate: method('providers:clear-ca', z.object({ providerId: Label }), ProviderSummary),
  /** Adds or replaces a user-defined provider; the definition is checked against the schema. */
  saveCustomProvider: method(
    'providers:save-custom',
    z.object({ definition: z.string().min(2).max(MAX_VALUE_BYTES) }),
    ProviderSummary,
  ),
  deleteCustomProvider: method(
    'providers:delete-custom',
    z.object({ providerId: Label }),
    z.object({ deleted: z.literal(true) }),
  ),

  /** Asks main to show a file dialog, then parses the chosen .env file; values stay in main. */
  previewEnvImport: method('env:preview-import', Empty, EnvImportPreview),
  importEnv: method('env:import', EnvImportChoice, z.object({ imported: z.number().int() })),
  /** Copies NAME=value for the key (its variable, its value quoted for dotenv); cleared like a copied value. */
  copyKeyEnvLine: method('env:copy-line', IdArgument, z.object({ variable: z.string(), clearsInSeconds: z.number() })),
  /** Copies the key's keyward:// reference (not a secret: nothing is cleared). */
  copyKeyReference: method('env:copy-reference', IdArgument, z.object({ reference: z.string() })),
  getEnvironmentView: method('env:view', z.object({ environment: Environment }), EnvironmentView),
  copyEnvironmentTemplate: method(
    'env:copy-template',
    z.object({ environment: Environment }),
    z.object({ count: z.number().int() }),
  ),
  /** Asks main for a save dialog, then writes the environment's template (references only). */
  exportEnvironmentTemplate: method('env:export-template', z.object({ environment: Environment }), EnvExportResult),
  /** Asks main to show a save dialog, then writes the environment's keys (file mode 0600). */
  exportEnv: method('env:export', z.object({ environment: Environment }), EnvExportResult),
} as const

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<Name extends MethodName> = z.input<Contract[Name]['input']>
export type MethodOutput<Name extends MethodName> = z.output<Contract[Name]['output']>

export type ErrorCode = (typeof ERROR_CODES)[number]

/** One refused field of a request: where it is (["changes", "name"]) and why, in words; never its value. */
export const FieldIssue = z.object({ path: z.array(z.string()), message: z.string() })
export type FieldIssue = z.infer<typeof FieldIssue>

/** What went wrong; a refused request also names the fields it refused, so a form can say it beside each. */
export const ErrorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.array(FieldIssue).optional(),
})
export type ErrorBody = z.infer<typeof ErrorBody>

/** Every call answers a value or an error a person can read; nothing is thrown across the bridge. */
export type Result<Value> = { ok: true; value: Value } | { ok: false; error: ErrorBody }

/** What window.keyward holds: one function per contract method, and nothing else. */
export type KeywardApi = {
  [Name in MethodName]: undefined extends MethodInput<Name>
    ? (argument?: MethodInput<Name>) => Promise<Result<MethodOutput<Name>>>
    : (argument: MethodInput<Name>) => Promise<Result<MethodOutput<Name>>>
}

export const methodNames = Object.keys(contract) as MethodName[]
