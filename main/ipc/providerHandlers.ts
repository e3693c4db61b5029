// The contract's provider methods: the providers the vault knows, and their test settings (a base URL,
// a trusted CA, the user's own definitions), each change behind main's question when it widens
// where keys are sent.
import { basename } from 'node:path'
import {
  providerSummaries,
  readCaCertificate,
  removeCustomProvider,
  requireProvider,
  saveCustomProvider,
  setProviderBaseUrl,
  setProviderCaCertificate,
} from '../key-test-service/index'
import type { HandlerTools, Handlers } from './handlerTypes'
import type { MainServices } from './services'

type ProviderHandlers = Pick<
  Handlers,
  | 'listProviders'
  | 'setProviderBaseUrl'
  | 'chooseProviderCaCertificate'
  | 'clearProviderCaCertificate'
  | 'saveCustomProvider'
  | 'deleteCustomProvider'
>

/** Providers and their test settings, through the provider settings service. */
export const createProviderHandlers = (
  { session, dialogs }: MainServices,
  { askInMain, vaultNow }: HandlerTools,
): ProviderHandlers => ({
  listProviders: () => providerSummaries(session.vault()),
  setProviderBaseUrl: ({ providerId, baseUrl }) =>
    setProviderBaseUrl(vaultNow, requireProvider(session.vault(), providerId), baseUrl, askInMain),
  chooseProviderCaCertificate: async ({ providerId }) => {
    const provider = requireProvider(session.vault(), providerId)
    const path = await dialogs.chooseCaCertificate(provider.definition.name)
    if (!path) return { canceled: true as const }
    const certificate = { name: basename(path), pem: readCaCertificate(path) }
    return {
      canceled: false as const,
      provider: await setProviderCaCertificate(vaultNow, provider, certificate, askInMain),
    }
  },
  clearProviderCaCertificate: ({ providerId }) =>
    setProviderCaCertificate(vaultNow, requireProvider(session.vault(), providerId), null, askInMain),
  saveCustomProvider: async ({ definition }) => (await saveCustomProvider(vaultNow, definition, askInMain)).provider,
  deleteCustomProvider: ({ providerId }) => {
    removeCustomProvider(session.vault(), providerId)
    return { deleted: true as const }
  },
})
