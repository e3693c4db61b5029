// Auth tests on the vault's keys: one click, or a background run over every key, recorded per key.
export { KeyTestService, RUN_CONCURRENCY, type KeyTestServiceOptions } from './keyTestService'
export {
  providerSummaries,
  summarize,
  providersOf,
  guessKeyIn,
  findKnownProvider,
  testSettingsFor,
} from './providerDirectory'
export { checkTestFields } from './checkTestFields'
export {
  findProviderByIdOrName,
  requireProvider,
  setProviderBaseUrl,
  setProviderCaCertificate,
  saveCustomProvider,
  removeCustomProvider,
  type AskBeforeWiderReach,
  type VaultNow,
} from './providerSettings'
export { readCaCertificate } from './readCaCertificate'
export { providerChangeEntry, recordQuietly, recordReachAnswer, rotationChangeEntry } from './auditEntries'
export {
  addKey,
  updateKey,
  checkNewKeyBeforeValue,
  requireFreeName,
  settleTestFields,
  touchesTestFields,
  type AddedKey,
  type ChangedKey,
} from './keyChanges'
export {
  reachOf,
  mayReachWithoutAsking,
  widerReachOf,
  type KeyReach,
  type ReachChange,
  type WiderReach,
} from './keyReach'
