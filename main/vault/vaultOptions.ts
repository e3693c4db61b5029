// What opening a vault takes and gives: the options of createVault and openVault, the open vault with
// its stores, and the two small rules the file's steps share (the current KDF cost, a wrong password
// counted by the throttle).
import type { Clock } from '../common/clock'
import type { KeywardError } from '../common/errors'
import { DEFAULT_KDF_COST, type KdfCost } from './file/keyWrapping'
import { wrongMasterPassword, type UnlockThrottle } from './file/unlockThrottle'
import type { BackupInfo, CreatedBackup } from './backups/backups'
import type { KeyStore } from './stores/keyStore'
import type { TestHistory } from './stores/testHistory'
import type { ProviderStore } from './stores/providerStore'
import type { VaultSettings } from './stores/settings'
import type { RotationStore } from './stores/rotationStore'
import type { ScanStore } from './stores/scanStore'
import type { AuditActor, AuditLog } from './stores/auditLog'
import type { RateSlots } from './stores/rateSlots'
export interface VaultFileOptions {
  /**
   * The Argon2id cost vaults get now (DEFAULT_KDF_COST unless given): new vaults, password changes,
   * and a vault whose header records less, which is re-wrapped at this cost on unlock. Tests pass a
   * cheap one so that opening their cheap vaults upgrades nothing.
   */
  kdfCost?: KdfCost
  now?: () => Date
  /** Times wrong passwords for the unlock throttle (the system clock otherwise). */
  clock?: Pick<Clock, 'now'>
  /** Called after each durable step of a password change; tests throw here to simulate a crash. */
  afterPasswordChangeStep?: (step: 'recorded' | 'rekeyed') => void
  /** Who the audit log names for what this process does (default: the app). */
  actor?: AuditActor
}

export interface OpenVault {
  readonly path: string
  readonly vaultId: string
  readonly keys: KeyStore
  readonly tests: TestHistory
  readonly providers: ProviderStore
  readonly settings: VaultSettings
  /** Rotation: periods, snoozes, leaks, the rotate flow, version statuses, notifications, policy. */
  readonly rotation: RotationStore
  /** The scanner's fingerprint key, ignored findings, and where each key was last seen. */
  readonly scans: ScanStore
  /** Who did what to which key, and when; never a value. */
  readonly audit: AuditLog
  /** Each key's verify requests, shared by every process, so the plans' limits hold across them. */
  readonly rateSlots: RateSlots
  /** Writes an encrypted backup beside the vault (the last `keep` kept). */
  backUp(options?: { keep?: number }): CreatedBackup
  /** This vault's backups, newest first, with the key count each holds when this vault sealed it. */
  listBackups(): BackupInfo[]
  /** Re-keys the database under a new vault key wrapped by the new password. */
  changeMasterPassword(currentPassword: string, newPassword: string): Promise<void>
  /** Checks the master password typed again (to show more values); a wrong one counts like a wrong unlock. */
  confirmPassword(password: string): Promise<void>
  close(): void
}

export const currentCost = (options: VaultFileOptions): KdfCost => options.kdfCost ?? DEFAULT_KDF_COST

/** Counts a wrong password towards the throttle and answers the error to throw. */
export const wrongPasswordFor = (throttle: UnlockThrottle): KeywardError =>
  wrongMasterPassword(throttle.recordFailure())
