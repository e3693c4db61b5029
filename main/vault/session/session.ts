// The app's one vault session: locked or unlocked, with the idle auto-lock. Main keeps exactly one;
// every contract method that touches keys goes through it, so a locked vault refuses them all.
import type { VaultStatus } from '#contract'
import type { Clock } from '../../common/clock'
import { systemClock } from '../../common/clock'
import { KeywardError } from '../../common/errors'
import type { KeyStore } from '../stores/keyStore'
import { DEFAULT_AUTO_LOCK_MINUTES } from '../stores/settings'
import { createVault, openVault, vaultExists, type OpenVault, type VaultFileOptions } from '../vaultFile'

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
  /** Unlocks and creates run one at a time, so two at once never leave a second database handle open. */
  private opening: Promise<unknown> = Promise.resolve()
  private lockRequests = 0
  /** Set while a backup replaces the vault's file: the vault counts as open, though its database is closed. */
  private replacing: { keyCount: number } | null = null

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
    // A restore in progress is not a lock: the window keeps the open vault's screens meanwhile.
    const unlocked = this.current !== null || this.replacing !== null
    return {
      state: unlocked ? 'unlocked' : vaultExists(this.vaultPath) ? 'locked' : 'missing',
      vaultPath: this.displayPath(),
      keyCount: this.current ? this.current.keys.count() : (this.replacing?.keyCount ?? null),
      autoLockMinutes: this.autoLockMinutes,
      lockInSeconds: unlocked ? Math.max(0, Math.ceil(this.millisecondsUntilAutoLock() / 1000)) : null,
      lockedBecause: unlocked ? null : this.lockedBecause,
    }
  }

  async create(password: string): Promise<void> {
    const lockRequestsBefore = this.lockRequests
    return this.oneAtATime(async () => {
      this.assertLocked()
      await this.openUnlessLockedSince(lockRequestsBefore, () =>
        createVault(this.vaultPath, password, this.fileOptions()),
      )
    })
  }

  async unlock(password: string): Promise<void> {
    const lockRequestsBefore = this.lockRequests
    return this.oneAtATime(async () => {
      if (this.current) return
      await this.openUnlessLockedSince(lockRequestsBefore, () =>
        openVault(this.vaultPath, password, this.fileOptions()),
      )
    })
  }

  /**
   * Closes the database; no copy of the vault key is kept here (openVault wipes the buffers
   * it made). A lock asked for while an unlock is still deriving its key wins: that unlock ends locked.
   */
  lock(reason: LockReason): void {
    this.lockRequests += 1
    if (!this.current) return
    const closing = this.current
    this.current = null
    this.lockedBecause = reason
    this.stopTimer()
    try {
      closing.close()
    } finally {
      // Even if closing failed, the vault counts as locked: clear the clipboard, tell the UI.
      for (const listener of this.lockListeners) listener(reason)
    }
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

  /**
   * Puts a backup in place of the open vault: the master password is checked first (a wrong one counts
   * like a wrong unlock), the database is closed so the restore has the file to itself (it refuses a
   * vault another connection holds), and the vault is opened again with the same password: restored,
   * or as it was when the restore refused. A lock asked for meanwhile wins: the vault stays locked.
   */
  async replaceVaultFile<Result>(password: string, replace: (vaultPath: string) => Promise<Result>): Promise<Result> {
    return this.oneAtATime(async () => {
      const vault = this.unlocked()
      await vault.confirmPassword(password)
      const lockRequestsBefore = this.lockRequests
      this.replacing = { keyCount: vault.keys.count() }
      this.current = null
      this.stopTimer()
      vault.close()
      try {
        return await replace(this.vaultPath)
      } finally {
        this.lockedBecause = 'user'
        try {
          if (this.lockRequests === lockRequestsBefore)
            this.opened(await openVault(this.vaultPath, password, this.fileOptions()))
        } finally {
          this.replacing = null
        }
      }
    })
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
    if (!this.current && this.replacing)
      throw new KeywardError('vault_busy', 'A backup is being restored. Try again in a moment.')
    if (!this.current)
      throw new KeywardError('vault_locked', 'The vault is locked. Unlock it with your master password.')
    return this.current
  }

  private assertLocked(): void {
    if (this.current) throw new KeywardError('vault_exists', 'A vault is already open.')
  }

  private oneAtATime<Result>(work: () => Promise<Result>): Promise<Result> {
    const run = this.opening.then(work)
    this.opening = run.catch(() => {})
    return run
  }

  /** Opens, unless a lock was asked for since the unlock was: then the vault is closed again. */
  private async openUnlessLockedSince(lockRequestsBefore: number, open: () => Promise<OpenVault>): Promise<void> {
    const vault = await open()
    if (this.lockRequests !== lockRequestsBefore) {
      // The machine slept or the user pressed Lock while the key was being derived.
      vault.close()
      throw new KeywardError(
        'vault_locked',
        'The vault was locked again while it was being opened. Unlock it once more.',
      )
    }
    this.opened(vault)
  }

  private opened(vault: OpenVault): void {
    this.current = vault
    this.autoLockMinutes = vault.settings.autoLockMinutes
    this.lockedBecause = null
    this.touch()
    for (const listener of this.unlockListeners) listener()
  }

  /** A path as the window shows it: the user's home as ~ (screens and screenshots hold no home folder). */
  displayPath(path: string = this.vaultPath): string {
    const home = this.options.homeDirectory?.replace(/[\\/]+$/, '')
    if (home && (path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}\\`))) {
      return `~${path.slice(home.length)}`
    }
    return path
  }

  private millisecondsUntilAutoLock(): number {
    return this.lastActivity + this.autoLockMinutes * 60_000 - this.clock.now()
  }

  private scheduleAutoLock(): void {
    this.stopTimer()
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null
        if (this.millisecondsUntilAutoLock() <= 0) this.lock('idle')
        else this.scheduleAutoLock()
      },
      Math.max(0, this.millisecondsUntilAutoLock()),
    )
  }

  private stopTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  /** The same clock times wrong passwords, so the unlock throttle moves with it in tests. */
  private fileOptions(): VaultFileOptions {
    return {
      kdfCost: this.options.kdfCost,
      now: this.options.now ?? (() => new Date(this.clock.now())),
      clock: this.clock,
    }
  }
}
