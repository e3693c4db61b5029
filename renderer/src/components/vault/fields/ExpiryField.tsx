// When the key expires: a date, or "No expiry" said in words and chosen with one button, with how far
// away the date is.
import { useId } from 'react'
import type { KeyRecord } from '#contract'
import { dateInputValue, describeExpiry, formatDate, NO_EXPIRY } from '../../../format/describeTime'
import { DetailField } from './DetailField'
import { useFieldSave } from './useFieldSave'

export function ExpiryField({ record }: { record: KeyRecord }) {
  const id = useId()
  const { save, error } = useFieldSave(record.id)
  const dateValue = dateInputValue(record.expiresAt)
  const expiry = record.expiresAt ? describeExpiry(record.expiresAt) : null
  return (
    <DetailField
      label="Expires"
      htmlFor={id}
      error={error}
      aside={
        record.expiresAt && expiry ? (
          <span className="expiry-line">
            <span className={`expiry expiry-${expiry.tone}`} title={formatDate(record.expiresAt)}>
              {expiry.text}
            </span>
            <button type="button" className="link-button" onClick={() => void save({ expiresAt: null })}>
              Set to {NO_EXPIRY.toLowerCase()}
            </button>
          </span>
        ) : (
          <span id={`${id}-none`} className="expiry-none">
            {NO_EXPIRY}
          </span>
        )
      }
    >
      <input
        id={id}
        type="date"
        className="inline-input inline-date"
        value={dateValue}
        aria-describedby={record.expiresAt ? undefined : `${id}-none`}
        onChange={(event) => {
          const next = event.currentTarget.value
          if (next === dateValue) return
          void save({ expiresAt: next || null })
        }}
      />
    </DetailField>
  )
}
