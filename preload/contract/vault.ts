// The contract's types about the vault and the app around it: the vault's state, its audit log, and
// the keyward command on PATH.
import { z } from 'zod'

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
