// The vault service: one encrypted SQLite file, its header, the keys inside, and the app's session.
export { VaultSession, type LockReason, type VaultSessionOptions } from './session'
export { createVault, openVault, vaultExists, headerPathFor, type OpenVault, type VaultFileOptions } from './vaultFile'
export { KeyStore, DEFAULT_PAGE_SIZE } from './keyStore'
export { defaultVaultPath, resolveVaultPath, userDataDirectory, VAULT_FILE_NAME, type PathContext } from './paths'
export { DEFAULT_KDF_COST, type KdfCost } from './keyWrapping'
export { DEFAULT_AUTO_LOCK_MINUTES } from './settings'
export { maskValue } from './maskValue'
export { writeFileAtomically } from './header'
export { unlockAttemptsPathFor, unlockDelayAfter, FREE_UNLOCK_FAILURES, MAX_UNLOCK_DELAY_MILLISECONDS } from './unlockThrottle'
export { TestHistory, TESTS_KEPT_PER_KEY, type TestToRecord } from './testHistory'
export { RateSlots } from './rateSlots'
export { ProviderStore, type StoredProviderSettings } from './providerStore'
export {
  RotationStore,
  DEFAULT_ROTATION_POLICY,
  ROTATION_STAGES,
  VERSION_STATUSES,
  type KeyRotationRecord,
  type NotificationLevelRecord,
  type RotationFlow,
  type RotationPolicy,
  type RotationStage,
  type RotationTest,
  type VersionHistoryEntry,
  type VersionStatus,
} from './rotationStore'
export { ScanStore, type KeySighting, type ScanIgnore, type ScanIgnoreReason, type SightingKind } from './scanStore'
export {
  AuditLog,
  AUDIT_ENTRIES_KEPT,
  changedFieldsInWords,
  keyAddedEntry,
  keyEditedEntry,
  type AuditActor,
  type AuditEntry,
  type AuditEntryToRecord,
} from './auditLog'
export {
  backupBeforeMigration,
  backupVault,
  backupsFolderFor,
  createBackup,
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
  type RestorePreview,
  type RestoreResult,
  type RestoreStep,
} from './backups'
export { LATEST_SCHEMA_VERSION } from './migrations'
