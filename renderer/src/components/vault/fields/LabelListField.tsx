// Scopes or tags of a key, edited as chips and saved on each change.
import { useId } from 'react'
import type { KeyRecord } from '#contract'
import { DetailField } from './DetailField'
import { LabelListEditor } from './LabelListEditor'
import { useFieldSave } from './useFieldSave'

interface LabelListFieldProps {
  record: KeyRecord
  field: 'scopes' | 'tags'
}

export function LabelListField({ record, field }: LabelListFieldProps) {
  const id = useId()
  const { save, error } = useFieldSave(record.id)
  const noun = field === 'scopes' ? 'scope' : 'tag'
  return (
    <DetailField label={field === 'scopes' ? 'Scopes' : 'Tags'} htmlFor={id} error={error}>
      <LabelListEditor id={id} noun={noun} values={record[field]} onChange={(next) => void save({ [field]: next })} />
    </DetailField>
  )
}
