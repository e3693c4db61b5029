// Which contract methods leave an entry in the vault's audit log, and what each entry says: the action,
// the key (by id and by its name at the time) or the setting, and a detail in words. Built from the
// method's argument and result only, never from a value: a new value is "value changed", a revealed
// one is "revealed". Reads that show nothing secret (lists, statuses) are not logged.
import type { MethodInput, MethodName, MethodOutput, ScanResults } from '#contract'
import {
  changedFieldsInWords,
  keyAddedEntry,
  keyEditedEntry,
  type AuditEntryToRecord,
  type OpenVault,
} from '../vault/index'
import { recordQuietly } from '../key-test-service/index'
import type { Handlers } from './handlerTypes'

type Describe<Name extends MethodName> = (
  argument: MethodInput<Name>,
  result: MethodOutput<Name>,
  before: string | null,
  vault: OpenVault,
) => AuditEntryToRecord | null

interface AuditRule<Name extends MethodName> {
  /** Read before the handler runs (a deleted key's name). */
  before?: (argument: MethodInput<Name>, vault: OpenVault) => string | null
  /** Recorded before the handler runs, while the vault is still open (locking). */
  recordFirst?: boolean
  describe: Describe<Name>
}

type AuditRules = { [Name in MethodName]?: AuditRule<Name> }

const keyName = (argument: { id: string }, vault: OpenVault): string | null => {
  try {
    return vault.keys.get(argument.id).name
  } catch {
    return null
  }
}

const onKey = <Name extends MethodName>(
  action: string,
  detail?: (argument: MethodInput<Name>, result: MethodOutput<Name>) => string | null,
): AuditRule<Name> => ({
  before: (argument, vault) => keyName(argument as { id: string }, vault),
  describe: (argument, result, name) => ({
    action,
    keyId: (argument as { id: string }).id,
    subject: name,
    detail: detail?.(argument, result) ?? null,
  }),
})

/** A finding named by where it is and its masked secret: "config/app.env:3 (sk_live_••••7hQx)". */
const findingPlace = (results: ScanResults, fingerprint: string): string => {
  const finding = results.findings.find((entry) => entry.fingerprint === fingerprint)
  return finding ? `${finding.path}:${finding.line} (${finding.redactedSecret})` : fingerprint
}

export const AUDIT_RULES: AuditRules = {
  unlockVault: { describe: () => ({ action: 'vault unlocked' }) },
  lockVault: { recordFirst: true, describe: () => ({ action: 'vault locked' }) },
  changeMasterPassword: { describe: () => ({ action: 'master password changed' }) },
  confirmMasterPassword: {
    describe: () => ({ action: 'master password typed again', detail: 'to show or copy more values' }),
  },
  setAutoLock: { describe: (argument) => ({ action: 'auto-lock set', detail: `${argument.minutes} min` }) },

  addKey: { describe: (_argument, result) => keyAddedEntry(result) },
  updateKey: { describe: (argument, result) => keyEditedEntry(result, argument.changes) },
  deleteKey: onKey('key deleted'),
  revealKey: onKey('value revealed'),
  copyKey: onKey('value copied'),
  // A key tested and a run of tests started are recorded by the key-test service, for the app and the
  // command line alike (main/key-test-service/auditEntries.ts).

  // A key's rotation period and snooze are recorded by the rotation service, for the app and the
  // command line alike (main/key-test-service/auditEntries.ts).
  setRotationPolicy: {
    describe: (argument) => ({ action: 'rotation policy changed', detail: changedFieldsInWords(argument) }),
  },
  startRotation: onKey('rotation started', (_argument, result) => `new value v${result.newVersion}`),
  testRotation: onKey('rotation tested', (_argument, result) => result.test?.outcome ?? null),
  promoteRotation: onKey(
    'new value made current',
    (_argument, result) => `v${result.newVersion}${result.forced ? ', without a passing test' : ''}`,
  ),
  confirmRotationRevoked: onKey('old value confirmed revoked', (_argument, result) => `v${result.oldVersion}`),
  cancelRotation: onKey('rotation canceled'),
  copyRetiringKey: onKey('old value copied'),
  exportRotationCalendar: {
    describe: (_argument, result) =>
      result.canceled ? null : { action: 'calendar exported', subject: result.path, detail: `${result.count} keys` },
  },

  startScan: {
    describe: (argument) => ({
      action: 'scan started',
      subject: argument.folder,
      detail: Object.entries(argument.scopes)
        .filter(([, on]) => on)
        .map(([scope]) => scope)
        .join(', '),
    }),
  },
  ignoreScanFinding: {
    describe: (argument, result) => ({
      action: 'finding set aside',
      subject: findingPlace(result, argument.fingerprint),
      detail: argument.reason.replace('_', ' '),
    }),
  },
  unignoreScanFinding: {
    describe: (argument, result) => ({
      action: 'finding restored',
      subject: findingPlace(result, argument.fingerprint),
    }),
  },
  testScanFinding: {
    describe: (_argument, result, _before, vault) => ({
      action: 'leaked value tested',
      keyId: result.keyId,
      subject: keyName({ id: result.keyId }, vault),
      detail: `v${result.keyVersion}: ${result.outcome}`,
    }),
  },

  // A provider's test settings (base URL, trusted CA, the user's own providers) are recorded by the
  // service both the app and the command line call (main/key-test-service/auditEntries.ts), not here.

  copyKeyEnvLine: onKey('env line copied', (_argument, result) => result.variable),
  exportEnvironmentTemplate: {
    describe: (argument, result) =>
      result.canceled
        ? null
        : {
            action: 'template exported',
            subject: result.path,
            detail: `${result.count} ${argument.environment} references`,
          },
  },
  createBackup: { describe: (_argument, result) => ({ action: 'backup made', subject: result.name }) },
  // Written into the vault as restored: the entry says where its keys came from.
  restoreBackup: {
    describe: (_argument, result) => ({
      action: 'backup restored',
      subject: result.backup.name,
      detail: `${result.keysInBackup} keys${result.safetyBackup ? `; the vault before it: ${result.safetyBackup}` : ''}`,
    }),
  },
  importEnv: { describe: (_argument, result) => ({ action: '.env imported', detail: `${result.imported} keys` }) },
  exportEnv: {
    describe: (argument, result) =>
      result.canceled
        ? null
        : { action: '.env exported', subject: result.path, detail: `${result.count} ${argument.environment} keys` },
  },
} as AuditRules

/** The same handlers, each audited method leaving its entry once it has succeeded. */
export const withAuditTrail = (handlers: Handlers, openVault: () => OpenVault | null): Handlers => {
  const audited = { ...handlers } as Record<MethodName, (argument: unknown) => unknown>
  for (const [name, rule] of Object.entries(AUDIT_RULES) as [MethodName, AuditRule<MethodName>][]) {
    const handler = handlers[name] as (argument: unknown) => unknown
    audited[name] = async (argument: unknown) => {
      // The handlers below invokeMethod get arguments already checked against the contract's schema.
      const input = argument as MethodInput<MethodName>
      const vaultBefore = openVault()
      const before = vaultBefore && rule.before ? rule.before(input, vaultBefore) : null
      if (rule.recordFirst) {
        if (vaultBefore) recordQuietly(vaultBefore, rule.describe(input, undefined as never, before, vaultBefore))
        return handler(argument)
      }
      const result = await handler(argument)
      const vault = openVault()
      if (vault) recordQuietly(vault, rule.describe(input, result as never, before, vault))
      return result
    }
  }
  return audited as Handlers
}
