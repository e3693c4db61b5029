// Which of the provider's header schemes a test sends the key in (Clipia takes Bearer, Key or
// X-Api-Key). A provider with one scheme shows it, with nothing to choose.
import { useId } from 'react'
import type { KeyRecord, ProviderSummary } from '#contract'
import { DetailField } from './DetailField'
import { useFieldSave } from './useFieldSave'
import { useOptimisticValue } from './useOptimisticValue'

type AuthTest = NonNullable<ProviderSummary['authTest']>

export function AuthSchemeField({ record, authTest }: { record: KeyRecord; authTest: AuthTest }) {
  const id = useId()
  const { save, error } = useFieldSave(record.id)
  const [scheme, chooseScheme] = useOptimisticValue(record.authScheme, (next) => save({ authScheme: next }))
  const defaultScheme = authTest.schemes.find((entry) => entry.id === authTest.defaultScheme)
  if (authTest.schemes.length <= 1 && record.authScheme === null) {
    return (
      <DetailField label="Header">
        <span className="detail-static mono">{defaultScheme?.label ?? authTest.defaultScheme}</span>
      </DetailField>
    )
  }
  return (
    <DetailField label="Header" htmlFor={id} error={error}>
      <select
        id={id}
        className="inline-select"
        value={scheme ?? ''}
        onChange={(event) => void chooseScheme(event.currentTarget.value || null)}
      >
        <option value="">Default: {defaultScheme?.label ?? authTest.defaultScheme}</option>
        {authTest.schemes.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.label}
          </option>
        ))}
      </select>
    </DetailField>
  )
}
