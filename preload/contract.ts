// THE contract between the renderer and main: every method the renderer may call, its IPC channel,
// and runtime schemas for its argument and result. main/ipc, preload and the e2e harness are all
// derived from this one table; the renderer takes its types from here and imports nothing from main/.
// The wire types live by concern in preload/contract/ (fields, keys, tests, rotation, scans, backups,
// env, providers, vault); this file re-exports them, so `preload/contract` stays the one import path.
import { z } from 'zod'
import { ERROR_CODES } from './contractWords'
import { BackupSource, BackupSummary, RestorePreview } from './contract/backups'
import { EnvExportResult, EnvImportChoice, EnvImportPreview, EnvironmentView } from './contract/env'
import {
  Environment,
  IsoDate,
  MAX_VALUE_BYTES,
  MasterPassword,
  NewMasterPassword,
  SecretValue,
} from './contract/fields'
import { KeyChanges, KeyList, KeyQuery, KeyRecord, KeyVersion, NewKey, ValueGuess } from './contract/keys'
import { Id, Label } from './contract/parts'
import { ProviderSummary } from './contract/providers'
import {
  RotationFlow,
  RotationOverview,
  RotationPolicy,
  RotationStatus,
  VersionHistoryEntry,
} from './contract/rotation'
import {
  FindingFingerprint,
  FindingTest,
  IGNORE_REASONS,
  KeySighting,
  ScanFolder,
  ScanFolderChoice,
  ScanResults,
  ScanRunStatus,
  ScanScopes,
} from './contract/scans'
import { KeyTest, TestRunStatus } from './contract/tests'
import { AuditEntry, CommandStatus, VaultStatus } from './contract/vault'

export { ENVIRONMENTS, ERROR_CODES } from './contractWords'
// The words, tones and order of outcomes and rotation states: one table for the CLI and the window.
export * from './statusWords'
export * from './contract/fields'
export * from './contract/keys'
export * from './contract/tests'
export * from './contract/rotation'
export * from './contract/scans'
export * from './contract/backups'
export * from './contract/env'
export * from './contract/providers'
export * from './contract/vault'

const RestoreRequest = z
  .object({
    source: BackupSource,
    /** The vault's master password, asked again for a restore. */
    password: MasterPassword,
    /** The backup's own master password, when it was made before the password was changed. */
    backupPassword: MasterPassword.optional(),
  })
  .strict()

const Empty = z.undefined()
const IdArgument = z.object({ id: Id })

const CommandOutcome = z.object({ status: CommandStatus, message: z.string() })

/** Declares one method: its channel and the schemas of what goes in and what comes out. */
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
  /** The vault's audit log, newest first: who did what to which key, and when (never a value). */
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
