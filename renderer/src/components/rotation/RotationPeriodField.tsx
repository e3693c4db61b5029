// How often this key is rotated: its own period in days, or its provider's / the vault's default.
// Saved on Enter or when the field is left; main checks the range and its refusal shows here.
import { useEffect, useId, useState } from 'react'
import type { RotationStatus } from '#contract'
import { useRotationStore } from '../../stores/rotationStore'
import { DetailField } from '../vault/fields/DetailField'

/** Main's words for the period say "(set on this key)" when the key has its own. */
const hasOwnPeriod = (status: RotationStatus): boolean =>
  `${status.dueReason} ${status.stateReason}`.includes('set on this key')

export function RotationPeriodField({ status }: { status: RotationStatus }) {
  const id = useId()
  const setPeriod = useRotationStore((state) => state.setPeriod)
  const [draft, setDraft] = useState(String(status.periodDays))
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const own = hasOwnPeriod(status)

  useEffect(() => setDraft(String(status.periodDays)), [status.periodDays])

  const save = async (days: number | null) => {
    setSaving(true)
    const message = await setPeriod(status.keyId, days)
    setSaving(false)
    setError(message)
  }

  const commit = () => {
    const text = draft.trim()
    if (text === String(status.periodDays)) return
    if (text === '') {
      void save(null)
      return
    }
    const days = Number(text)
    if (!Number.isInteger(days)) {
      setError('Enter a whole number of days, or leave it empty for the default.')
      return
    }
    void save(days)
  }

  return (
    <DetailField label="Rotate every" htmlFor={id} error={error}>
      <span className="rotation-period-input">
        <input
          id={id}
          className="inline-input rotation-period-number"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          step={1}
          value={draft}
          disabled={saving}
          aria-describedby={`${id}-unit`}
          onChange={(event) => {
            setDraft(event.currentTarget.value)
            setError(null)
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              commit()
            } else if (event.key === 'Escape') {
              setDraft(String(status.periodDays))
              setError(null)
            }
          }}
          onBlur={commit}
        />
        <span id={`${id}-unit`}>days</span>
        {own ? (
          <button
            type="button"
            className="link-button rotation-period-source"
            disabled={saving}
            title="Follow the provider's or the vault's period again"
            onClick={() => void save(null)}
          >
            Use default
          </button>
        ) : (
          <span className="rotation-period-source">default</span>
        )}
      </span>
    </DetailField>
  )
}
