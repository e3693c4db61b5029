// Tests the engine as the app runs it: the real HttpsTransport over real TLS to the provider
// simulator, reached through each provider's base URL override and the simulator's CA as the extra
// CA, on a virtual clock the simulator shares so limits and Retry-After cost no real time.
import { afterAll } from 'vitest'
import {
  AuthTester,
  HttpsTransport,
  type KeyUnderTest,
  type ProviderSettings,
  type TestResult,
} from '../../../main/authtest/index'
import { findProvider } from '../../../main/providers/index'
import type { ProviderId, SimulatedKeySpec } from '../../simulator/index'
import { newKeyFor } from '../simulator/providerKeys'
import { useSimulator } from '../simulator/simulatorTestKit'
import { VirtualClock } from '../../unit/authtest/virtualClock'

/** Cloro's docs name no verify endpoint: the user sets one per key, as this test data does. */
export const CLORO_VERIFY_URL = 'https://api.cloro.dev/v1/me'

export const useAuthTestBench = (options: Parameters<typeof useSimulator>[0] = {}) => {
  const clock = new VirtualClock()
  const session = useSimulator({ clock, ...options })
  const transport = new HttpsTransport()
  afterAll(() => transport.close())

  const settingsFor = (provider: ProviderId): ProviderSettings => ({
    baseUrl: session.simulator.baseUrls[provider],
    extraCa: session.simulator.caCertificatePem,
  })
  let counter = 0
  const keyFor = (provider: ProviderId, fields: Partial<KeyUnderTest> & { value?: string } = {}): KeyUnderTest => ({
    id: `${provider}-${++counter}`,
    name: `${provider} key ${counter}`,
    value: newKeyFor[provider](),
    provider,
    plan: null,
    authScheme: null,
    verifyUrl: provider === 'cloro' ? CLORO_VERIFY_URL : null,
    ...fields,
  })
  /** A key the simulator knows, with the given spec; the key under test carries the same plan. */
  const registered = (
    provider: ProviderId,
    spec: Omit<SimulatedKeySpec, 'value'> = {},
    fields: Partial<KeyUnderTest> = {},
  ): KeyUnderTest => {
    const key = keyFor(provider, fields)
    session.simulator.registerKey(provider, { value: key.value, ...spec })
    return key
  }
  const newTester = (options: { random?: () => number; timeoutMilliseconds?: number } = {}) =>
    new AuthTester({ clock, transport, ...options })
  const testKey = (
    key: KeyUnderTest,
    options: { tester?: AuthTester; maxWaitMilliseconds?: number; settings?: ProviderSettings } = {},
  ): Promise<TestResult> =>
    (options.tester ?? newTester()).test(
      key,
      findProvider(key.provider!),
      options.settings ?? settingsFor(key.provider as ProviderId),
      {
        maxWaitMilliseconds: options.maxWaitMilliseconds ?? 600_000,
      },
    )

  return {
    clock,
    transport,
    get simulator() {
      return session.simulator
    },
    settingsFor,
    keyFor,
    registered,
    newTester,
    testKey,
  }
}
