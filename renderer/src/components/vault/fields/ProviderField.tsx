// The key's provider, saved as soon as another is chosen.
import { useId } from 'react'
import type { KeyRecord } from '#contract'
import { DetailField } from './DetailField'
import { ProviderSelect } from './ProviderSelect'
import { useFieldSave } from './useFieldSave'
import { useOptimisticValue } from './useOptimisticValue'
import { useProvidersStore } from '../../../stores/providersStore'

export function ProviderField({ record }: { record: KeyRecord }) {
  const id = useId()
  const providers = useProvidersStore((state) => state.providers)
  const { save, error } = useFieldSave(record.id)
  const [provider, chooseProvider] = useOptimisticValue(record.provider, (next) => save({ provider: next }))
  return (
    <DetailField label="Provider" htmlFor={id} error={error}>
      <ProviderSelect
        id={id}
        className="inline-select"
        value={provider}
        providers={providers}
        onChange={(next) => void chooseProvider(next)}
      />
    </DetailField>
  )
}
