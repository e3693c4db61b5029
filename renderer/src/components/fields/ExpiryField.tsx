// When the key expires (a date, or none), with how far away that is in words.
import { useId } from 'react'
import type { KeyRecord } from '../../../../preload/contract'
import { describeExpiry } from '../../format/describeTime'
import { DetailField } from './DetailField'
import { useFieldSave } from './useFieldSave'

export function ExpiryField({ record }: { record: KeyRecord }) {
  const id = useId()
  const { save, error } = useFieldSave(record.id)
  const dateValue = record.expiresAt ? record.expiresAt.slice(0, 10) : ''
  const expiry = record.expiresAt ? describeExpiry(record.expiresAt) : null
  return (
    <DetailField
      label="Expires"
      htmlFor={id}
      error={error}
      aside={
        expiry ? (
          <span className={`expiry expiry-${expiry.tone}`}>{expiry.text}</span>
        ) : (
          <span className="muted">Never</span>
        )
      }
    >
      <input
        id={id}
        type="date"
        className="inline-input inline-date"
        value={dateValue}
        onChange={(event) => {
          const next = event.currentTarget.value
          if (next === dateValue) return
          void save({ expiresAt: next || null })
        }}
      />
    </DetailField>
  )
}
