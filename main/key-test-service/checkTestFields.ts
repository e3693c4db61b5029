// Checks what a key says about how to test it (plan, header scheme, verify URL) against its provider
// when the user sets it, so a typo is refused at once rather than at the next test.
import type { KeyRecord } from '#contract'
import { KeywardError } from '../common/errors'
import { quotedName } from '../common/shownText'
import { checkHttpsUrl } from '../providers/index'
import type { OpenVault } from '../vault/index'
import { findKnownProvider } from './providerDirectory'

type TestFields = Pick<KeyRecord, 'provider' | 'plan' | 'authScheme' | 'verifyUrl'>

export const checkTestFields = (vault: OpenVault, fields: TestFields): void => {
  const provider = findKnownProvider(vault, fields.provider)
  const test = provider?.authTest
  if (fields.verifyUrl !== null) {
    const checked = checkHttpsUrl(fields.verifyUrl, 'The verify URL')
    if (!checked.url) throw new KeywardError('invalid_argument', checked.problem)
    const url = checked.url
    if (provider && provider.hosts.length > 0 && !provider.hosts.includes(url.hostname)) {
      throw new KeywardError(
        'invalid_argument',
        `Keyward sends ${provider.name} keys only to ${provider.hosts.join(', ')}; ${url.hostname} is not one of them.`,
      )
    }
  }
  if (!test) {
    if (fields.plan !== null || fields.authScheme !== null) {
      throw new KeywardError(
        'invalid_argument',
        provider
          ? `Keyward does not test ${provider.name} keys, so a plan or header scheme means nothing for it.`
          : 'Choose a provider before a plan or a header scheme.',
      )
    }
    return
  }
  if (fields.plan !== null && !test.plans.some((plan) => plan.id === fields.plan)) {
    const plans = test.plans.map((plan) => plan.id).join(', ')
    throw new KeywardError(
      'invalid_argument',
      plans
        ? `${quotedName(fields.plan)} is not one of ${provider!.name}'s plans: ${plans}.`
        : `${provider!.name} has no plans to choose from.`,
    )
  }
  if (fields.authScheme !== null && !test.schemes.some((scheme) => scheme.id === fields.authScheme)) {
    throw new KeywardError(
      'invalid_argument',
      `${quotedName(fields.authScheme)} is not one of ${provider!.name}'s header schemes: ${test.schemes.map((scheme) => scheme.id).join(', ')}.`,
    )
  }
}
