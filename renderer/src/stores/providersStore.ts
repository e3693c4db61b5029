// The provider catalog as main answers it (built-in and the user's own), with the user's settings laid
// over it: base URL, trusted CA. Every change answers the provider anew, which replaces the old entry.
import { create } from 'zustand'
import type { ProviderSummary, Result } from '#contract'
import { callKeyward } from '../api/callKeyward'

interface ProvidersStore {
  providers: ProviderSummary[]
  loaded: boolean
  loadError: string | null
  /** force: ask again even when a catalog is already here (after a custom provider changed). */
  loadProviders: (options?: { force?: boolean }) => Promise<void>
  setBaseUrl: (providerId: string, baseUrl: string | null) => Promise<Result<ProviderSummary>>
  /** Main shows the file dialog; null when the user canceled it. */
  chooseCaCertificate: (providerId: string) => Promise<Result<ProviderSummary | null>>
  clearCaCertificate: (providerId: string) => Promise<Result<ProviderSummary>>
  saveCustomProvider: (definition: string) => Promise<Result<ProviderSummary>>
  deleteCustomProvider: (providerId: string) => Promise<Result<{ deleted: true }>>
  reset: () => void
}

export const useProvidersStore = create<ProvidersStore>()((set, get) => {
  const replace = (summary: ProviderSummary) => {
    const providers = get().providers
    const known = providers.some((provider) => provider.id === summary.id)
    set({
      providers: known
        ? providers.map((provider) => (provider.id === summary.id ? summary : provider))
        : [...providers, summary],
    })
  }

  return {
    providers: [],
    loaded: false,
    loadError: null,

    loadProviders: async ({ force = false } = {}) => {
      if (get().loaded && !force) return
      const result = await callKeyward('listProviders')
      if (result.ok) set({ providers: result.value, loaded: true, loadError: null })
      else set({ loadError: result.error.message })
    },

    setBaseUrl: async (providerId, baseUrl) => {
      const result = await callKeyward('setProviderBaseUrl', { providerId, baseUrl })
      if (result.ok) replace(result.value)
      return result
    },

    chooseCaCertificate: async (providerId) => {
      const result = await callKeyward('chooseProviderCaCertificate', { providerId })
      if (!result.ok) return result
      if (result.value.canceled) return { ok: true, value: null }
      replace(result.value.provider)
      return { ok: true, value: result.value.provider }
    },

    clearCaCertificate: async (providerId) => {
      const result = await callKeyward('clearProviderCaCertificate', { providerId })
      if (result.ok) replace(result.value)
      return result
    },

    saveCustomProvider: async (definition) => {
      const result = await callKeyward('saveCustomProvider', { definition })
      if (result.ok) replace(result.value)
      return result
    },

    deleteCustomProvider: async (providerId) => {
      const result = await callKeyward('deleteCustomProvider', { providerId })
      if (result.ok) set({ providers: get().providers.filter((provider) => provider.id !== providerId) })
      return result
    },

    // The catalog holds the vault's own settings and providers: a locked vault drops it.
    reset: () => set({ providers: [], loaded: false, loadError: null }),
  }
})

/** The provider a key names (ids are stored on keys; names differ in case at most). */
export const findProvider = (providers: ProviderSummary[], providerId: string | null): ProviderSummary | undefined =>
  providerId === null ? undefined : providers.find((provider) => provider.id.toLowerCase() === providerId.toLowerCase())
