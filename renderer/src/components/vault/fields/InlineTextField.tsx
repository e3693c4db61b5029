// A text field edited in place: looks like text until hovered or focused, saves on Enter or leaving,
// Escape puts the saved value back. A draft its check refuses stays, with the reason under it, unsent.
import { useEffect, useId, useState } from 'react'
import { DetailField } from './DetailField'

interface InlineTextFieldProps {
  label: string
  value: string
  onSave: (next: string) => Promise<boolean>
  error: string | null
  placeholder?: string
  mono?: boolean
  large?: boolean
  ariaLabel?: string
  /** The field's own rule, run before saving: a reason refuses the draft. */
  check?: (draft: string) => string | null
}

export function InlineTextField({
  label,
  value,
  onSave,
  error,
  placeholder,
  mono,
  large,
  ariaLabel,
  check,
}: InlineTextFieldProps) {
  const id = useId()
  const errorId = useId()
  const [draft, setDraft] = useState(value)
  const [focused, setFocused] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  const shownError = refusal ?? error

  // A refused draft stays (with its reason) until fixed or Escape; otherwise the field shows the saved value.
  useEffect(() => {
    if (!focused && !refusal) setDraft(value)
  }, [value, focused, refusal])

  const commit = async () => {
    if (draft.trim() === value) {
      setDraft(value)
      setRefusal(null)
      return
    }
    const reason = check?.(draft.trim()) ?? null
    setRefusal(reason)
    if (reason) return
    const saved = await onSave(draft.trim())
    if (!saved) setDraft(value)
  }

  return (
    <DetailField label={label} htmlFor={id} error={shownError} errorId={errorId}>
      <input
        id={id}
        className={`inline-input${mono ? ' mono' : ''}${large ? ' inline-input-large' : ''}`}
        value={draft}
        placeholder={placeholder}
        aria-label={ariaLabel}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={shownError ? errorId : undefined}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setDraft(event.currentTarget.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false)
          void commit()
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            void commit()
          } else if (event.key === 'Escape') {
            event.preventDefault()
            event.stopPropagation()
            setDraft(value)
            setRefusal(null)
          }
        }}
      />
    </DetailField>
  )
}
