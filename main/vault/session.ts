// The app's one vault session: locked or unlocked, with the idle auto-lock. Main keeps exactly one;
// every contract method that touches keys goes through it, so a locked vault refuses them all.
import type { VaultStatus } from '../../preload/contract'
import type { Clock } from '../common/clock'
import { systemClock } from '../common/clock'
import { KeywardError } from '../common/errors'
import type { KeyStore } from './keyStore'
import { DEFAULT_AUTO_LOCK_MINUTES } from './settings'
import { createVault, openVault, vaultExists, type OpenVault, type VaultFileOptions } from './vaultFile'

export type LockReason = NonNullable<VaultStatus['lockedBecause']>

export interface VaultSessionOptions extends VaultFileOptions {
  vaultPath: string
  clock?: Clock
  /** The user's home folder, shown as ~ in the vault path the status reports. */
  homeDirectory?: string
}

export class VaultSession {
  private current: OpenVault | null = null
  private autoLockMinutes = DEFAULT_AUTO_LOCK_MINUTES
  private lastActivity = 0
  private timer: unknown = null
  private lockedBecause: LockReason | null = null
  private readonly lockListeners = new Set<(reason: LockReason) => void>()
  private readonly unlockListeners = new Set<() => void>()
  private readonly clock: Clock

  constructor(private readonly options: VaultSessionOptions) {
    this.clock = options.clock ?? systemClock
  }

  get vaultPath(): string {
    return this.options.vaultPath
  }

  get isUnlocked(): boolean {
    return this.current !== null
  }

  status(): VaultStatus {
    const unlocked = this.current !== null
    return {
      state: unlocked ? 'unlocked' : vaultExists(this.vaultPath) ? 'locked' : 'missing',
      vaultPath: this.displayPath(),
      keyCount: this.current ? this.current.keys.count() : null,
      autoLockMinutes: this.autoLockMinutes,
      lockInSeconds: unlocked ? Math.max(0, Math.ceil(this.millisecondsUntilAutoLock() / 1000)) : null,
      lockedBecause: unlocked ? null : this.lockedBecause,
    }
  }

  async create(password: string): Promise<void> {
    this.assertLocked()
    this.opened(await createVault(this.vaultPath, password, this.fileOptions()))
  }

  async unlock(password: string): Promise<void> {
    if (this.current) return
    this.opened(await openVault(this.vaultPath, password, this.fileOptions()))
  }

  lock(reason: LockReason): void {
    if (!this.current) return
    this.current.close()
    this.current = null
    this.lockedBecause = reason
    this.stopTimer()
    for (const listener of this.lockListeners) listener(reason)
  }

  /** Calls back each time the vault is opened (created or unlocked). */
  onUnlock(listener: () => void): () => void {
    this.unlockListeners.add(listener)
    return () => this.unlockListeners.delete(listener)
  }

  /** Calls back each time the vault locks, for whatever reason (clear the clipboard, tell the UI). */
  onLock(listener: (reason: LockReason) => void): () => void {
    this.lockListeners.add(listener)
    return () => this.lockListeners.delete(listener)
  }

  async changeMasterPassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.unlocked().changeMasterPassword(currentPassword, newPassword)
    this.touch()
  }

  setAutoLockMinutes(minutes: number): void {
    this.unlocked().settings.autoLockMinutes = minutes
    this.autoLockMinutes = minutes
    this.touch()
  }

  /** The user did something: the idle countdown starts again. */
  touch(): void {
    if (!this.current) return
    this.lastActivity = this.clock.now()
    this.scheduleAutoLock()
  }

  /** The keys of the unlocked vault; a locked vault answers a clear error. Counts as activity. */
  keys(): KeyStore {
    const vault = this.unlocked()
    this.touch()
    return vault.keys
  }

  /** The open vault, or null while locked, for background work: it does not count as activity. */
  peekVault(): OpenVault | null {
    return this.current
  }

  /** The open vault (tests, provider settings…); a locked vault answers a clear error. Counts as activity. */
  vault(): OpenVault {
    const vault = this.unlocked()
    this.touch()
    return vault
  }

  private unlocked(): OpenVault {
    if (!this.current) throw new KeywardError('vault_locked', 'The vault is locked. Unlock it with your master password.')
    return this.current
  }

  private assertLocked(): void {
    if (this.current) throw new KeywardError('vault_exists', 'A vault is already open.')
  }

  private opened(vault: OpenVault): void {
    this.current = vault
    this.autoLockMinutes = vault.settings.autoLockMinutes
    this.lockedBecause = null
    this.touch()
    for (const listener of this.unlockListeners) listener()
  }

  private displayPath(): string {
    const home = this.options.homeDirectory?.replace(/[\\/]+$/, '')
    if (home && (this.vaultPath === home || this.vaultPath.startsWith(`${home}/`) || this.vaultPath.startsWith(`${home}\\`))) {
      return `~${this.vaultPath.slice(home.length)}`
    }
    return this.vaultPath
  }

  private millisecondsUntilAutoLock(): number {
    return this.lastActivity + this.autoLockMinutes * 60_000 - this.clock.now()
  }

  private scheduleAutoLock(): void {
    this.stopTimer()
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      if (this.millisecondsUntilAutoLock() <= 0) this.lock('idle')
      else this.scheduleAutoLock()
    }, Math.max(0, this.millisecondsUntilAutoLock()))
  }

  private stopTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private fileOptions(): VaultFileOptions {
    return { kdfCost: this.options.kdfCost, now: this.options.now }
  }
}
