// Provider ids (stored on keys) turned into display names from main's catalog; unknown ids show as-is.
import { useCallback } from 'react'
import { useProvidersStore } from '../stores/providersStore'

export const useProviderNames = (): ((provider: string | null) => string) => {
  const providers = useProvidersStore((state) => state.providers)
  return useCallback(
    (provider) => {
      if (!provider) return 'No provider'
      return providers.find((entry) => entry.id.toLowerCase() === provider.toLowerCase())?.name ?? provider
    },
    [providers],
  )
}
