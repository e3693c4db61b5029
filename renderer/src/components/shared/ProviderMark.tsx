// A provider's mark: two letters on a colour of its own, so rows can be scanned by provider at a glance
// (renderer/src/format/providerMarkLook.ts says how each is chosen).
import { providerMarkLook } from '../../format/providerMarkLook'

interface ProviderMarkProps {
  provider: string | null
  name: string
  size?: 'small' | 'large'
}

export function ProviderMark({ provider, name, size = 'small' }: ProviderMarkProps) {
  const look = providerMarkLook(provider, name)
  return (
    <span
      className={`provider-mark provider-mark-${size} ${look === null ? 'provider-mark-none' : `hue-${look.hue}`}`}
      data-provider={provider ?? undefined}
      aria-hidden="true"
    >
      {look?.letters ?? '·'}
    </span>
  )
}
