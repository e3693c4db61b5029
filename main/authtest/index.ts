// One-click auth tests: build the provider's read-only verify request, keep within each key's plan
// limits, send it over HTTPS, and say what the answer means.
export { AuthTester, DEFAULT_TIMEOUT_MILLISECONDS, type TestResult, type Transport, type TestOptions } from './authTester'
export { classifyAnswer, parseRetryAfter, type Classification, type KeyFacts, type ProviderAnswer } from './classifyAnswer'
export { HttpsTransport, NetworkFailure, MAX_ANSWER_BYTES, type HttpsRequest } from './httpsTransport'
export { SlidingWindows } from './slidingWindows'
export { planVerifyRequest, applyBaseUrl, type KeyUnderTest, type ProviderSettings, type PlannedRequest } from './verifyRequest'
