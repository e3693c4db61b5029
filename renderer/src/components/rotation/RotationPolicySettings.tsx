// Settings → Rotation: the vault's default period, the test keys' own, when reminders come (lead
// times), the longest snooze, whether notifications name keys; and the calendar export. Main checks
// every value and its refusal shows under the form.
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { RotationPolicy } from '#contract'
import { exportRotationCalendar } from '../../actions/exportRotationCalendar'
import { callKeyward } from '../../api/callKeyward'
import { useRotationStore } from '../../stores/rotationStore'
import { useUiStore } from '../../stores/uiStore'
import { ErrorMessage } from '../shared/ErrorMessage'

interface Draft {
  defaultPeriodDays: string
  testKeyPeriodDays: string
  leadTimesDays: string
  maxSnoozeDays: string
  nameKeysInNotifications: boolean
}

const draftOf = (policy: RotationPolicy): Draft => ({
  defaultPeriodDays: String(policy.defaultPeriodDays),
  testKeyPeriodDays: policy.testKeyPeriodDays === null ? '' : String(policy.testKeyPeriodDays),
  leadTimesDays: policy.leadTimesDays.join(', '),
  maxSnoozeDays: String(policy.maxSnoozeDays),
  nameKeysInNotifications: policy.nameKeysInNotifications,
})

const wholeDays = (text: string, what: string): number | string => {
  const days = Number(text.trim())
  return text.trim() !== '' && Number.isInteger(days) ? days : `${what}: enter a whole number of days.`
}

/** The draft as main's policy, or what is wrong with it in words. */
const policyFrom = (draft: Draft): RotationPolicy | string => {
  const defaultPeriodDays = wholeDays(draft.defaultPeriodDays, 'Rotate keys every')
  if (typeof defaultPeriodDays === 'string') return defaultPeriodDays
  let testKeyPeriodDays: number | null = null
  if (draft.testKeyPeriodDays.trim() !== '') {
    const days = wholeDays(draft.testKeyPeriodDays, 'Test keys')
    if (typeof days === 'string') return days
    testKeyPeriodDays = days
  }
  const leadTimesDays = draft.leadTimesDays
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)
  if (leadTimesDays.length === 0 || leadTimesDays.some((days) => !Number.isInteger(days))) {
    return 'Remind me: enter whole numbers of days before the due date, separated by commas (e.g. 30, 7, 1).'
  }
  const maxSnoozeDays = wholeDays(draft.maxSnoozeDays, 'Longest snooze')
  if (typeof maxSnoozeDays === 'string') return maxSnoozeDays
  return {
    defaultPeriodDays,
    testKeyPeriodDays,
    leadTimesDays,
    maxSnoozeDays,
    nameKeysInNotifications: draft.nameKeysInNotifications,
  }
}

interface PolicyFieldProps {
  label: string
  /** What the number counts, said after the field. */
  unit: string
  /** A whole number of days within these bounds; without it, a list of days typed as text. */
  days?: { min: number; max: number; placeholder?: string }
  value: string
  onChange: (value: string) => void
}

/** One row of the policy form: its label, then the field and its unit. */
function PolicyField({ label, unit, days, value, onChange }: PolicyFieldProps) {
  const id = useId()
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <span className="policy-input">
        <input
          id={id}
          className={days ? 'text-input number-input' : 'text-input policy-lead-input'}
          type={days ? 'number' : 'text'}
          inputMode={days ? undefined : 'numeric'}
          min={days?.min}
          max={days?.max}
          placeholder={days?.placeholder}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
        <span className="muted">{unit}</span>
      </span>
    </>
  )
}

// Longer than 80 lines for its markup: the policy's rows, its checkbox, Apply and the calendar export.
export function RotationPolicySettings() {
  const namesId = useId()
  const loadOverview = useRotationStore((state) => state.loadOverview)
  const pushToast = useUiStore((state) => state.pushToast)
  const [policy, setPolicy] = useState<RotationPolicy | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    let current = true
    void callKeyward('getRotationPolicy').then((result) => {
      if (!current) return
      if (result.ok) {
        setPolicy(result.value)
        setDraft(draftOf(result.value))
      } else setError(result.error.message)
    })
    return () => {
      current = false
    }
  }, [])

  const change = (changes: Partial<Draft>) => {
    if (!draft) return
    setDraft({ ...draft, ...changes })
    setError(null)
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (!draft) return
    const next = policyFrom(draft)
    if (typeof next === 'string') {
      setError(next)
      return
    }
    setSaving(true)
    const result = await callKeyward('setRotationPolicy', next)
    setSaving(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setPolicy(result.value)
    setDraft(draftOf(result.value))
    void loadOverview()
    pushToast('Rotation policy saved: due dates follow it now', 'success')
  }

  const unchanged = !policy || !draft || JSON.stringify(draftOf(policy)) === JSON.stringify(draft)
  return (
    <section className="settings-section" aria-labelledby="rotation-policy-title">
      <div className="settings-title-row">
        <h2 id="rotation-policy-title" className="settings-title">
          Rotation
        </h2>
        <button type="button" className="button" onClick={() => void exportRotationCalendar()}>
          Export calendar (.ics)…
        </button>
      </div>
      <p className="settings-text">
        A key is due at its expiry or at its last rotation plus its period, whichever comes first. A key's own period,
        or its provider's, comes before these defaults.
      </p>
      {draft ? (
        <form className="policy-form" onSubmit={onSubmit} noValidate>
          <PolicyField
            label="Rotate keys every"
            unit="days"
            days={{ min: 1, max: 3650 }}
            value={draft.defaultPeriodDays}
            onChange={(defaultPeriodDays) => change({ defaultPeriodDays })}
          />
          <PolicyField
            label="Test keys every"
            unit="days; empty: like live keys"
            days={{ min: 1, max: 3650, placeholder: 'same' }}
            value={draft.testKeyPeriodDays}
            onChange={(testKeyPeriodDays) => change({ testKeyPeriodDays })}
          />
          <PolicyField
            label="Remind me"
            unit="days before the due date (up to 5)"
            value={draft.leadTimesDays}
            onChange={(leadTimesDays) => change({ leadTimesDays })}
          />
          <PolicyField
            label="Longest snooze"
            unit="days"
            days={{ min: 1, max: 90 }}
            value={draft.maxSnoozeDays}
            onChange={(maxSnoozeDays) => change({ maxSnoozeDays })}
          />
          <span />
          <label className="checkbox-label" htmlFor={namesId}>
            <input
              id={namesId}
              type="checkbox"
              checked={draft.nameKeysInNotifications}
              onChange={(event) => change({ nameKeysInNotifications: event.currentTarget.checked })}
            />
            Name keys in notifications
          </label>
          <span />
          <span>
            <button type="submit" className="button" disabled={unchanged || saving}>
              {saving ? 'Saving…' : 'Apply policy'}
            </button>
          </span>
        </form>
      ) : null}
      <ErrorMessage message={error} />
    </section>
  )
}
