// One handler per contract method, each a thin call into a service, gathered from one module per area
// (vault, keys, rotation, scans, providers, .env, backups). The same object is bound to Electron's
// ipcMain (register.ts) and to the e2e harness's loopback endpoint.
import { withAuditTrail } from './auditTrail'
import { createBackupHandlers } from './backupHandlers'
import { createEnvExportHandlers, createEnvImportHandlers } from './envHandlers'
import type { HandlerTools, Handlers } from './handlerTypes'
import { createKeyHandlers } from './keyHandlers'
import { createProviderHandlers } from './providerHandlers'
import { createReachGate } from './reachGate'
import { createRotationHandlers } from './rotationHandlers'
import { createScanHandlers } from './scanHandlers'
import type { MainServices } from './services'
import { createVaultHandlers } from './vaultHandlers'

export { createServices, disposeServices, type MainServices, type ServiceOptions } from './services'
export { invokeMethod } from './invokeMethod'

export type { Handlers } from './handlerTypes'

/** What several areas' handlers share, made once: one reach gate, so main asks one question at a time. */
const toolsFor = ({ session, confirmations, valuePacer }: MainServices): HandlerTools => {
  const reachGate = createReachGate(confirmations)
  return {
    askInMain: (vault, change, words) => reachGate.allow(vault, change, words),
    vaultNow: () => session.vault(),
    paced: (value) => {
      valuePacer.take()
      return value
    },
  }
}

/** Every contract method's handler, the audited ones leaving an entry in the vault's audit log. */
export const createHandlers = (services: MainServices): Handlers => {
  const tools = toolsFor(services)
  const handlers: Handlers = {
    ...createVaultHandlers(services),
    ...createKeyHandlers(services, tools),
    ...createRotationHandlers(services, tools),
    ...createScanHandlers(services),
    ...createProviderHandlers(services, tools),
    ...createEnvImportHandlers(services),
    ...createEnvExportHandlers(services, tools),
    ...createBackupHandlers(services),
  }
  return withAuditTrail(handlers, () => services.session.peekVault())
}
