// The endpoint a test calls: needed for a provider whose docs name none (Cloro), an optional override
// for the others (their own URL shows as the placeholder).
import type { KeyRecord, ProviderSummary } from '#contract'
import { InlineTextField } from './InlineTextField'
import { useFieldSave } from './useFieldSave'

type AuthTest = NonNullable<ProviderSummary['authTest']>

export function VerifyUrlField({ record, authTest }: { record: KeyRecord; authTest: AuthTest }) {
  const { save, error } = useFieldSave(record.id)
  return (
    <InlineTextField
      label="Verify URL"
      value={record.verifyUrl ?? ''}
      error={error}
      mono
      placeholder={authTest.verifyUrl ?? 'https://… (needed to test: the provider names no endpoint)'}
      onSave={(verifyUrl) => save({ verifyUrl: verifyUrl || null })}
    />
  )
}
