// The key's value: masked until Reveal, then shown for 20 s and dropped (not just hidden) from memory.
// Copy goes through main, which clears the clipboard after 30 s; so does Copy as env line. Copy
// reference copies keyward://… (no secret), for templates that keyward run and inject fill in.
import { useEffect, useState } from 'react'
import type { KeyRecord } from '#contract'
import { copyKeyEnvLine, copyKeyReference } from '../../actions/copyKeyAs'
import { copyKeyValue } from '../../actions/copyKeyValue'
import { callPaced } from '../../api/callPaced'
import { useCountdown } from '../../hooks/useCountdown'
import { useUiStore } from '../../stores/uiStore'
import { ErrorMessage } from '../shared/ErrorMessage'

export const REVEAL_SECONDS = 20

interface Revealed {
  value: string
  hidesAt: number
}

// Longer than 80 lines for its markup: show, hide, copy, copy as env line and copy reference share
// the revealed value, which must be forgotten in one place.
export function SecretValuePanel({ record }: { record: KeyRecord }) {
  const openDialog = useUiStore((state) => state.openDialog)
  const [revealed, setRevealed] = useState<Revealed | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const secondsLeft = useCountdown(revealed?.hidesAt ?? null)

  useEffect(() => {
    if (!revealed) return
    const timer = setTimeout(() => setRevealed(null), Math.max(0, revealed.hidesAt - Date.now()))
    return () => clearTimeout(timer)
  }, [revealed])

  // A new version of the value (changed elsewhere) hides whatever was shown.
  useEffect(() => setRevealed(null), [record.maskedValue, record.versionCount])

  const reveal = async () => {
    if (revealed) {
      setRevealed(null)
      return
    }
    setBusy(true)
    const result = await callPaced('revealKey', { id: record.id })
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setError(null)
    setRevealed({ value: result.value.value, hidesAt: Date.now() + REVEAL_SECONDS * 1000 })
  }

  return (
    <section className="secret-panel" aria-label="Value">
      <div className={`secret-value${revealed ? ' revealed' : ''}`} data-testid="secret-value">
        {revealed ? (
          <code className="secret-text">{revealed.value}</code>
        ) : (
          <code className="secret-text masked">{record.maskedValue}</code>
        )}
      </div>
      <div className="secret-actions">
        <button
          type="button"
          className="button"
          onClick={() => void reveal()}
          disabled={busy}
          aria-pressed={revealed !== null}
        >
          {revealed ? 'Hide' : 'Reveal'}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void copyKeyValue(record.id)}
          title="Copy (Ctrl+C)"
        >
          Copy
        </button>
        <button
          type="button"
          className="button"
          onClick={() => openDialog({ kind: 'change-value', keyId: record.id, keyName: record.name })}
        >
          Change value…
        </button>
        <span className="secret-timer" aria-live="polite">
          {revealed && secondsLeft !== null ? `Hides in ${secondsLeft} s` : ''}
        </span>
      </div>
      <div className="secret-more-actions">
        <button
          type="button"
          className="link-button"
          onClick={() => void copyKeyEnvLine(record.id)}
          title="NAME=value, for a .env (cleared after 30 s)"
        >
          Copy as env line
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => void copyKeyReference(record.id)}
          title="keyward://… for a template: keyward run and keyward inject fill it in"
        >
          Copy reference
        </button>
      </div>
      <ErrorMessage message={error} />
    </section>
  )
}
