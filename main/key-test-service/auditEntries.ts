// The audit entries the app and the command line both leave through the services they share: a wider
// reach allowed or declined, a provider's test settings changed (its base URL, a trusted CA, the
// user's own providers), a key tested or a run of tests started, a key's rotation period or snooze.
// They are written by those services, so the log reads the same whichever door the change came
// through. Written quietly: the change has happened, and an entry that could not be written must
// neither undo it nor hide it.
import type { TestOutcome } from '#contract'
import { countNoun } from '../common/countNoun'
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

/** What a change to a key's reminders leaves in the log: the key, and the period or the snooze now. */
export const rotationChangeEntry = {
  periodSet: (key: { keyId: string; name: string }, days: number | null): AuditEntryToRecord => ({
    action: 'rotation period set',
    keyId: key.keyId,
    subject: key.name,
    detail: days === null ? 'default' : `${days} days`,
  }),
  snoozed: (key: { keyId: string; name: string; snoozedUntil: string | null }): AuditEntryToRecord => ({
    action: 'rotation snoozed',
    keyId: key.keyId,
    subject: key.name,
    detail: key.snoozedUntil ? `until ${key.snoozedUntil.slice(0, 10)}` : 'snooze cleared',
  }),
}

/** What an auth test leaves in the log: the key and its outcome, or how many keys a run set out to test. */
export const keyTestEntry = {
  tested: (key: { id: string; name: string }, outcome: TestOutcome): AuditEntryToRecord => ({
    action: 'key tested',
    keyId: key.id,
    subject: key.name,
    detail: outcome,
  }),
  runStarted: (total: number): AuditEntryToRecord => ({ action: 'tests started', detail: countNoun(total, 'key') }),
}
