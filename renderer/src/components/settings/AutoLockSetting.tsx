// How long the vault stays open without activity before it locks itself.
import { useEffect, useState, type FormEvent } from 'react'
import { useSessionStore } from '../../stores/sessionStore'
import { useUiStore } from '../../stores/uiStore'
import { ErrorMessage } from '../shared/ErrorMessage'

export function AutoLockSetting() {
  const autoLockMinutes = useSessionStore((state) => state.status?.autoLockMinutes ?? 5)
  const setAutoLock = useSessionStore((state) => state.setAutoLock)
  const pushToast = useUiStore((state) => state.pushToast)
  const [draft, setDraft] = useState(String(autoLockMinutes))
  const [error, setError] = useState<string | null>(null)

  useEffect(() => setDraft(String(autoLockMinutes)), [autoLockMinutes])

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const minutes = Number(draft)
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      setError('Choose a whole number of minutes from 1 to 1440 (24 hours).')
      return
    }
    const message = await setAutoLock(minutes)
    setError(message)
    if (!message)
      pushToast(`The vault now locks after ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} idle`, 'success')
  }

  return (
    <section className="settings-section" aria-labelledby="auto-lock-title">
      <h2 id="auto-lock-title" className="settings-title">
        Auto-lock
      </h2>
      <p className="settings-text">
        The vault locks itself when you have not used Keyward for a while. It also locks when the system sleeps.
      </p>
      <form className="inline-form" onSubmit={onSubmit} noValidate>
        <label htmlFor="auto-lock-minutes">Lock after</label>
        <input
          id="auto-lock-minutes"
          className="text-input number-input"
          type="number"
          min={1}
          max={1440}
          step={1}
          value={draft}
          onChange={(event) => {
            setDraft(event.currentTarget.value)
            setError(null)
          }}
        />
        <span>minutes idle</span>
        <button type="submit" className="button" disabled={draft === String(autoLockMinutes)}>
          Save
        </button>
      </form>
      <ErrorMessage message={error} />
    </section>
  )
}
