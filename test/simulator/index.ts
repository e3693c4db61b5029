// The HTTPS provider simulator for integration tests and benchmarks; see docs/simulator.md.
export { startProviderSimulator } from './providerSimulator'
export type {
  HandshakeFailure,
  ProviderSimulator,
  ProviderSimulatorOptions,
  RecordedRequest,
  SimulatorClock,
} from './simulatorTypes'
export { providerHostnames, simulatedProviders, type ProviderId } from './providerIds'
export {
  agentClaraTierLimits,
  cloduraPlanLimits,
  defaultLimitTables,
  rateLimitFloorMilliseconds,
  type AgentClaraTier,
  type CloduraPlan,
  type LimitOverrides,
  type PlanLimits,
} from './rateLimits'
export {
  airclouPermissions,
  clipiaScopes,
  fingerprintSecret,
  keyBehaviours,
  type AirclouPermission,
  type ClipiaScope,
  type KeyBehaviour,
  type KeyState,
  type SimulatedKeySpec,
} from './simulatedKeys'
export { generateTestCertificates, type TestCertificates } from './certificates'
export {
  requestProvider,
  SimulatorRequestError,
  type SimulatorRequestOptions,
  type SimulatorResponse,
} from './simulatorClient'
