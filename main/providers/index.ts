// Provider catalog service: what providers Keyward knows and how to recognise their keys.
export { providerCatalog, findProvider, ProviderDefinition } from './catalog'
export { guessKey, knownPrefixOf, withGuessedFields } from './guessKey'
export {
  TEST_OUTCOMES,
  TestOutcome,
  AuthScheme,
  AuthTestDefinition,
  AnswerCondition,
  OutcomeRule,
  Plan,
  RateLimits,
  HttpsUrl,
  CONDEMNING_OUTCOMES,
  statusMayCondemn,
  statusesOf,
} from './schema'
export { checkHttpsUrl, isHttpsUrl, type HttpsUrlCheck } from './httpsOnly'
export { parseCustomProvider, knownProviders, type KnownProvider } from './registry'
