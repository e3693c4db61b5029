// One-click auth tests: build the provider's read-only verify request, keep within each key's plan
// limits, send it over HTTPS, and say what the answer means.
export {
  AuthTester,
  DEFAULT_TIMEOUT_MILLISECONDS,
  type TestResult,
  type Transport,
  type TestOptions,
  type AuthTesterOptions,
} from './authTester'
export {
  classifyAnswer,
  parseRetryAfter,
  parseHttpDate,
  type Classification,
  type KeyFacts,
  type ProviderAnswer,
} from './classifyAnswer'
export {
  HttpsTransport,
  NetworkFailure,
  MAX_ANSWER_BYTES,
  type HttpsRequest,
  type NetworkFailureKind,
} from './httpsTransport'
export { SlidingWindows, WINDOW_MARGIN_MILLISECONDS, earliestWithin } from './slidingWindows'
export { reserveSlot, type SlotLedger, type SlotReservation } from './slotLedger'
export { retryWait, isoDateInRange, MAX_RETRY_AFTER_SECONDS } from './retryPolicy'
export {
  planVerifyRequest,
  verifyTargetUrl,
  applyBaseUrl,
  type KeyUnderTest,
  type ProviderSettings,
  type PlannedRequest,
} from './verifyRequest'
export {
  runTests,
  leastTimeFor,
  DEFAULT_RUN_CONCURRENCY,
  DEFAULT_RUN_MAX_WAIT_MILLISECONDS,
  type TestRunItem,
  type TestRunEntry,
  type TestRunOptions,
  type TestRunProgress,
  type TestRunSummary,
} from './testRun'
