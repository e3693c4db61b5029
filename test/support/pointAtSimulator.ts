// Points a provider at the HTTPS provider simulator from the app, the way a user would: its base URL,
// then the simulator's CA chosen in main's dialog, each widening confirmed in main's own prompt.
import { expect } from 'vitest'
import type { ProviderId, ProviderSimulator } from '../simulator/index'
import type { IpcWorld } from './ipcWorld'

export const pointAtSimulator = async (
  world: IpcWorld,
  simulator: ProviderSimulator,
  providerId: ProviderId,
): Promise<void> => {
  world.confirmations.answerNext(true)
  await world.call('setProviderBaseUrl', { providerId, baseUrl: simulator.baseUrls[providerId] })
  world.dialogs.answerNext(simulator.caPath)
  world.confirmations.answerNext(true)
  const chosen = await world.call('chooseProviderCaCertificate', { providerId })
  expect(chosen.canceled).toBe(false)
}
