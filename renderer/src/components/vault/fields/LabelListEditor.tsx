// Editing a list of short labels (scopes, tags) as chips: Enter or comma adds, × or Backspace removes.
import { useState } from 'react'

interface LabelListEditorProps {
  id: string
  values: string[]
  noun: string
  onChange: (next: string[]) => void
  placeholder?: string
}

export function LabelListEditor({ id, values, noun, onChange, placeholder }: LabelListEditorProps) {
  const [draft, setDraft] = useState('')

  const addDraft = () => {
    const additions = draft
      .split(',')
      .map((label) => label.trim())
      .filter((label) => label && !values.includes(label))
    setDraft('')
    if (additions.length > 0) onChange([...values, ...new Set(additions)])
  }

  return (
    <div className="label-list">
      {values.map((value) => (
        <span key={value} className="label-chip">
          <span>{value}</span>
          <button
            type="button"
            className="label-chip-remove"
            aria-label={`Remove ${noun} ${value}`}
            onClick={() => onChange(values.filter((entry) => entry !== value))}
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
      ))}
      <input
        id={id}
        className="label-list-input"
        value={draft}
        placeholder={placeholder ?? `Add ${noun}`}
        aria-label={`Add ${noun}`}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={addDraft}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ',') {
            event.preventDefault()
            addDraft()
          } else if (event.key === 'Backspace' && draft === '' && values.length > 0) {
            onChange(values.slice(0, -1))
          } else if (event.key === 'Escape' && draft) {
            event.preventDefault()
            event.stopPropagation()
            setDraft('')
          }
        }}
      />
    </div>
  )
}
