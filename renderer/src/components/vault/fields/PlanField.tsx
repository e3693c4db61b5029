// The provider plan a key is on, which sets how fast Keyward may test it: "Starter — 1/s, 10/min, 600/day".
import { useId } from 'react'
import type { KeyRecord, ProviderSummary } from '#contract'
import { describePlan } from '../../../format/describePlan'
import { DetailField } from './DetailField'
import { useFieldSave } from './useFieldSave'
import { useOptimisticValue } from './useOptimisticValue'

type AuthTest = NonNullable<ProviderSummary['authTest']>

export function PlanField({ record, authTest }: { record: KeyRecord; authTest: AuthTest }) {
  const id = useId()
  const { save, error } = useFieldSave(record.id)
  const [plan, choosePlan] = useOptimisticValue(record.plan, (next) => save({ plan: next }))
  const defaultPlan = authTest.plans.find((entry) => entry.id === authTest.defaultPlan)
  const known = plan === null || authTest.plans.some((entry) => entry.id === plan)
  return (
    <DetailField label="Plan" htmlFor={id} error={error}>
      <select
        id={id}
        className="inline-select"
        value={plan ?? ''}
        onChange={(event) => void choosePlan(event.currentTarget.value || null)}
      >
        <option value="">{defaultPlan ? `Default: ${describePlan(defaultPlan)}` : 'Not set'}</option>
        {authTest.plans.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {describePlan(entry)}
          </option>
        ))}
        {known ? null : <option value={plan ?? ''}>{plan}</option>}
      </select>
    </DetailField>
  )
}
