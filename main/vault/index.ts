// The vault service: one encrypted SQLite file, its header, the keys inside, and the app's session.
export { VaultSession, type LockReason, type VaultSessionOptions } from './session/session'
export { createVault, openVault, vaultExists, headerPathFor, type OpenVault, type VaultFileOptions } from './vaultFile'
export { KeyStore, DEFAULT_PAGE_SIZE } from './stores/keyStore'
export {
  defaultVaultPath,
  resolveVaultPath,
  userDataDirectory,
  VAULT_FILE_NAME,
  type PathContext,
} from '../common/vaultLocation'
export { DEFAULT_KDF_COST, type KdfCost } from './file/keyWrapping'
export { DEFAULT_AUTO_LOCK_MINUTES } from './stores/settings'
export { maskValue } from './stores/maskValue'
export {
  unlockAttemptsPathFor,
  unlockDelayAfter,
  FREE_UNLOCK_FAILURES,
  MAX_UNLOCK_DELAY_MILLISECONDS,
} from './file/unlockThrottle'
export { TestHistory, TESTS_KEPT_PER_KEY, type TestToRecord } from './stores/testHistory'
export { RateSlots } from './stores/rateSlots'
export { ProviderStore, type StoredProviderSettings } from './stores/providerStore'
export {
  RotationStore,
  DEFAULT_ROTATION_POLICY,
  ROTATION_STAGES,
  VERSION_STATUSES,
  type KeyRotationRecord,
  type NotificationLevelRecord,
  type StoredRotationFlow,
  type RotationStage,
  type RotationTest,
  type VersionStatus,
} from './stores/rotationStore'
export {
  ScanStore,
  type StoredKeySighting,
  type ScanIgnore,
  type ScanIgnoreReason,
  type SightingKind,
} from './stores/scanStore'
export {
  AuditLog,
  AUDIT_ENTRIES_KEPT,
  changedFieldsInWords,
  keyAddedEntry,
  keyEditedEntry,
  type AuditActor,
  type AuditEntryToRecord,
} from './stores/auditLog'
export {
  backupBeforeMigration,
  backupVault,
  backupsFolderFor,
  createBackup,
  describeBackupFile,
  listBackups,
  previewRestore,
  restoreBackup,
  DEFAULT_BACKUPS_KEPT,
  MAX_BACKUPS_KEPT,
  type BackupInfo,
  type BackupReason,
  type ChangedKey,
  type CreatedBackup,
  type CurrentVaultState,
  type KeyInBackup,
  type RestoreOptions,
  type VaultRestorePreview,
  type RestoreResult,
  type RestoreStep,
} from './backups/backups'
export { LATEST_SCHEMA_VERSION } from './file/migrations'
