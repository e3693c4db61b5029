// The audit entries the app and the command line both leave about where keys are sent: a wider reach
// allowed or declined, and a provider's test settings changed (its base URL, a trusted CA, the user's
// own providers). They are written here, by the services both front doors call, so that the log reads
// the same whichever door the change came through. Written quietly: the change has happened, and an
// entry that could not be written must neither undo it nor hide it.
import type { AuditEntryToRecord, OpenVault } from '../vault/index'

/** Records the entry in the vault's audit log; a failure is told on stderr (its kind, never the entry). */
export const recordQuietly = (vault: OpenVault, entry: AuditEntryToRecord | null): void => {
  if (!entry) return
  try {
    vault.audit.record(entry)
  } catch (error) {
    console.error(`[keyward] could not write the audit log (${error instanceof Error ? error.name : typeof error})`)
  }
}

/** The user's answer to sending keys somewhere new: the hosts, and the change in words. */
export const recordReachAnswer = (
  vault: OpenVault,
  answer: { allowed: boolean; hosts: readonly string[]; change: string },
): void =>
  recordQuietly(vault, {
    action: answer.allowed ? 'wider reach allowed' : 'wider reach declined',
    subject: answer.hosts.join(', '),
    detail: answer.change,
  })

/** What a change to a provider's test settings leaves in the log: the provider's id and the setting. */
export const providerChangeEntry = {
  baseUrlSet: (providerId: string, baseUrl: string | null): AuditEntryToRecord => ({
    action: 'provider base URL set',
    subject: providerId,
    detail: baseUrl ?? 'default',
  }),
  caTrusted: (providerId: string, certificateName: string | null): AuditEntryToRecord => ({
    action: 'provider CA trusted',
    subject: providerId,
    detail: certificateName,
  }),
  caRemoved: (providerId: string): AuditEntryToRecord => ({ action: 'provider CA removed', subject: providerId }),
  customSaved: (providerId: string): AuditEntryToRecord => ({ action: 'custom provider saved', subject: providerId }),
  customDeleted: (providerId: string): AuditEntryToRecord => ({
    action: 'custom provider deleted',
    subject: providerId,
  }),
}
