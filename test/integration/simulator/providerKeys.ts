// A fresh key of the right shape for each provider, and the header each provider reads it from.
import type { ProviderId } from '../../simulator/index'
import { fakeKeys, randomToken } from '../../support/fakeKeys'

export const newKeyFor: Record<ProviderId, () => string> = {
  clodura: fakeKeys.clodura,
  cloro: fakeKeys.cloro,
  agentclara: () => `sk_live_${randomToken(32)}`,
  airclou: fakeKeys.airclouLive,
  clipia: fakeKeys.clipiaLive,
}

export const authHeadersFor = (provider: ProviderId, key: string): Record<string, string> =>
  provider === 'clodura' ? { 'X-API-KEY': key } : { Authorization: `Bearer ${key}` }
