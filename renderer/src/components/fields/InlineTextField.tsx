// A text field edited in place: looks like text until hovered or focused, saves on Enter or leaving,
// Escape puts the saved value back.
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
}

export function InlineTextField({ label, value, onSave, error, placeholder, mono, large, ariaLabel }: InlineTextFieldProps) {
  const id = useId()
  const [draft, setDraft] = useState(value)
  const [focused, setFocused] = useState(false)

  useEffect(() => {
    if (!focused) setDraft(value)
  }, [value, focused])

  const commit = async () => {
    if (draft.trim() === value) {
      setDraft(value)
      return
    }
    const saved = await onSave(draft.trim())
    if (!saved) setDraft(value)
  }

  return (
    <DetailField label={label} htmlFor={id} error={error}>
      <input
        id={id}
        className={`inline-input${mono ? ' mono' : ''}${large ? ' inline-input-large' : ''}`}
        value={draft}
        placeholder={placeholder}
        aria-label={ariaLabel}
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
          }
        }}
      />
    </DetailField>
  )
}
