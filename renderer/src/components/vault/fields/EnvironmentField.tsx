// The key's environment (live / test / other), saved on change.
import type { KeyRecord } from '#contract'
import { DetailField } from './DetailField'
import { EnvironmentPicker } from './EnvironmentPicker'
import { useFieldSave } from './useFieldSave'
import { useOptimisticValue } from './useOptimisticValue'

export function EnvironmentField({ record }: { record: KeyRecord }) {
  const { save, error } = useFieldSave(record.id)
  const [environment, chooseEnvironment] = useOptimisticValue(record.environment, (next) => save({ environment: next }))
  return (
    <DetailField label="Environment" error={error}>
      <EnvironmentPicker
        name={`environment-${record.id}`}
        value={environment}
        onChange={(next) => void chooseEnvironment(next)}
      />
    </DetailField>
  )
}
