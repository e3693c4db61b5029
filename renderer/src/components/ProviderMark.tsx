// A provider's mark: its initial on a colour of its own, so rows can be scanned by provider at a glance.
import { providerHue } from '../format/providerHue'

interface ProviderMarkProps {
  provider: string | null
  name: string
  size?: 'small' | 'large'
}

export function ProviderMark({ provider, name, size = 'small' }: ProviderMarkProps) {
  const hue = providerHue(provider)
  const initial = provider ? (name.trim()[0]?.toUpperCase() ?? '?') : '·'
  return (
    <span
      className={`provider-mark provider-mark-${size} ${hue === null ? 'provider-mark-none' : `hue-${hue}`}`}
      aria-hidden="true"
    >
      {initial}
    </span>
  )
}
