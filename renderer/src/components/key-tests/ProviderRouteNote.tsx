// "via https://127.0.0.1:8443": said wherever a test of a provider appears while its tests go to
// another base URL (a staging host or a proxy), so nobody forgets where keys are being sent.
import { findProvider, useProvidersStore } from '../../stores/providersStore'

interface ProviderRouteNoteProps {
  providerId: string | null
  /** compact: host and port only (list rows); the full URL stays in the tooltip. */
  compact?: boolean
}

export function ProviderRouteNote({ providerId, compact = false }: ProviderRouteNoteProps) {
  const baseUrl = useProvidersStore((state) => findProvider(state.providers, providerId)?.baseUrl ?? null)
  if (!baseUrl) return null
  let shown = baseUrl
  if (compact) {
    try {
      shown = new URL(baseUrl).host
    } catch {
      shown = baseUrl
    }
  }
  return (
    <span className="route-note" title={`Tests of these keys go to ${baseUrl} instead of the provider's own host`}>
      via <span className="mono">{shown}</span>
    </span>
  )
}
