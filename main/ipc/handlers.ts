// One handler per contract method, each a thin call into a service. The same object is bound to
// Electron's ipcMain (register.ts) and to the e2e harness's loopback endpoint.
import { basename } from 'node:path'
import type { Environment } from '../../preload/contract'
import { definedOnly } from '../common/definedOnly'
import { KeywardError } from '../common/errors'
import { buildEnvExport, parseEnvFile, previewImportEntries, readEnvFileText, writeEnvFile } from '../envfile/index'
import {
  addKey,
  guessKeyIn,
  providerSummaries,
  providersOf,
  readCaCertificate,
  removeCustomProvider,
  requireProvider,
  saveCustomProvider,
  setProviderBaseUrl,
  setProviderCaCertificate,
  updateKey,
  type AskBeforeWiderReach,
} from '../keytests/index'
import { defaultEnvVarName, envLineFor, referenceFor, resolveEnvironmentView } from '../references/index'
import { exportCalendar } from '../rotation/index'
import { sightingsForWindow } from '../scans/index'
import type { OpenVault } from '../vault/index'
import type { MainServices } from './services'
import { withAuditTrail } from './auditTrail'
import { createBackupHandlers } from './backupHandlers'
import { createReachGate } from './reachGate'
import type { Handlers } from './handlerTypes'

export { createServices, disposeServices, type MainServices, type ServiceOptions } from './services'
export { invokeMethod } from './invokeMethod'

export type { Handlers } from './handlerTypes'

const allKeys = (keys: OpenVault['keys']) => keys.list({ limit: 1_000_000 }).keys

const providerVariables = (vault: OpenVault) =>
  providersOf(vault).map(({ definition }) => ({ id: definition.id, envVar: definition.envVar }))

const environmentView = (vault: OpenVault, environment: Environment) =>
  resolveEnvironmentView(allKeys(vault.keys), environment, providerVariables(vault))

/** Every contract method's handler, the audited ones leaving an entry in the vault's audit log. */
export const createHandlers = (services: MainServices): Handlers =>
  withAuditTrail({ ...handlersFor(services), ...createBackupHandlers(services) }, () => services.session.peekVault())

const handlersFor = ({
  session,
  clipboard,
  dialogs,
  confirmations,
  valuePacer,
  pendingImports,
  keyTests,
  rotation,
  scans,
  clock,
  command,
}: MainServices): Omit<Handlers, keyof ReturnType<typeof createBackupHandlers>> => {
  const reachGate = createReachGate(confirmations)
  /** A change that widens where keys go waits for main's own message box. */
  const askInMain: AskBeforeWiderReach = (vault, change, words) => reachGate.allow(vault, change, words)
  const vaultNow = () => session.vault()
  /** A value about to be shown or copied: counted against the allowance first (main paces them, not the window). */
  const paced = (value: string): string => {
    valuePacer.take()
    return value
  }
  return {
    getVaultStatus: () => session.status(),
    createVault: async ({ password }) => {
      await session.create(password)
      return session.status()
    },
    unlockVault: async ({ password }) => {
      await session.unlock(password)
      return session.status()
    },
    lockVault: () => {
      session.lock('user')
      return session.status()
    },
    changeMasterPassword: async ({ currentPassword, newPassword }) => {
      await session.changeMasterPassword(currentPassword, newPassword)
      return { changed: true as const }
    },
    setAutoLock: ({ minutes }) => {
      session.setAutoLockMinutes(minutes)
      return session.status()
    },
    confirmMasterPassword: async ({ password }) => {
      await session.vault().confirmPassword(password)
      valuePacer.renew()
      return { confirmed: true as const }
    },
    reportActivity: () => {
      session.touch()
      return { lockInSeconds: session.status().lockInSeconds }
    },

    listKeys: (query) => session.keys().list(query),
    getKey: ({ id }) => session.keys().get(id),
    addKey: (newKey) => addKey(session.vault(), newKey).record,
    updateKey: async ({ id, changes }) => (await updateKey(vaultNow, id, changes, { ask: askInMain })).after,
    deleteKey: ({ id }) => {
      session.keys().delete(id)
      return { deleted: true as const }
    },
    revealKey: ({ id }) => ({ value: paced(session.keys().revealValue(id)) }),
    copyKey: async ({ id }) => ({ clearsInSeconds: await clipboard.copySecret(paced(session.keys().revealValue(id))) }),
    listKeyVersions: ({ id }) => session.keys().versions(id),
    guessKey: ({ value }) => {
      const vault = session.vault()
      // Add key warns before a second copy of a value is stored (import does the same per line).
      const owner = vault.keys.findValueOwner(value)
      return {
        ...guessKeyIn(vault, value),
        sameValueAs: owner ? { id: owner.record.id, name: owner.record.name, current: owner.current } : null,
      }
    },

    testKey: ({ id }) => keyTests.testKey(id),
    listKeyTests: ({ id }) => {
      const vault = session.vault()
      vault.keys.get(id)
      return vault.tests.list(id)
    },
    startTestRun: ({ keyIds }) => keyTests.startRun(keyIds),
    getTestRun: () => keyTests.runStatus(),
    cancelTestRun: () => keyTests.cancelRun(),

    getRotationOverview: () => rotation.overview(),
    setRotationPeriod: ({ id, days }) => rotation.setPeriod(id, days),
    snoozeRotation: ({ id, snooze }) => {
      const { status, plan } = rotation.snooze(id, snooze)
      return { status, message: plan?.message ?? null }
    },
    getRotationPolicy: () => rotation.policy(),
    setRotationPolicy: (changes) => rotation.setPolicy(definedOnly(changes)),
    startRotation: ({ id, value, expiresAt }) => rotation.startRotation(id, value, { expiresAt: expiresAt ?? null }),
    testRotation: ({ id }) => rotation.testNewValue(id),
    promoteRotation: ({ id, force }) => rotation.promote(id, { force: force ?? false }),
    confirmRotationRevoked: ({ id }) => rotation.confirmRevoked(id),
    cancelRotation: ({ id }) => {
      rotation.cancelRotation(id)
      return { canceled: true as const }
    },
    getRotationFlow: ({ id }) => rotation.flow(id),
    listRotationFlows: () => rotation.flows(),
    copyRetiringKey: async ({ id }) => ({
      clearsInSeconds: await clipboard.copySecret(paced(rotation.revealRetiringValue(id))),
    }),
    listKeyVersionHistory: ({ id }) => rotation.history(id),
    exportRotationCalendar: async () => {
      const vault = session.vault()
      const path = await dialogs.chooseExportPath('keyward-due-dates.ics')
      if (!path) return { canceled: true as const }
      const { count } = exportCalendar(vault, path, clock.now())
      return { canceled: false as const, path, count }
    },

    chooseScanFolder: async () => {
      session.vault()
      const folder = await dialogs.chooseFolderToScan()
      if (folder === null) return { canceled: true as const }
      const remembered = scans.rememberFolder(folder)
      return { canceled: false as const, folder: remembered, shown: session.displayPath(remembered) }
    },
    listScanFolders: () => scans.recentFolders().map((folder) => ({ folder, shown: session.displayPath(folder) })),
    startScan: ({ folder, scopes }) => scans.start(folder, scopes),
    getScanRun: () => scans.status(),
    cancelScan: () => scans.cancel(),
    getScanResults: () => {
      session.vault()
      return scans.results()
    },
    ignoreScanFinding: ({ fingerprint, reason }) => scans.ignore(fingerprint, reason),
    unignoreScanFinding: ({ fingerprint }) => scans.unignore(fingerprint),
    testScanFinding: ({ fingerprint }) => scans.testFinding(fingerprint),
    copyScanFindingPath: async ({ fingerprint }) => {
      session.vault()
      const path = scans.findingPath(fingerprint)
      await clipboard.copyText(path)
      return { shown: session.displayPath(path) }
    },
    listKeySightings: ({ id }) => {
      const vault = session.vault()
      vault.keys.get(id)
      return sightingsForWindow(vault.scans.sightingsOf(id))
    },

    listAuditLog: (query) => session.vault().audit.list(definedOnly(query)),

    getCommandStatus: () => command.status(),
    installCommand: () => command.install(),
    removeCommand: () => command.remove(),
    listProviders: () => providerSummaries(session.vault()),
    setProviderBaseUrl: ({ providerId, baseUrl }) =>
      setProviderBaseUrl(vaultNow, requireProvider(session.vault(), providerId), baseUrl, askInMain),
    chooseProviderCaCertificate: async ({ providerId }) => {
      const provider = requireProvider(session.vault(), providerId)
      const path = await dialogs.chooseCaCertificate(provider.definition.name)
      if (!path) return { canceled: true as const }
      const certificate = { name: basename(path), pem: readCaCertificate(path) }
      return {
        canceled: false as const,
        provider: await setProviderCaCertificate(vaultNow, provider, certificate, askInMain),
      }
    },
    clearProviderCaCertificate: ({ providerId }) =>
      setProviderCaCertificate(vaultNow, requireProvider(session.vault(), providerId), null, askInMain),
    saveCustomProvider: async ({ definition }) => (await saveCustomProvider(vaultNow, definition, askInMain)).provider,
    deleteCustomProvider: ({ providerId }) => {
      removeCustomProvider(session.vault(), providerId)
      return { deleted: true as const }
    },

    previewEnvImport: async () => {
      const keys = session.keys()
      const path = await dialogs.chooseEnvFileToImport()
      if (!path) return { canceled: true as const }
      const { entries, problems } = parseEnvFile(readEnvFileText(path))
      return {
        canceled: false as const,
        importId: pendingImports.add(entries),
        fileName: basename(path),
        problems,
        entries: previewImportEntries(
          entries,
          keys,
          providersOf(session.vault()).map((entry) => entry.definition),
        ),
      }
    },
    importEnv: ({ importId, entries: chosen }) => {
      const keys = session.keys()
      const parsed = new Map(pendingImports.take(importId).map((entry) => [entry.line, entry]))
      const newKeys = chosen.map((choice) => {
        const entry = parsed.get(choice.line)
        if (!entry)
          throw new KeywardError('invalid_argument', `Line ${choice.line} of the file holds no key to import.`)
        return {
          name: choice.name,
          value: entry.value,
          provider: choice.provider,
          environment: choice.environment,
          envVar: entry.variable,
        }
      })
      return { imported: keys.addMany(newKeys, 'imported').length }
    },
    copyKeyEnvLine: async ({ id }) => {
      const vault = session.vault()
      const key = vault.keys.get(id)
      const variable = defaultEnvVarName(key, providerVariables(vault))
      return {
        variable,
        clearsInSeconds: await clipboard.copySecret(envLineFor(variable, paced(vault.keys.revealValue(id)))),
      }
    },
    copyKeyReference: async ({ id }) => {
      const keys = session.keys()
      const reference = referenceFor(keys.get(id), allKeys(keys))
      await clipboard.copyText(reference)
      return { reference }
    },
    getEnvironmentView: ({ environment }) => environmentView(session.vault(), environment),
    copyEnvironmentTemplate: async ({ environment }) => {
      const view = environmentView(session.vault(), environment)
      if (view.variables.length === 0)
        throw new KeywardError('not_found', `There are no ${environment} keys to make a template of.`)
      await clipboard.copyText(view.template)
      return { count: view.variables.length }
    },
    exportEnvironmentTemplate: async ({ environment }) => {
      const view = environmentView(session.vault(), environment)
      if (view.variables.length === 0)
        throw new KeywardError('not_found', `There are no ${environment} keys to make a template of.`)
      const path = await dialogs.chooseExportPath(`${environment}.env.template`)
      if (!path) return { canceled: true as const }
      writeEnvFile(
        path,
        `# ${environment} keys as keyward:// references: fill with "keyward inject", or run with "keyward run".\n${view.template}`,
      )
      return { canceled: false as const, path, count: view.variables.length }
    },
    exportEnv: async ({ environment }) => {
      const keys = session.keys()
      const rows = keys.valuesForExport(environment)
      if (rows.length === 0) {
        throw new KeywardError('not_found', `There are no ${environment} keys to export.`)
      }
      const path = await dialogs.chooseExportPath(`keyward-${environment}.env`)
      if (!path) return { canceled: true as const }
      const { text, count } = buildEnvExport(rows, environment, new Date(clock.now()))
      writeEnvFile(path, text)
      return { canceled: false as const, path, count }
    },
  }
}
