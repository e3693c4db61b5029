// The rotate flow's seam to the auth tests: tests a new value in place of the key's current one,
// with the key's provider, plan, header scheme, verify URL and the user's provider settings, and
// records nothing (the flow keeps the answer, and the key's history gets it when the value is promoted).
import type { AuthTester } from '../authtest/index'
import { findKnownProvider, testSettingsFor } from '../key-test-service/index'
import type { OpenVault } from '../vault/index'
import type { TestValue } from './rotationService'

/** A click waits this long at most for the key's limits (the same as testing a key). */
const MAX_WAIT_MILLISECONDS = 5_000

export const testValueWithAuthTester =
  (
    openVault: () => OpenVault,
    tester: Pick<AuthTester, 'test'>,
    maxWaitMilliseconds = MAX_WAIT_MILLISECONDS,
  ): TestValue =>
  async (keyId, value) => {
    const vault = openVault()
    const key = vault.keys.get(keyId)
    // Same key id: the new value is on the same account, so it counts against the same limits.
    return tester.test(
      {
        id: key.id,
        name: key.name,
        value,
        provider: key.provider,
        plan: key.plan,
        authScheme: key.authScheme,
        verifyUrl: key.verifyUrl,
      },
      findKnownProvider(vault, key.provider),
      testSettingsFor(vault, key.provider),
      { maxWaitMilliseconds },
    )
  }
