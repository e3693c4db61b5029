// Provider ids (stored on keys) turned into display names from main's catalog; unknown ids show as-is.
import { useCallback } from 'react'
import { useKeysStore } from '../stores/keysStore'

export const useProviderNames = (): ((provider: string | null) => string) => {
  const providers = useKeysStore((state) => state.providers)
  return useCallback(
    (provider) => {
      if (!provider) return 'No provider'
      return providers.find((entry) => entry.id.toLowerCase() === provider.toLowerCase())?.name ?? provider
    },
    [providers],
  )
}
