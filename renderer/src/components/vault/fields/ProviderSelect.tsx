// Choosing a provider from main's catalog; a provider the catalog does not know stays choosable.
import type { ProviderSummary } from '#contract'

interface ProviderSelectProps {
  id: string
  value: string | null
  providers: ProviderSummary[]
  onChange: (provider: string | null) => void
  className?: string
  ariaLabel?: string
}

export function ProviderSelect({
  id,
  value,
  providers,
  onChange,
  className = 'select-input',
  ariaLabel,
}: ProviderSelectProps) {
  const known = value === null || providers.some((provider) => provider.id === value)
  return (
    <select
      id={id}
      className={className}
      value={value ?? ''}
      aria-label={ariaLabel}
      onChange={(event) => onChange(event.currentTarget.value || null)}
    >
      <option value="">No provider</option>
      {providers.map((provider) => (
        <option key={provider.id} value={provider.id}>
          {provider.name}
        </option>
      ))}
      {known ? null : <option value={value ?? ''}>{value}</option>}
    </select>
  )
}
